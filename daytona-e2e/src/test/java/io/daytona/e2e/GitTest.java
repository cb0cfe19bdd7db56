package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.daytona.model.toolbox.git.FileStatus;
import io.daytona.model.toolbox.git.GitCommitInfo;
import io.daytona.model.toolbox.git.GitFileState;
import io.daytona.model.toolbox.git.GitStatus;
import io.daytona.sdk.AsyncGit;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.DaytonaAsync;
import io.daytona.sdk.DaytonaAuthenticationException;
import io.daytona.sdk.DaytonaConfig;
import io.daytona.sdk.DaytonaConflictException;
import io.daytona.sdk.DaytonaNotFoundException;
import io.daytona.sdk.Git;
import io.daytona.sdk.GitCloneOptions;
import io.daytona.sdk.Sandbox;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The toolbox git API in a real sandbox against a git server on "the internet" (a network
 * namespace of this machine) that demands basic authentication: over raw HTTP through the proxy,
 * and through the Java SDK.
 */
@ExtendWith(PlatformExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class GitTest {
    private static final String HOME = "/home/daytona";

    private GitServer server;
    private TestSandbox sandbox;
    private Api toolbox;

    @BeforeAll
    void start(Platform platform) throws Exception {
        server = GitServer.start();
        sandbox = TestSandbox.create(platform, Map.of("labels", Map.of("suite", "git-e2e")));
        toolbox = sandbox.toolbox();
    }

    @AfterAll
    void stop() throws Exception {
        if (sandbox != null) {
            sandbox.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void clonesABranchWithCredentialsThatAreNotKept() {
        // A user's "store" helper would write every password git was given to ~/.git-credentials.
        run("git config --global credential.helper store");
        Api.Reply cloned;
        try {
            cloned = toolbox.post("/git/clone", clone("branch-clone", Map.of("branch", GitServer.FEATURE_BRANCH)));
        } finally {
            run("git config --global --unset credential.helper");
        }
        assertThat(cloned.status()).as(cloned.body()).isEqualTo(200);
        assertThat(run("test -e ~/.git-credentials && echo stored || echo none")).isEqualTo("none\n");

        GitStatus status = status("branch-clone");
        assertThat(status.currentBranch()).isEqualTo(GitServer.FEATURE_BRANCH);
        assertThat(status.branchPublished()).isTrue();
        assertThat(status.fileStatus()).isEmpty();
        assertThat(run("cat branch-clone/feature.txt")).isEqualTo("feature work\n");

        String config = run("cat branch-clone/.git/config");
        assertThat(config).contains("url = " + server.url()).doesNotContain(server.password());
        assertThat(run("grep -rl '" + server.password() + "' branch-clone/.git ~/.git-credentials ~/.gitconfig ~/.config/git 2>/dev/null; true"))
                .as("the password anywhere in the repository or the user's git files").isEmpty();
    }

    @Test
    void aPasswordInTheUrlIsUsedButNotStored() {
        String url = server.url().replace("http://", "http://" + GitServer.USERNAME + ":" + server.password() + "@");
        Api.Reply cloned = toolbox.post("/git/clone", Map.of("url", url, "path", "url-clone"));
        assertThat(cloned.status()).as(cloned.body()).isEqualTo(200);
        assertThat(run("git -C url-clone remote get-url origin").strip()).isEqualTo(server.url());
    }

    @Test
    void clonesACommitWithADetachedHead() {
        Api.Reply cloned = toolbox.post("/git/clone", clone("commit-clone", Map.of("commit_id", server.firstCommit())));
        assertThat(cloned.status()).as(cloned.body()).isEqualTo(200);
        assertThat(status("commit-clone").currentBranch()).isEqualTo("HEAD");
        assertThat(run("git -C commit-clone rev-parse HEAD").strip()).isEqualTo(server.firstCommit());
        assertThat(run("ls commit-clone")).isEqualTo("README.md\n");
    }

    @Test
    void wrongOrMissingCredentialsAreA401WithoutThePassword() {
        Map<String, Object> wrong = new HashMap<>(Map.of("url", server.url(), "path", "denied",
                "username", GitServer.USERNAME, "password", "wrong-password-x7"));
        Api.Reply rejected = toolbox.post("/git/clone", wrong);
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(401);
        assertThat(rejected.json().path("message").asText()).contains("authentication failed").doesNotContain("wrong-password-x7");

        Api.Reply anonymous = toolbox.post("/git/clone", Map.of("url", server.url(), "path", "denied"));
        assertThat(anonymous.status()).as(anonymous.body()).isEqualTo(401);
        assertThat(run("test -e denied && echo left || echo gone")).isEqualTo("gone\n");
    }

    @Test
    void editsShowInStatusAndAreStagedCommittedAndListed() {
        assertThat(toolbox.post("/git/clone", clone("work", Map.of())).status()).isEqualTo(200);
        run("echo changed >> work/README.md && mkdir -p work/src && echo new > work/src/new.py");

        JsonNode raw = toolbox.get("/git/status?path=work").json();
        assertThat(raw.path("currentBranch").asText()).isEqualTo("main");
        assertThat(raw.path("fileStatus").toString())
                .contains("\"worktree\":\"Modified\"").contains("\"staging\":\"Untracked\"");

        assertThat(toolbox.post("/git/add", Map.of("path", HOME + "/work", "files", List.of("src/new.py"))).status()).isEqualTo(200);
        assertThat(status("work").fileStatus()).extracting(FileStatus::name, FileStatus::staging, FileStatus::worktree)
                .containsExactly(
                        tuple("README.md", GitFileState.UNMODIFIED, GitFileState.MODIFIED),
                        tuple("src/new.py", GitFileState.ADDED, GitFileState.UNMODIFIED));

        Api.Reply committed = toolbox.post("/git/commit",
                Map.of("path", "work", "message", "Add new.py", "author", "Ada", "email", "ada@example.com"));
        assertThat(committed.status()).as(committed.body()).isEqualTo(200);
        String hash = committed.json().path("hash").asText();
        assertThat(hash).matches("[0-9a-f]{40}");
        assertThat(status("work").ahead()).isEqualTo(1);

        GitCommitInfo[] history = toolbox.get("/git/history?path=work").as(GitCommitInfo[].class);
        // Other tests may have pushed to main before this clone; the server's first commits are the oldest.
        assertThat(history).extracting(GitCommitInfo::message).startsWith("Add new.py").endsWith("Add main.py", "Initial commit");
        assertThat(history[0].hash()).isEqualTo(hash);
        assertThat(history[0].author()).isEqualTo("Ada");
        assertThat(history[0].email()).isEqualTo("ada@example.com");

        Api.Reply nothing = toolbox.post("/git/commit", Map.of("path", "work", "message", "x", "author", "A", "email", "a@b.c"));
        assertThat(nothing.status()).as(nothing.body()).isEqualTo(400);
        Api.Reply empty = toolbox.post("/git/commit",
                Map.of("path", "work", "message", "empty", "author", "A", "email", "a@b.c", "allow_empty", true));
        assertThat(empty.status()).as(empty.body()).isEqualTo(200);
    }

    @Test
    void branchesAreListedCreatedCheckedOutAndDeleted() {
        assertThat(toolbox.post("/git/clone", clone("branches", Map.of())).status()).isEqualTo(200);
        assertThat(toolbox.get("/git/branches?path=branches").json().path("branches").toString()).isEqualTo("[\"main\"]");

        assertThat(toolbox.post("/git/branches", Map.of("path", "branches", "name", "topic")).status()).isEqualTo(201);
        assertThat(status("branches").currentBranch()).isEqualTo("topic");
        assertThat(toolbox.post("/git/branches", Map.of("path", "branches", "name", "topic")).status()).isEqualTo(409);
        assertThat(toolbox.delete("/git/branches", Map.of("path", "branches", "name", "topic")).status())
                .as("the branch checked out").isEqualTo(409);

        assertThat(toolbox.post("/git/checkout", Map.of("path", "branches", "branch", GitServer.FEATURE_BRANCH)).status()).isEqualTo(200);
        assertThat(status("branches").currentBranch()).isEqualTo(GitServer.FEATURE_BRANCH);
        assertThat(toolbox.delete("/git/branches", Map.of("path", "branches", "name", "topic")).status()).isEqualTo(204);
        assertThat(toolbox.get("/git/branches?path=branches").json().path("branches").toString())
                .isEqualTo("[\"" + GitServer.FEATURE_BRANCH + "\",\"main\"]");
        assertThat(toolbox.delete("/git/branches", Map.of("path", "branches", "name", "topic")).status()).isEqualTo(404);
        assertThat(toolbox.post("/git/checkout", Map.of("path", "branches", "branch", "no-such-branch")).status()).isEqualTo(404);
    }

    @Test
    void pushReachesTheServerAndPullBringsItToAnotherClone() throws Exception {
        assertThat(toolbox.post("/git/clone", clone("pusher", Map.of())).status()).isEqualTo(200);
        assertThat(toolbox.post("/git/clone", clone("puller", Map.of())).status()).isEqualTo(200);
        run("echo pushed > pusher/pushed.txt");
        toolbox.post("/git/add", Map.of("path", "pusher", "files", List.of(".")));
        String hash = toolbox.post("/git/commit", Map.of("path", "pusher", "message", "Pushed from a sandbox",
                "author", "Ada", "email", "ada@example.com")).json().path("hash").asText();

        Api.Reply anonymous = toolbox.post("/git/push", Map.of("path", "pusher"));
        assertThat(anonymous.status()).as(anonymous.body()).isEqualTo(401);
        Api.Reply pushed = toolbox.post("/git/push", credentials("pusher"));
        assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
        assertThat(server.log("main").getFirst()).isEqualTo("Pushed from a sandbox");
        assertThat(status("pusher").ahead()).isZero();
        assertThat(run("cat pusher/.git/config")).doesNotContain(server.password());

        Api.Reply pulled = toolbox.post("/git/pull", credentials("puller"));
        assertThat(pulled.status()).as(pulled.body()).isEqualTo(200);
        assertThat(toolbox.get("/git/history?path=puller").as(GitCommitInfo[].class)[0].hash()).isEqualTo(hash);
        assertThat(run("cat puller/pushed.txt")).isEqualTo("pushed\n");
    }

    @Test
    void badInputAndMissingRepositories() {
        assertThat(toolbox.get("/git/status?path=no-such-dir").status()).isEqualTo(404);
        assertThat(toolbox.get("/git/history?path=" + HOME).status()).as("a directory outside any repository").isEqualTo(404);
        assertThat(toolbox.get("/git/status").status()).isEqualTo(400);
        assertThat(toolbox.post("/git/clone", Map.of("path", "x")).status()).isEqualTo(400);
        assertThat(toolbox.post("/git/clone", Map.of("url", server.url(), "path", "x", "password", "p")).status()).isEqualTo(400);
        assertThat(toolbox.post("/git/add", Map.of("path", "no-such-dir", "files", List.of("."))).status()).isEqualTo(404);
        Api.Reply unknownCommit = toolbox.post("/git/clone", clone("bad-commit", Map.of("commit_id", "0".repeat(40))));
        assertThat(unknownCommit.status()).as(unknownCommit.body()).isEqualTo(404);
    }

    @Test
    void javaSdk(Platform platform) throws Exception {
        try (Daytona daytona = new Daytona(DaytonaConfig.builder().apiKey(platform.adminKey()).apiUrl(platform.apiUrl().toString()).build())) {
            Sandbox sdkSandbox = daytona.get(sandbox.id());
            Git git = sdkSandbox.getGit();
            git.clone(server.url(), "sdk", o -> o.branch("main").credentials(GitServer.USERNAME, server.password()));
            git.clone(server.url(), "sdk-commit", GitCloneOptions.of(o -> o.commitId(server.firstCommit())
                    .credentials(GitServer.USERNAME, server.password())));
            assertThat(git.status("sdk-commit").currentBranch()).isEqualTo("HEAD");
            assertThatThrownBy(() -> git.clone(server.url(), "sdk-denied")).isInstanceOf(DaytonaAuthenticationException.class);
            git.pull("sdk", GitServer.USERNAME, server.password());

            sdkSandbox.getFs().uploadFile("print(1)\n".getBytes(StandardCharsets.UTF_8), "sdk/one.py");
            assertThat(git.status("sdk").fileStatus()).containsExactly(
                    new FileStatus("one.py", GitFileState.UNTRACKED, GitFileState.UNTRACKED, ""));
            git.add("sdk", List.of("one.py"));
            String hash = git.commit("sdk", "Add one.py", "Sdk", "sdk@example.com").hash();
            assertThat(git.history("sdk").getFirst()).extracting(GitCommitInfo::hash, GitCommitInfo::message)
                    .containsExactly(hash, "Add one.py");

            git.createBranch("sdk", "sdk-branch");
            assertThat(git.branches("sdk")).containsExactly("main", "sdk-branch");
            git.push("sdk", GitServer.USERNAME, server.password());
            assertThat(git.status("sdk").branchPublished()).isTrue();
            git.checkoutBranch("sdk", "main");
            assertThatThrownBy(() -> git.checkoutBranch("sdk", "nope")).isInstanceOf(DaytonaNotFoundException.class);
            git.deleteBranch("sdk", "sdk-branch");
            assertThatThrownBy(() -> git.deleteBranch("sdk", "main")).isInstanceOf(DaytonaConflictException.class);
            assertThat(git.branches("sdk")).containsExactly("main");
            assertThat(server.log("sdk-branch").getFirst()).isEqualTo("Add one.py");
        }
    }

    @Test
    void asyncJavaSdk(Platform platform) {
        DaytonaConfig config = DaytonaConfig.builder().apiKey(platform.adminKey()).apiUrl(platform.apiUrl().toString()).build();
        try (DaytonaAsync daytona = new DaytonaAsync(config)) {
            AsyncGit git = daytona.get(sandbox.id()).join().getGit();
            git.clone(server.url(), "async", o -> o.credentials(GitServer.USERNAME, server.password())).join();
            assertThat(git.status("async").join().currentBranch()).isEqualTo("main");
            assertThat(git.history("async").join()).extracting(GitCommitInfo::message).endsWith("Add main.py", "Initial commit");
            assertThat(git.branches("async").join()).containsExactly("main");
            assertThat(git.status("no-such-repository")).failsWithin(java.time.Duration.ofSeconds(30))
                    .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withCauseInstanceOf(DaytonaNotFoundException.class);
        }
    }

    private Map<String, Object> clone(String path, Map<String, Object> extra) {
        Map<String, Object> request = new HashMap<>(extra);
        request.put("url", server.url());
        request.put("path", path);
        request.put("username", GitServer.USERNAME);
        request.put("password", server.password());
        return request;
    }

    private Map<String, Object> credentials(String path) {
        return Map.of("path", path, "username", GitServer.USERNAME, "password", server.password());
    }

    private GitStatus status(String path) {
        Api.Reply reply = toolbox.get("/git/status?path=" + path);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.as(GitStatus.class);
    }

    private String run(String command) {
        JsonNode result = toolbox.post("/process/execute", Map.of("command", command)).json();
        return result.path("result").asText();
    }
}
