package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Terminals in a real sandbox, through the proxy's WebSocket relay. */
@ExtendWith(PlatformExtension.class)
class PtyApiTest {
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
    void aTerminalRunsWhatIsTypedResizesAndReportsTheExitCode(Platform platform) throws Exception {
        assertThat(toolbox.post("/process/pty", Map.of("id", "term", "cols", 120, "rows", 40, "lazyStart", true)).status()).isEqualTo(201);
        assertThat(toolbox.post("/process/pty", Map.of("id", "term")).status()).isEqualTo(409);
        assertThat(toolbox.post("/process/pty", Map.of("id", "big", "cols", 5000)).status()).isEqualTo(400);

        Terminal terminal = Terminal.connect(platform, "term");
        terminal.awaitText("\"status\":\"connected\"");
        terminal.type("stty size; whoami; echo $TERM\n");
        terminal.awaitOutput("40 120");
        terminal.awaitOutput("daytona");
        terminal.awaitOutput("xterm-256color");

        assertThat(toolbox.post("/process/pty/term/resize", Map.of("cols", 90, "rows", 20)).json().get("cols").asInt()).isEqualTo(90);
        terminal.type("stty size\n");
        terminal.awaitOutput("20 90");
        assertThat(toolbox.get("/process/pty").json().get("sessions").findValuesAsText("id")).contains("term");
        assertThat(toolbox.get("/process/pty/term").json().get("active").asBoolean()).isTrue();

        terminal.type("exit 3\n");
        assertThat(terminal.closed.get(20, TimeUnit.SECONDS)).isEqualTo("1011 {\"exitCode\":3,\"exitReason\":\"non-zero exit\"}");
        assertThat(toolbox.get("/process/pty/term").json().get("active").asBoolean()).isFalse();
        assertThat(toolbox.post("/process/pty/term/resize", Map.of("cols", 90, "rows", 20)).status()).isEqualTo(410);
        assertThat(toolbox.delete("/process/pty/term").status()).isEqualTo(200);
        assertThat(toolbox.get("/process/pty/term").status()).isEqualTo(404);
    }

    @Test
    void connectingToATerminalThatDoesNotExistIsNotFound(Platform platform) throws Exception {
        var attempt = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + platform.adminKey())
                .buildAsync(URI.create(platform.proxyUrl().toString().replaceFirst("^http", "ws")
                        + "/toolbox/" + sandboxId + "/process/pty/no-such-terminal/connect"), new WebSocket.Listener() {});
        assertThat(attempt).failsWithin(10, TimeUnit.SECONDS).withThrowableThat().havingRootCause().withMessageContaining("404");
    }

    @Test
    void deletingATerminalKillsItsShell(Platform platform) throws Exception {
        toolbox.post("/process/pty", Map.of("id", "doomed", "lazyStart", false));
        Terminal terminal = Terminal.connect(platform, "doomed");
        terminal.awaitText("\"status\":\"connected\"");
        assertThat(toolbox.delete("/process/pty/doomed").status()).isEqualTo(200);
        assertThat(terminal.closed.get(20, TimeUnit.SECONDS)).startsWith("1011 {\"exitCode\":137");
    }

    private static final class Terminal implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private final StringBuilder output = new StringBuilder();
        private final CompletableFuture<String> closed = new CompletableFuture<>();
        private WebSocket socket;

        static Terminal connect(Platform platform, String id) throws Exception {
            Terminal terminal = new Terminal();
            URI uri = URI.create(platform.proxyUrl().toString().replaceFirst("^http", "ws")
                    + "/toolbox/" + sandboxId + "/process/pty/" + id + "/connect");
            terminal.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .header("Authorization", "Bearer " + platform.adminKey())
                    .buildAsync(uri, terminal).get(10, TimeUnit.SECONDS);
            return terminal;
        }

        void type(String keys) {
            socket.sendText(keys, true).join();
        }

        @Override
        public synchronized CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            webSocket.request(1);
            return null;
        }

        @Override
        public synchronized CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            output.append(StandardCharsets.UTF_8.decode(data));
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        void awaitText(String expected) throws InterruptedException {
            await(() -> text.toString(), expected);
        }

        void awaitOutput(String expected) throws InterruptedException {
            await(() -> output.toString(), expected);
        }

        private void await(java.util.function.Supplier<String> source, String expected) throws InterruptedException {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
            while (Instant.now().isBefore(deadline)) {
                synchronized (this) {
                    if (source.get().contains(expected)) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
            synchronized (this) {
                throw new AssertionError("terminal never showed '" + expected + "'; it showed:\n" + source.get());
            }
        }
    }
}
