package io.daytona.daemon.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.daytona.http.ErrorCode;
import io.daytona.http.ServiceException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GitFailuresTest {
    @Test
    void classifiesGitsMessages() {
        assertThat(code("fatal: Authentication failed for 'http://198.18.1.2/repo.git/'")).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(code("fatal: could not read Username for 'http://h': terminal prompts disabled")).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(code("fatal: unable to access 'http://h/': The requested URL returned error: 403")).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(code("fatal: repository 'http://h/x.git/' not found")).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(code("fatal: Remote branch nope not found in upstream origin")).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(code("fatal: destination path 'x' already exists and is not an empty directory.")).isEqualTo(ErrorCode.CONFLICT);
        assertThat(code(" ! [rejected]        main -> main (fetch first)\nerror: failed to push some refs")).isEqualTo(ErrorCode.CONFLICT);
        assertThat(code("fatal: Not possible to fast-forward, aborting.")).isEqualTo(ErrorCode.CONFLICT);
        assertThat(code("fatal: unable to access 'http://h/': Failed to connect to h port 80: Connection refused")).isEqualTo(ErrorCode.BAD_REQUEST);
    }

    @Test
    void messagesNeverContainThePassword() {
        Credentials credentials = new Credentials("alice", "s3cr3t-token");
        ServiceException failure = GitFailures.translate("git clone",
                new GitCli.Result(128, "", "Cloning into 'x'...\nfatal: Authentication failed for 'http://alice:s3cr3t-token@h/x.git/'\n"),
                Optional.of(credentials));
        assertThat(failure.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(failure.getMessage()).doesNotContain("s3cr3t-token").contains("Authentication failed");
    }

    @Test
    void urlsLoseTheirPasswordsButKeepTheRest() {
        RemoteUrl url = RemoteUrl.parse("https://bob:p%40ss@example.com/team/repo.git");
        assertThat(url.url()).isEqualTo("https://example.com/team/repo.git");
        assertThat(url.credentials()).contains(new Credentials("bob", "p@ss"));
        assertThat(RemoteUrl.parse("https://bob@example.com/r.git").url()).isEqualTo("https://bob@example.com/r.git");
        assertThat(RemoteUrl.parse("git@example.com:team/repo.git").credentials()).isEmpty();
        assertThat(RemoteUrl.redactUrls("see 'https://bob:pw@example.com/r.git'")).isEqualTo("see 'https://***@example.com/r.git'");
    }

    private static ErrorCode code(String stderr) {
        return GitFailures.translate("git", new GitCli.Result(128, "", stderr), Optional.empty()).code();
    }
}
