package io.daytona.sdk;

import static io.daytona.sdk.FakeServer.ok;
import static io.daytona.sdk.TestSandboxes.sandbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.daytona.model.sandbox.SandboxState;
import io.daytona.model.toolbox.DirResponse;
import io.daytona.model.toolbox.ExecuteRequest;
import io.daytona.model.toolbox.ExecuteResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SandboxProcessTest {
    private static final String EXECUTE = "/toolbox/sb-1/process/execute";

    private FakeServer server;
    private Daytona daytona;
    private Sandbox sandbox;

    @BeforeEach
    void setUp() {
        server = new FakeServer();
        daytona = new Daytona(DaytonaConfig.builder().apiKey("dtn_test").apiUrl(server.apiUrl()).build());
        // A trailing slash on the proxy URL must not produce a double slash.
        server.on("GET", "/api/sandbox/sb-1", request -> ok(sandbox("sb-1", SandboxState.STARTED, server.toolboxProxyUrl() + "/")));
        sandbox = daytona.get("sb-1");
    }

    @AfterEach
    void tearDown() {
        daytona.close();
        server.close();
    }

    @Test
    void executeCommandSendsTheRequestAndParsesTheResponse() throws Exception {
        server.on("POST", EXECUTE, request -> ok(new ExecuteResponse(3, "hello\n")));

        io.daytona.sdk.ExecuteResponse response = sandbox.getProcess()
                .executeCommand("echo hello", "/tmp", Map.of("A", "1"), Duration.ofMillis(1500));

        assertThat(response.exitCode()).isEqualTo(3);
        assertThat(response.result()).isEqualTo("hello\n");
        assertThat(response.artifacts().stdout()).isEqualTo("hello\n");
        FakeServer.Request request = server.requests("POST", EXECUTE).getFirst();
        JsonNode body = FakeServer.MAPPER.readTree(request.body());
        assertThat(body.path("command").asText()).isEqualTo("echo hello");
        assertThat(body.path("cwd").asText()).isEqualTo("/tmp");
        assertThat(body.path("envs").path("A").asText()).isEqualTo("1");
        assertThat(body.path("timeout").isInt()).isTrue();
        assertThat(body.path("timeout").asInt()).as("rounded up to whole seconds").isEqualTo(2);
        assertThat(request.header("Authorization")).isEqualTo("Bearer dtn_test");
        assertThat(request.header("X-Daytona-Source")).isEqualTo("sdk-java");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void executeCommandOmitsUnsetFields() throws Exception {
        server.on("POST", EXECUTE, request -> ok(new ExecuteResponse(0, "")));

        sandbox.getProcess().executeCommand("true");

        JsonNode body = FakeServer.MAPPER.readTree(server.requests("POST", EXECUTE).getFirst().body());
        assertThat(body.has("cwd")).isFalse();
        assertThat(body.has("timeout")).isFalse();
        assertThat(body.path("command").asText()).isEqualTo("true");
    }

    @Test
    void executeCommandAcceptsTheWireRequest() throws Exception {
        server.on("POST", EXECUTE, request -> ok(new ExecuteResponse(1, "boom")));

        io.daytona.sdk.ExecuteResponse response =
                sandbox.getProcess().executeCommand(new ExecuteRequest("false", null, null, 5));

        assertThat(response.exitCode()).isEqualTo(1);
        JsonNode body = FakeServer.MAPPER.readTree(server.requests("POST", EXECUTE).getFirst().body());
        assertThat(body.path("timeout").asInt()).isEqualTo(5);
    }

    @Test
    void requestTimeoutFromTheToolboxThrowsTimeoutException() {
        server.on("POST", EXECUTE, request -> FakeServer.json(408, Map.of(
                "statusCode", 408, "message", "command execution timeout", "code", "REQUEST_TIMEOUT",
                "path", EXECUTE, "method", "POST")));

        assertThatThrownBy(() -> sandbox.getProcess().executeCommand("sleep 10", null, null, Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(DaytonaTimeoutException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(408);
                    assertThat(e.errorCode()).contains("REQUEST_TIMEOUT");
                })
                .hasMessage("Failed to execute command: command execution timeout");
    }

    @Test
    void rejectsANonPositiveTimeout() {
        assertThatThrownBy(() -> sandbox.getProcess().executeCommand("true", null, null, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(server.requests("POST", EXECUTE)).isEmpty();
    }

    @Test
    void readsHomeAndWorkDirectories() {
        server.on("GET", "/toolbox/sb-1/user-home-dir", request -> ok(new DirResponse("/home/daytona")));
        server.on("GET", "/toolbox/sb-1/work-dir", request -> ok(new DirResponse("/home/daytona/work")));

        assertThat(sandbox.getUserHomeDir()).isEqualTo("/home/daytona");
        assertThat(sandbox.getWorkDir()).isEqualTo("/home/daytona/work");
        assertThat(server.requests("GET", "/toolbox/sb-1/work-dir").getFirst().header("Authorization"))
                .isEqualTo("Bearer dtn_test");
    }

    @Test
    void fetchesTheToolboxProxyUrlWhenTheSandboxHasNone() {
        server.on("GET", "/api/sandbox/sb-2", request -> ok(sandbox("sb-2", SandboxState.STARTED, null)));
        server.on("GET", "/api/sandbox/sb-2/toolbox-proxy-url",
                request -> ok(Map.of("url", server.toolboxProxyUrl())));
        server.on("GET", "/toolbox/sb-2/work-dir", request -> ok(new DirResponse("/work")));

        assertThat(daytona.get("sb-2").getWorkDir()).isEqualTo("/work");
    }
}
