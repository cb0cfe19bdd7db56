package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Sessions through the proxy in a real sandbox, over raw HTTP. */
@ExtendWith(PlatformExtension.class)
class SessionsApiTest {
    private static TestSandbox sandbox;
    private static Api api;
    private static Api toolbox;
    private static String sandboxId;

    @BeforeAll
    static void createSandbox(Platform platform) {
        sandbox = TestSandbox.create(platform, Map.of());
        api = sandbox.api();
        toolbox = sandbox.toolbox();
        sandboxId = sandbox.id();
    }

    @AfterAll
    static void deleteSandbox() {
        sandbox.close();
    }

    @Test
    void keepsShellStateAcrossCommandsAndSeparatesStreams() {
        assertThat(toolbox.post("/process/session", Map.of("sessionId", "state")).status()).isEqualTo(201);
        assertThat(toolbox.post("/process/session", Map.of("sessionId", "state")).status()).isEqualTo(409);
        exec("state", "cd /tmp && export GREETING=hello");
        JsonNode result = exec("state", "pwd; echo $GREETING; echo warn >&2; whoami");
        assertThat(result.get("exitCode").asInt()).isZero();
        assertThat(result.get("stdout").asText()).isEqualTo("/tmp\nhello\ndaytona\n");
        assertThat(result.get("stderr").asText()).isEqualTo("warn\n");
        assertThat(result.get("output").asText()).contains("/tmp", "warn").doesNotContain("\u0001");
        assertThat(exec("state", "exit 5").get("exitCode").asInt()).isEqualTo(5);

        JsonNode session = toolbox.get("/process/session/state").json();
        assertThat(session.get("sessionId").asText()).isEqualTo("state");
        assertThat(session.get("commands")).hasSize(3);
        assertThat(toolbox.get("/process/session").json().findValuesAsText("sessionId")).contains("state");
        assertThat(toolbox.delete("/process/session/state").status()).isEqualTo(204);
        assertThat(toolbox.get("/process/session/state").status()).isEqualTo(404);
    }

    @Test
    void runsAsyncCommandsThatTakeInputAndServesTheirLogs() throws Exception {
        toolbox.post("/process/session", Map.of("sessionId", "async"));
        Api.Reply started = toolbox.post("/process/session/async/exec",
                Map.of("command", "echo ready; read name; echo hi $name; echo err >&2", "runAsync", true));
        assertThat(started.status()).isEqualTo(202);
        String cmdId = started.json().get("cmdId").asText();
        assertThat(toolbox.get("/process/session/async/command/" + cmdId).json().get("exitCode").isNull()).isTrue();

        assertThat(toolbox.post("/process/session/async/command/" + cmdId + "/input", Map.of("data", "ada\n")).status()).isEqualTo(204);
        awaitExit("async", cmdId);

        JsonNode logs = sdkVersion("0.190.1").get("/process/session/async/command/" + cmdId + "/logs").json();
        assertThat(logs.get("stdout").asText()).isEqualTo("ready\nhi ada\n");
        assertThat(logs.get("stderr").asText()).isEqualTo("err\n");
        // stdout and stderr travel through separate pipes: their relative order is not defined
        Api.Reply plain = toolbox.get("/process/session/async/command/" + cmdId + "/logs");
        assertThat(plain.body().lines()).containsExactlyInAnyOrder("ready", "hi ada", "err");
        assertThat(plain.body()).startsWith("ready\n").doesNotContain("\u0001", "\u0002");
        Api.Reply framed = sdkVersion("0.100.0").get("/process/session/async/command/" + cmdId + "/logs");
        assertThat(framed.body()).contains("\u0001\u0001\u0001ready\n", "\u0001\u0001\u0001hi ada\n", "\u0002\u0002\u0002err\n");

        assertThat(toolbox.post("/process/session/async/command/" + cmdId + "/input", Map.of("data", "x")).status()).isEqualTo(400);
        assertThat(toolbox.get("/process/session/async/command/nope").status()).isEqualTo(404);
        assertThat(toolbox.post("/process/session/missing/exec", Map.of("command", "true")).status()).isEqualTo(404);
    }

    @Test
    void followsACommandsLogOverAWebSocketUntilItEnds(Platform platform) throws Exception {
        toolbox.post("/process/session", Map.of("sessionId", "follow"));
        String cmdId = toolbox.post("/process/session/follow/exec",
                Map.of("command", "for i in 1 2 3; do echo out$i; echo err$i >&2; sleep 0.3; done", "runAsync", true))
                .json().get("cmdId").asText();
        java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
        java.util.concurrent.CompletableFuture<Integer> closed = new java.util.concurrent.CompletableFuture<>();
        URI uri = URI.create(platform.proxyUrl().toString().replaceFirst("^http", "ws")
                + "/toolbox/" + sandboxId + "/process/session/follow/command/" + cmdId + "/logs?follow=true");
        try (HttpClient client = HttpClient.newHttpClient()) {
            client.newWebSocketBuilder()
                    .header("Authorization", "Bearer " + platform.adminKey())
                    .header("X-Daytona-SDK-Version", "0.190.1")
                    .buildAsync(uri, new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
                            byte[] bytes = new byte[data.remaining()];
                            data.get(bytes);
                            synchronized (received) {
                                received.writeBytes(bytes);
                            }
                            socket.request(1);
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
                            closed.complete(statusCode);
                            return null;
                        }

                        @Override
                        public void onError(WebSocket socket, Throwable error) {
                            closed.completeExceptionally(error);
                        }
                    }).get(10, TimeUnit.SECONDS);
            assertThat(closed.get(20, TimeUnit.SECONDS)).isEqualTo(1000);
        }
        String framed;
        synchronized (received) {
            framed = received.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(framed).contains("\u0001\u0001\u0001out1\n", "\u0001\u0001\u0001out3\n", "\u0002\u0002\u0002err2\n");
    }

    @Test
    void refusesAWebSocketWithoutCredentials(Platform platform) throws Exception {
        URI uri = URI.create(platform.proxyUrl().toString().replaceFirst("^http", "ws") + "/toolbox/" + sandboxId + "/process/session");
        try (HttpClient client = HttpClient.newHttpClient()) {
            var attempt = client.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {});
            assertThat(attempt).failsWithin(10, TimeUnit.SECONDS).withThrowableThat()
                    .havingRootCause().withMessageContaining("401");
        }
    }

    private static Api sdkVersion(String version) {
        return toolbox.withHeader("X-Daytona-SDK-Version", version);
    }

    private static JsonNode exec(String session, String command) {
        Api.Reply reply = sdkVersion("0.190.1").post("/process/session/" + session + "/exec", Map.of("command", command));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static void awaitExit(String session, String cmdId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!toolbox.get("/process/session/" + session + "/command/" + cmdId).json().get("exitCode").isNull()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("command " + cmdId + " did not end");
    }
}
