package io.daytona.daemon.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daytona.http.ErrorCode;
import io.daytona.http.ServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How credentials reach git: through the helper and one process's environment, nowhere else. */
class GitCliTest {
    private static final Credentials CREDENTIALS = new Credentials("alice", "tok-3f9a'\"$x");

    @TempDir
    Path temp;

    @Test
    void theHelperAnswersGitWithTheCredentials() throws Exception {
        GitCli git = new GitCli("git", temp);
        GitCli.Result filled = git.run(GitCli.Call.in(temp, "credential", "fill")
                .withStdin("protocol=https\nhost=example.com\n\n")
                .withCredentials(Optional.of(CREDENTIALS)));
        assertThat(filled.stderr()).isEmpty();
        assertThat(filled.stdout()).contains("username=alice\n").contains("password=" + CREDENTIALS.password() + "\n");
    }

    @Test
    void aStoreHelperOfTheUserNeverSeesThePassword() throws Exception {
        Path home = Files.createDirectories(temp.resolve("home"));
        Files.writeString(home.resolve(".gitconfig"), "[credential]\n\thelper = store\n");
        GitCli git = new GitCli("git", temp);
        GitCli.Result approved = git.run(GitCli.Call.in(temp, "credential", "approve")
                .withEnvironment(Map.of("HOME", home.toString()))
                .withStdin("protocol=https\nhost=example.com\nusername=alice\npassword=" + CREDENTIALS.password() + "\n\n")
                .withCredentials(Optional.of(CREDENTIALS)));
        assertThat(approved.succeeded()).as(approved.stderr()).isTrue();
        assertThat(home.resolve(".git-credentials")).doesNotExist();
    }

    @Test
    void credentialsAreInTheEnvironmentOfGitButNotInItsArguments() throws Exception {
        Path fake = temp.resolve("fake-git");
        Files.writeString(fake, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$OUT/args\"\nenv > \"$OUT/env\"\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        GitCli git = new GitCli(fake.toString(), temp);
        git.run(GitCli.Call.in(temp, "clone", "--", "https://example.com/r.git", "r")
                .withEnvironment(Map.of("OUT", temp.toString()))
                .withCredentials(Optional.of(CREDENTIALS)));
        String arguments = Files.readString(temp.resolve("args"));
        String environment = Files.readString(temp.resolve("env"));
        assertThat(arguments).doesNotContain(CREDENTIALS.password()).contains("credential.helper=\n");
        assertThat(environment).contains("DAYTONA_GIT_PASSWORD=" + CREDENTIALS.password()).contains("GIT_TERMINAL_PROMPT=0");
    }

    @Test
    void halfACredentialPairIsBadInput() {
        assertThat(Credentials.of(null, "")).isEmpty();
        assertThat(Credentials.of("u", "p")).contains(new Credentials("u", "p"));
        assertThatThrownBy(() -> Credentials.of(null, "p")).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
        assertThatThrownBy(() -> Credentials.of("u", null)).isInstanceOf(ServiceException.class);
        assertThatThrownBy(() -> Credentials.of("u", "p\nprotocol=file")).isInstanceOf(ServiceException.class);
        assertThat(CREDENTIALS.toString()).doesNotContain(CREDENTIALS.password());
    }
}
