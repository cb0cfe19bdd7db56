package io.daytona.sdk;

import static io.daytona.sdk.FakeServer.ok;
import static io.daytona.sdk.TestSandboxes.sandbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.daytona.model.sandbox.SandboxState;
import io.daytona.model.toolbox.git.FileStatus;
import io.daytona.model.toolbox.git.GitCommitInfo;
import io.daytona.model.toolbox.git.GitFileState;
import io.daytona.model.toolbox.git.GitStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Java SDK's git calls on the wire: paths, snake_case fields, status codes to exceptions. */
class GitTest {
    private static final String GIT = "/toolbox/sb-1/git";

    private FakeServer server;
    private Daytona daytona;
    private Git git;

    @BeforeEach
    void setUp() {
        server = new FakeServer();
        daytona = new Daytona(DaytonaConfig.builder().apiKey("dtn_test").apiUrl(server.apiUrl()).build());
        server.on("GET", "/api/sandbox/sb-1", request -> ok(sandbox("sb-1", SandboxState.STARTED, server.toolboxProxyUrl())));
        git = daytona.get("sb-1").getGit();
    }

    @AfterEach
    void tearDown() {
        daytona.close();
        server.close();
    }

    @Test
    void requestsUseTheWireNames() throws Exception {
        server.on("POST", GIT + "/clone", request -> new FakeServer.Response(200, ""));
        server.on("POST", GIT + "/commit", request -> ok(Map.of("hash", "abc")));
        server.on("DELETE", GIT + "/branches", request -> new FakeServer.Response(204, ""));
        server.on("POST", GIT + "/push", request -> new FakeServer.Response(200, ""));

        git.clone("https://example.com/r.git", "r", GitCloneOptions.of(o -> o.branch("dev").commitId("c0ffee")
                .credentials("me", "secret").insecureSkipTls(true)));
        assertThat(git.commit("r", "msg", "Me", "me@example.com", true).hash()).isEqualTo("abc");
        git.deleteBranch("r", "old");
        git.push("r");

        JsonNode clone = FakeServer.MAPPER.readTree(server.requests("POST", GIT + "/clone").getFirst().body());
        assertThat(clone.path("commit_id").asText()).isEqualTo("c0ffee");
        assertThat(clone.path("insecure_skip_tls").asBoolean()).isTrue();
        assertThat(clone.path("password").asText()).isEqualTo("secret");
        JsonNode commit = FakeServer.MAPPER.readTree(server.requests("POST", GIT + "/commit").getFirst().body());
        assertThat(commit.path("allow_empty").asBoolean()).isTrue();
        assertThat(server.requests("DELETE", GIT + "/branches").getFirst().body()).isEqualTo("{\"path\":\"r\",\"name\":\"old\"}");
        assertThat(server.requests("POST", GIT + "/push").getFirst().body()).isEqualTo("{\"path\":\"r\"}");
        assertThat(GitCloneOptions.of(o -> o.credentials("me", "secret")).toString()).doesNotContain("secret");
    }

    @Test
    void answersAreRecords() {
        GitStatus status = new GitStatus("main", List.of(new FileStatus("a b.txt", GitFileState.UNMODIFIED,
                GitFileState.UPDATED_BUT_UNMERGED, "")), 1, 2, true);
        server.on("GET", GIT + "/status", request -> new FakeServer.Response(200, "{\"currentBranch\":\"main\",\"fileStatus\":"
                + "[{\"name\":\"a b.txt\",\"staging\":\"Unmodified\",\"worktree\":\"Updated but unmerged\",\"extra\":\"\"}],"
                + "\"ahead\":1,\"behind\":2,\"branchPublished\":true}"));
        server.on("GET", GIT + "/branches", request -> ok(Map.of("branches", List.of("main", "dev"))));
        GitCommitInfo commit = new GitCommitInfo("abc", "Me", "me@example.com", "msg", "2026-01-01T00:00:00Z");
        server.on("GET", GIT + "/history", request -> ok(List.of(commit)));

        assertThat(git.status("a dir")).isEqualTo(status);
        assertThat(server.requests("GET", GIT + "/status").getFirst().query()).isEqualTo(Map.of("path", "a dir"));
        assertThat(git.branches("r")).containsExactly("main", "dev");
        assertThat(git.history("r")).containsExactly(commit);
    }

    @Test
    void gitFailuresBecomeTheirExceptions() {
        server.on("POST", GIT + "/clone", request -> new FakeServer.Response(401,
                "{\"statusCode\":401,\"message\":\"git clone failed: authentication failed\",\"error\":\"Unauthorized\"}"));
        server.on("POST", GIT + "/checkout", request -> new FakeServer.Response(404,
                "{\"statusCode\":404,\"message\":\"git checkout nope failed\",\"error\":\"Not Found\"}"));
        assertThatThrownBy(() -> git.clone("https://example.com/r.git", "r")).isInstanceOf(DaytonaAuthenticationException.class)
                .hasMessageContaining("authentication failed");
        assertThatThrownBy(() -> git.checkoutBranch("r", "nope")).isInstanceOf(DaytonaNotFoundException.class);
        assertThatThrownBy(() -> git.add("r", List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
