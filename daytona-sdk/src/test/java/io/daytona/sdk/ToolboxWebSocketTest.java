package io.daytona.sdk;

import static io.daytona.sdk.FakeServer.ok;
import static io.daytona.sdk.TestSandboxes.sandbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.daytona.model.sandbox.SandboxState;
import io.daytona.model.toolbox.interpreter.InterpreterContext;
import io.daytona.model.toolbox.pty.PtySessionInfo;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Session log following, terminals and the code interpreter against a fake WebSocket toolbox. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ToolboxWebSocketTest {
    private static final String TOOLBOX = "/toolbox/sb-1";
    private static final String LOGS = TOOLBOX + "/process/session/s1/command/c1/logs";
    private static final String EXECUTE = TOOLBOX + "/process/interpreter/execute";

    private FakeServer api;
    private FakeWebSocketServer toolbox;
    private Daytona daytona;
    private Sandbox sandbox;

    @BeforeEach
    void setUp() {
        api = new FakeServer();
        toolbox = new FakeWebSocketServer();
        daytona = new Daytona(DaytonaConfig.builder().apiKey("dtn_test").apiUrl(api.apiUrl()).build());
        api.on("GET", "/api/sandbox/sb-1", request -> ok(sandbox("sb-1", SandboxState.STARTED, toolbox.toolboxProxyUrl())));
        sandbox = daytona.get("sb-1");
    }

    @AfterEach
    void tearDown() {
        daytona.close();
        toolbox.close();
        api.close();
        assertThat(toolbox.failures()).isEmpty();
    }

    @Test
    void followedLogsAreSplitIntoStdoutAndStderrAcrossFrames() {
        byte[] log = bytes(new byte[] {1, 1, 1}, "out ✓\n", new byte[] {2, 2, 2}, "err é\n", new byte[] {1, 1, 1}, "done\n");
        toolbox.onSocket(LOGS, connection -> {
            assertThat(connection.request().query()).isEqualTo(Map.of("follow", "true"));
            assertThat(connection.request().header("Authorization")).isEqualTo("Bearer dtn_test");
            assertThat(connection.request().header("X-Daytona-SDK-Version")).isNotBlank();
            // Frames of 2 bytes split markers and multi-byte characters alike.
            for (int i = 0; i < log.length; i += 2) {
                connection.sendBinary(Arrays.copyOfRange(log, i, Math.min(log.length, i + 2)));
            }
            connection.close(1000, "");
        });
        StringBuilder stdout = new StringBuilder();
        StringBuilder stderr = new StringBuilder();
        Thread caller = Thread.currentThread();
        List<Thread> callbackThreads = new ArrayList<>();

        sandbox.getProcess().getSessionCommandLogs("s1", "c1", text -> {
            callbackThreads.add(Thread.currentThread());
            stdout.append(text);
        }, stderr::append);

        assertThat(stdout.toString()).isEqualTo("out ✓\ndone\n");
        assertThat(stderr.toString()).isEqualTo("err é\n");
        assertThat(callbackThreads).as("callbacks run on the calling thread").containsOnly(caller);
    }

    @Test
    void anAbnormalEndOfTheLogAndAThrowingCallbackFailTheCall() {
        toolbox.onSocket(LOGS, connection -> {
            connection.sendBinary(bytes(new byte[] {1, 1, 1}, "partial\n"));
            connection.close(1011, "log unavailable");
        });
        StringBuilder stdout = new StringBuilder();

        assertThatThrownBy(() -> sandbox.getProcess().getSessionCommandLogs("s1", "c1", stdout::append, text -> { }))
                .isInstanceOf(DaytonaException.class)
                .hasMessage("Failed to get session command logs: the toolbox ended the log with code 1011: log unavailable");
        assertThat(stdout.toString()).isEqualTo("partial\n");

        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> sandbox.getProcess().getSessionCommandLogs("s1", "c1", text -> {
            throw boom;
        }, text -> { })).isSameAs(boom);
    }

    @Test
    void aRefusedUpgradeMapsToTheExceptionOfItsStatus() {
        toolbox.onHttp("GET", LOGS, FakeServer.error(404, "Not Found", "command c1 not found in session s1"));

        assertThatThrownBy(() -> sandbox.getProcess().getSessionCommandLogs("s1", "c1", text -> { }, text -> { }))
                .isInstanceOf(DaytonaNotFoundException.class)
                .hasMessage("Failed to get session command logs: command c1 not found in session s1");
    }

    @Test
    void runCodeSendsTheRequestStreamsOutputAndCollectsTheResult() throws Exception {
        CompletableFuture<JsonNode> sent = new CompletableFuture<>();
        toolbox.onSocket(EXECUTE, connection -> {
            sent.complete(FakeServer.MAPPER.readTree(connection.receive().text()));
            connection.sendText("{\"type\":\"stdout\",\"text\":\"4\"}");
            // One message in three frames: the client must join them.
            connection.frame(0x1, "{\"type\":\"std".getBytes(StandardCharsets.UTF_8), false);
            connection.frame(0x0, "out\",\"text\":\"2\\n\"".getBytes(StandardCharsets.UTF_8), false);
            connection.frame(0x0, "}".getBytes(StandardCharsets.UTF_8), true);
            connection.sendText("{\"type\":\"stderr\",\"text\":\"warn\\n\"}");
            connection.sendText("{\"type\":\"error\",\"name\":\"ValueError\",\"value\":\"bad\",\"traceback\":\"tb\"}");
            connection.sendText("{\"type\":\"control\",\"text\":\"completed\"}");
            connection.close(1000, "");
        });
        List<String> stdout = new ArrayList<>();
        List<ExecutionError> errors = new ArrayList<>();
        InterpreterContext context = new InterpreterContext("ctx-1", "/tmp", Instant.now(), true, "python");

        ExecutionResult result = sandbox.getCodeInterpreter().runCode("print(42)", RunCodeOptions.builder()
                .context(context)
                .envs(Map.of("A", "1"))
                .timeout(Duration.ofMillis(1500))
                .onStdout(message -> stdout.add(message.output()))
                .onError(errors::add)
                .build());

        assertThat(result).isEqualTo(new ExecutionResult("42\n", "warn\n", new ExecutionError("ValueError", "bad", "tb")));
        assertThat(stdout).containsExactly("4", "2\n");
        assertThat(errors).containsExactly(result.error());
        JsonNode request = sent.get(5, TimeUnit.SECONDS);
        assertThat(request.path("code").asText()).isEqualTo("print(42)");
        assertThat(request.path("contextId").asText()).isEqualTo("ctx-1");
        assertThat(request.path("timeout").asInt()).as("rounded up to whole seconds").isEqualTo(2);
        assertThat(request.path("envs").path("A").asText()).isEqualTo("1");
    }

    @Test
    void runCodeWithoutOptionsOmitsTheContextAndTimeout() throws Exception {
        CompletableFuture<JsonNode> sent = new CompletableFuture<>();
        toolbox.onSocket(EXECUTE, connection -> {
            sent.complete(FakeServer.MAPPER.readTree(connection.receive().text()));
            connection.close(1000, "");
        });

        assertThat(sandbox.getCodeInterpreter().runCode("pass")).isEqualTo(new ExecutionResult("", "", null));
        assertThat(sent.get(5, TimeUnit.SECONDS).has("contextId")).isFalse();
        assertThat(sent.get().has("timeout")).isFalse();
    }

    @Test
    void closeCodesOfTheInterpreterBecomeExceptions() {
        toolbox.onSocket(EXECUTE, connection -> {
            String code = FakeServer.MAPPER.readTree(connection.receive().text()).path("code").asText();
            switch (code) {
                case "slow" -> {
                    connection.sendText("{\"type\":\"control\",\"text\":\"interrupted\"}");
                    connection.close(4008, "execution timed out after 1 s");
                }
                case "lost" -> connection.close(1008, "context not found: nope");
                default -> connection.close(1011, "");
            }
        });
        CodeInterpreter interpreter = sandbox.getCodeInterpreter();

        assertThatThrownBy(() -> interpreter.runCode("slow")).isInstanceOf(DaytonaTimeoutException.class)
                .hasMessage("Failed to run code: execution timed out after 1 s");
        assertThatThrownBy(() -> interpreter.runCode("lost")).isExactlyInstanceOf(DaytonaException.class)
                .hasMessage("Failed to run code: context not found: nope (close code 1008)");
        assertThatThrownBy(() -> interpreter.runCode("other")).isExactlyInstanceOf(DaytonaException.class)
                .hasMessageContaining("code 1011");
    }

    @Test
    void contextsAreCreatedListedAndDeleted() throws Exception {
        String context = "{\"id\":\"ctx-1\",\"cwd\":\"/tmp\",\"createdAt\":\"2025-01-01T00:00:00Z\",\"active\":true,\"language\":\"python\"}";
        toolbox.onHttp("POST", TOOLBOX + "/process/interpreter/context", new FakeServer.Response(200, context));
        toolbox.onHttp("GET", TOOLBOX + "/process/interpreter/context", new FakeServer.Response(200, "{\"contexts\":[" + context + "]}"));
        toolbox.onHttp("DELETE", TOOLBOX + "/process/interpreter/context/ctx-1", new FakeServer.Response(200, ""));
        CodeInterpreter interpreter = sandbox.getCodeInterpreter();

        InterpreterContext created = interpreter.createContext("/tmp");
        assertThat(created.id()).isEqualTo("ctx-1");
        assertThat(interpreter.listContexts()).containsExactly(created);
        interpreter.deleteContext(created);

        assertThat(toolbox.httpRequests()).extracting(r -> r.method() + " " + r.path()).containsExactly(
                "POST " + TOOLBOX + "/process/interpreter/context",
                "GET " + TOOLBOX + "/process/interpreter/context",
                "DELETE " + TOOLBOX + "/process/interpreter/context/ctx-1");
        assertThat(FakeServer.MAPPER.readTree(toolbox.httpRequests().getFirst().body()).toString()).isEqualTo("{\"cwd\":\"/tmp\"}");
    }

    @Test
    void aTerminalIsCreatedLazilyStreamsOutputTakesInputAndReportsItsExitCode() throws Exception {
        toolbox.onHttp("POST", TOOLBOX + "/process/pty", new FakeServer.Response(201, "{\"sessionId\":\"t1\"}"));
        toolbox.onHttp("POST", TOOLBOX + "/process/pty/t1/resize", new FakeServer.Response(200,
                "{\"id\":\"t1\",\"cwd\":\"/\",\"envs\":{},\"cols\":90,\"rows\":20,\"createdAt\":\"2025-01-01T00:00:00Z\","
                        + "\"active\":true,\"lazyStart\":true}"));
        List<String> typed = new ArrayList<>();
        CountDownLatch inputArrived = new CountDownLatch(1);
        toolbox.onSocket(TOOLBOX + "/process/pty/t1/connect", connection -> {
            connection.sendText("{\"type\":\"control\",\"status\":\"connected\"}");
            connection.sendBinary("$ ".getBytes(StandardCharsets.UTF_8));
            FakeWebSocketServer.Message text = connection.receive();
            FakeWebSocketServer.Message binary = connection.receive();
            typed.add((text.isText() ? "text:" : "binary:") + text.text());
            typed.add((binary.isText() ? "text:" : "binary:") + binary.text());
            inputArrived.countDown();
            connection.sendText("plain text output");
            connection.close(1011, "{\"exitCode\":3,\"exitReason\":\"non-zero exit\"}");
        });
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        try (PtyHandle pty = sandbox.getProcess().createPty(PtyCreateOptions.builder("t1").cols(100).rows(30)
                .envs(Map.of("A", "1")).onData(output::writeBytes).build())) {
            assertThat(pty.isConnected()).isTrue();
            PtySessionInfo resized = pty.resize(90, 20);
            assertThat(resized.cols()).isEqualTo(90);
            pty.sendInput("ls\n");
            pty.sendInput(new byte[] {3});
            assertThat(inputArrived.await(5, TimeUnit.SECONDS)).isTrue();

            PtyResult result = pty.waitForExit(Duration.ofSeconds(5));

            assertThat(result).isEqualTo(new PtyResult(3, "non-zero exit"));
            assertThat(pty.getExitCode()).isEqualTo(3);
            assertThat(pty.isConnected()).isFalse();
            assertThatThrownBy(() -> pty.sendInput("late")).isInstanceOf(DaytonaException.class).hasMessageContaining("has ended");
        }
        assertThat(output.toString(StandardCharsets.UTF_8)).isEqualTo("$ plain text output");
        assertThat(typed).containsExactly("text:ls\n", "binary:\u0003");
        JsonNode created = FakeServer.MAPPER.readTree(toolbox.httpRequests().getFirst().body());
        assertThat(created.toString()).isEqualTo("{\"id\":\"t1\",\"envs\":{\"A\":\"1\"},\"cols\":100,\"rows\":30,\"lazyStart\":true}");
        assertThat(FakeServer.MAPPER.readTree(toolbox.httpRequests().get(1).body()).toString()).isEqualTo("{\"cols\":90,\"rows\":20}");
    }

    @Test
    void aNormalCloseIsExitCodeZeroAndWaitingTooLongTimesOut() {
        toolbox.onHttp("POST", TOOLBOX + "/process/pty", new FakeServer.Response(201, "{\"sessionId\":\"t2\"}"));
        CountDownLatch exit = new CountDownLatch(1);
        toolbox.onSocket(TOOLBOX + "/process/pty/t2/connect", connection -> {
            connection.sendText("{\"type\":\"control\",\"status\":\"connected\"}");
            exit.await(10, TimeUnit.SECONDS);
            connection.close(1000, "{\"exitCode\":0}");
        });

        try (PtyHandle pty = sandbox.getProcess().createPty(PtyCreateOptions.builder("t2").build())) {
            assertThatThrownBy(() -> pty.waitForExit(Duration.ofMillis(200))).isInstanceOf(DaytonaTimeoutException.class)
                    .hasMessageContaining("still running");
            exit.countDown();
            assertThat(pty.waitForExit(Duration.ofSeconds(5))).isEqualTo(new PtyResult(0, null));
        }
    }

    @Test
    void aTerminalThatRefusesTheConnectionIsKilled() {
        toolbox.onHttp("POST", TOOLBOX + "/process/pty", new FakeServer.Response(201, "{\"sessionId\":\"t3\"}"));
        toolbox.onHttp("DELETE", TOOLBOX + "/process/pty/t3", new FakeServer.Response(200, "{\"message\":\"killed\"}"));
        toolbox.onSocket(TOOLBOX + "/process/pty/t3/connect", connection -> {
            connection.sendText("{\"type\":\"control\",\"status\":\"error\",\"error\":\"Failed to connect to PTY session: gone\"}");
            connection.close(1011, "");
        });

        assertThatThrownBy(() -> sandbox.getProcess().createPty(PtyCreateOptions.builder("t3").build()))
                .isInstanceOf(DaytonaException.class)
                .hasMessage("Failed to connect PTY session: Failed to connect to PTY session: gone");
        assertThat(toolbox.httpRequests()).extracting(r -> r.method() + " " + r.path())
                .containsExactly("POST " + TOOLBOX + "/process/pty", "DELETE " + TOOLBOX + "/process/pty/t3");
    }

    @Test
    void closingTheHandleDisconnectsWithoutKilling() throws Exception {
        CompletableFuture<Boolean> clientClosed = new CompletableFuture<>();
        toolbox.onSocket(TOOLBOX + "/process/pty/t4/connect", connection -> {
            connection.sendText("{\"type\":\"control\",\"status\":\"connected\"}");
            clientClosed.complete(connection.receive() == null);
        });

        PtyHandle pty = sandbox.getProcess().connectPty("t4", null);
        pty.close();

        assertThat(clientClosed.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(pty.waitForExit(Duration.ofSeconds(1))).isEqualTo(new PtyResult(null, "disconnected by the client"));
        assertThat(toolbox.httpRequests()).isEmpty();
    }

    @Test
    void closingTheClientEndsOpenConnections() throws Exception {
        CompletableFuture<Boolean> clientWentAway = new CompletableFuture<>();
        toolbox.onSocket(TOOLBOX + "/process/pty/t5/connect", connection -> {
            connection.sendText("{\"type\":\"control\",\"status\":\"connected\"}");
            try {
                clientWentAway.complete(connection.receive() == null);
            } catch (java.io.IOException e) {
                clientWentAway.complete(true);
            }
        });
        PtyHandle pty = sandbox.getProcess().connectPty("t5", null);

        CompletableFuture<Void> closing = CompletableFuture.runAsync(daytona::close);

        closing.get(5, TimeUnit.SECONDS);
        assertThat(clientWentAway.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(pty.waitForExit(Duration.ofSeconds(5)).exitCode()).isNull();
    }

    @Test
    void closeReasonsAreRead() {
        PtyHandle handle = new PtyHandle("t", sandbox.getProcess(), null, FakeServer.MAPPER);

        assertThat(handle.resultOf(1000, "")).isEqualTo(new PtyResult(0, null));
        assertThat(handle.resultOf(1011, "{\"exitCode\":137,\"exitReason\":\"SIGKILL\"}")).isEqualTo(new PtyResult(137, "SIGKILL"));
        assertThat(handle.resultOf(1011, "{\"exitCode\":2}")).isEqualTo(new PtyResult(2, "exit code 2"));
        assertThat(handle.resultOf(1008, "slow consumer")).isEqualTo(new PtyResult(null, "the connection closed with code 1008: slow consumer"));
    }

    private static byte[] bytes(Object... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object piece : pieces) {
            out.writeBytes(piece instanceof byte[] b ? b : piece.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
