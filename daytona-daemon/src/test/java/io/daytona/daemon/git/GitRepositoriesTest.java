package io.daytona.daemon.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.daytona.daemon.files.SandboxPaths;
import io.daytona.http.ErrorCode;
import io.daytona.http.ServiceException;
import io.daytona.model.toolbox.git.FileStatus;
import io.daytona.model.toolbox.git.GitCloneRequest;
import io.daytona.model.toolbox.git.GitCommitInfo;
import io.daytona.model.toolbox.git.GitFileState;
import io.daytona.model.toolbox.git.GitStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The git operations against the machine's own git and a local bare repository (no network). */
class GitRepositoriesTest {
    @TempDir
    Path temp;

    private Path workDir;
    private Path origin;
    private GitRepositories git;
    private String firstCommit;

    @BeforeEach
    void createOrigin() throws Exception {
        workDir = Files.createDirectories(temp.resolve("work"));
        Path seed = Files.createDirectories(temp.resolve("seed"));
        sh(seed, "git", "init", "-q", "-b", "main");
        Files.writeString(seed.resolve("README.md"), "hello\n");
        sh(seed, "git", "add", ".");
        sh(seed, "git", "commit", "-q", "-m", "first");
        firstCommit = sh(seed, "git", "rev-parse", "HEAD").strip();
        Files.writeString(seed.resolve("README.md"), "hello again\n");
        sh(seed, "git", "commit", "-q", "-am", "second");
        sh(seed, "git", "checkout", "-q", "-b", "feature");
        Files.writeString(seed.resolve("feature.txt"), "feature\n");
        sh(seed, "git", "add", ".");
        sh(seed, "git", "commit", "-q", "-m", "feature work");
        sh(seed, "git", "checkout", "-q", "main");
        origin = temp.resolve("origin.git");
        sh(temp, "git", "clone", "-q", "--bare", seed.toString(), origin.toString());
        git = new GitRepositories(new SandboxPaths(workDir), new GitCli("git", Files.createDirectories(temp.resolve("scratch"))));
    }

    @Test
    void clonesTheDefaultBranchOrAGivenOneAndTracksTheRemote() {
        git.clone(clone("repo", null, null));
        GitStatus status = git.status("repo");
        assertThat(status.currentBranch()).isEqualTo("main");
        assertThat(status.branchPublished()).isTrue();
        assertThat(status.fileStatus()).isEmpty();
        assertThat(Files.exists(workDir.resolve("repo/README.md"))).isTrue();

        git.clone(clone(workDir.resolve("other").toString(), "feature", null));
        assertThat(git.status(workDir.resolve("other").toString()).currentBranch()).isEqualTo("feature");
        assertThat(git.branches("other")).containsExactly("feature");
    }

    @Test
    void cloneAtACommitDetachesHead() throws Exception {
        git.clone(clone("repo", null, firstCommit));
        assertThat(git.status("repo").currentBranch()).isEqualTo("HEAD");
        assertThat(sh(workDir.resolve("repo"), "git", "rev-parse", "HEAD").strip()).isEqualTo(firstCommit);
    }

    @Test
    void anUnknownCommitLeavesNothingBehind() {
        assertStatus(() -> git.clone(clone("repo", null, "0123456789abcdef0123456789abcdef01234567")), ErrorCode.NOT_FOUND);
        assertThat(Files.exists(workDir.resolve("repo"))).isFalse();
    }

    @Test
    void cloneRefusesANonEmptyDirectoryAndReportsAMissingBranch() throws IOException {
        Files.createDirectories(workDir.resolve("taken"));
        Files.writeString(workDir.resolve("taken/file"), "x");
        assertStatus(() -> git.clone(clone("taken", null, null)), ErrorCode.CONFLICT);
        assertStatus(() -> git.clone(clone("repo", "no-such-branch", null)), ErrorCode.NOT_FOUND);
        assertStatus(() -> git.clone(clone("repo", "--upload-pack=touch /tmp/x", null)), ErrorCode.BAD_REQUEST);
    }

    @Test
    void statusAddCommitAndHistory() throws IOException {
        git.clone(clone("repo", null, null));
        Path repo = workDir.resolve("repo");
        Files.writeString(repo.resolve("README.md"), "changed\n");
        Files.createDirectories(repo.resolve("src"));
        Files.writeString(repo.resolve("src/new.txt"), "new\n");

        assertThat(git.status("repo").fileStatus()).extracting(FileStatus::name, FileStatus::staging, FileStatus::worktree)
                .containsExactly(
                        tuple("README.md", GitFileState.UNMODIFIED, GitFileState.MODIFIED),
                        tuple("src/new.txt", GitFileState.UNTRACKED, GitFileState.UNTRACKED));

        git.add("repo", List.of("src/new.txt"));
        assertThat(git.status("repo").fileStatus()).extracting(FileStatus::name, FileStatus::staging)
                .contains(tuple("src/new.txt", GitFileState.ADDED));

        String hash = git.commit("repo", "#1 add new file", "Ada Lovelace", "ada@example.com", false);
        assertThat(hash).matches("[0-9a-f]{40}");
        GitStatus status = git.status("repo");
        assertThat(status.ahead()).isEqualTo(1);
        assertThat(status.behind()).isZero();

        List<GitCommitInfo> history = history("repo");
        assertThat(history).extracting(GitCommitInfo::message).containsExactly("#1 add new file", "second", "first");
        assertThat(history.getFirst().hash()).isEqualTo(hash);
        assertThat(history.getFirst().author()).isEqualTo("Ada Lovelace");
        assertThat(history.getFirst().email()).isEqualTo("ada@example.com");
        assertThat(history.getFirst().timestamp()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)");
    }

    @Test
    void commitNeedsChangesUnlessEmptyIsAllowed() {
        git.clone(clone("repo", null, null));
        assertStatus(() -> git.commit("repo", "nothing", "A", "a@example.com", false), ErrorCode.BAD_REQUEST);
        assertThat(git.commit("repo", "empty", "A", "a@example.com", true)).matches("[0-9a-f]{40}");
        assertStatus(() -> git.commit("repo", "x", "", "a@example.com", true), ErrorCode.BAD_REQUEST);
        assertStatus(() -> git.add("repo", List.of("no-such-file")), ErrorCode.NOT_FOUND);
    }

    @Test
    void branchesAreCreatedCheckedOutAndDeleted() {
        git.clone(clone("repo", null, null));
        git.createBranch("repo", "topic");
        assertThat(git.status("repo").currentBranch()).isEqualTo("topic");
        assertThat(git.status("repo").branchPublished()).isFalse();
        assertThat(git.branches("repo")).containsExactly("main", "topic");
        assertStatus(() -> git.createBranch("repo", "main"), ErrorCode.CONFLICT);
        assertStatus(() -> git.deleteBranch("repo", "topic"), ErrorCode.CONFLICT);

        git.checkout("repo", "feature");
        assertThat(git.status("repo").currentBranch()).isEqualTo("feature");
        git.deleteBranch("repo", "topic");
        assertThat(git.branches("repo")).containsExactly("feature", "main");
        assertStatus(() -> git.deleteBranch("repo", "topic"), ErrorCode.NOT_FOUND);
        assertStatus(() -> git.checkout("repo", "no-such-branch"), ErrorCode.NOT_FOUND);
        git.checkout("repo", firstCommit);
        assertThat(git.status("repo").currentBranch()).isEqualTo("HEAD");
    }

    @Test
    void pushThenPullInAnotherClone() throws IOException {
        git.clone(clone("one", null, null));
        git.clone(clone("two", null, null));
        Files.writeString(workDir.resolve("one/pushed.txt"), "pushed\n");
        git.add("one", List.of("."));
        String hash = git.commit("one", "pushed", "A", "a@example.com", false);
        git.push(GitRepositories.GitRepoRequestValues.of("one", null, null));
        assertThat(git.status("one").ahead()).isZero();

        git.pull(GitRepositories.GitRepoRequestValues.of("two", null, null));
        assertThat(history("two").getFirst().hash()).isEqualTo(hash);
        assertThat(Files.readString(workDir.resolve("two/pushed.txt"))).isEqualTo("pushed\n");

        git.createBranch("two", "published");
        git.push(GitRepositories.GitRepoRequestValues.of("two", null, null));
        assertThat(git.status("two").branchPublished()).isTrue();
    }

    @Test
    void aMissingOrNonRepositoryPathIsNotFound() throws IOException {
        assertStatus(() -> git.status("nowhere"), ErrorCode.NOT_FOUND);
        Files.createDirectories(workDir.resolve("plain"));
        assertStatus(() -> git.status("plain"), ErrorCode.NOT_FOUND);
        assertStatus(() -> history("plain"), ErrorCode.NOT_FOUND);
        assertStatus(() -> git.status(""), ErrorCode.BAD_REQUEST);
    }

    @Test
    void anEmptyRepositoryHasNoHistory() throws Exception {
        sh(workDir, "git", "init", "-q", "-b", "trunk", "empty");
        assertThat(history("empty")).isEmpty();
        assertThat(git.status("empty").currentBranch()).isEqualTo("trunk");
    }

    private List<GitCommitInfo> history(String path) throws IOException {
        List<GitCommitInfo> commits = new ArrayList<>();
        git.history(path, commits::add);
        return commits;
    }

    private GitCloneRequest clone(String path, String branch, String commit) {
        return new GitCloneRequest(origin.toString(), path, branch, commit, null, null, null);
    }

    private static void assertStatus(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
    }

    private static String sh(Path directory, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(GitCli.identity("Seed", "seed@example.com"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
        return output;
    }

}
