package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.daytona.model.sandbox.Sandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The daemon's {@code /proxy/{port}/...}, reached through the toolbox route, to servers in a real sandbox. */
@ExtendWith(PlatformExtension.class)
class ProxyPortTest {
    /**
     * A WebSocket echo server with nothing but node's standard library: the handshake by hand,
     * text frames answered with "echo:" and the text, a plain request answered with its headers.
     */
    private static final String ECHO_SERVER = """
            const http = require("http"), crypto = require("crypto");
            const server = http.createServer((req, res) => {
              res.setHeader("content-type", "application/json");
              res.end(JSON.stringify({url: req.url, headers: req.headers}));
            });
            server.on("upgrade", (req, sock) => {
              const accept = crypto.createHash("sha1").update(req.headers["sec-websocket-key"]
                  + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").digest("base64");
              sock.write("HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\n"
                  + "Sec-WebSocket-Accept: " + accept + "\\r\\n\\r\\n");
              const send = (op, p) => {
                const h = p.length < 126 ? Buffer.from([0x80 | op, p.length]) : Buffer.from([0x80 | op, 126, p.length >> 8, p.length & 255]);
                sock.write(Buffer.concat([h, p]));
              };
              let buf = Buffer.alloc(0);
              sock.on("data", d => {
                buf = Buffer.concat([buf, d]);
                while (buf.length >= 2) {
                  const op = buf[0] & 15;
                  let len = buf[1] & 127, off = 2;
                  if (len === 126) { if (buf.length < 4) return; len = buf.readUInt16BE(2); off = 4; }
                  if (buf.length < off + 4 + len) return;
                  const mask = buf.subarray(off, off + 4), p = Buffer.from(buf.subarray(off + 4, off + 4 + len));
                  for (let i = 0; i < len; i++) p[i] ^= mask[i % 4];
                  buf = buf.subarray(off + 4 + len);
                  if (op === 8) { sock.end(Buffer.from([0x88, 2, 0x03, 0xe8])); return; }
                  if (op === 1) send(1, Buffer.from("echo:" + p.toString()));
                }
              });
            });
            server.listen(8765);
            """;

    private static String sandboxId;
    private static Api api;
    private static Api toolbox;

    @BeforeAll
    static void startServers(Platform platform) throws Exception {
        api = Api.of(platform);
        sandboxId = api.post("/sandbox", Map.of()).as(Sandbox.class).id();
        toolbox = api.toolbox(platform, sandboxId);
        toolbox.post("/process/session", Map.of("sessionId", "servers"));
        toolbox.post("/process/session/servers/exec", Map.of("command",
                "mkdir -p ~/site && cd ~/site && printf 'hello through the proxy' > hello.txt && python3 -m http.server 8000",
                "runAsync", true));
        String script = Base64.getEncoder().encodeToString(ECHO_SERVER.getBytes(StandardCharsets.UTF_8));
        // A session runs one command at a time, so the second server gets its own.
        toolbox.post("/process/session", Map.of("sessionId", "echo"));
        toolbox.post("/process/session/echo/exec", Map.of("command",
                "echo " + script + " | base64 -d > /tmp/echo.js && node /tmp/echo.js", "runAsync", true));
        awaitListening(8000);
        awaitListening(8765);
    }

    @AfterAll
    static void deleteSandbox() {
        if (sandboxId != null) {
            api.delete("/sandbox/" + sandboxId);
        }
    }

    private static void awaitListening(int port) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!toolbox.get("/port/" + port + "/in-use").json().get("isInUse").asBoolean()) {
            assertThat(Instant.now()).as("nothing listened on " + port).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void aFileServedInTheSandboxIsReachedThroughTheToolbox() {
        Api.Reply reply = toolbox.get("/proxy/8000/hello.txt?x=1");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("hello through the proxy");
    }

    @Test
    void theServersStatusPassesThrough() {
        assertThat(toolbox.get("/proxy/8000/no-such-file").status()).isEqualTo(404);
    }

    @Test
    void pathQueryAndHeadersArriveButNotTheCallersCredentials() throws Exception {
        Api.Reply reply = toolbox.withHeader("X-Custom", "kept").get("/proxy/8765/some/path?a=1&b=two");
        assertThat(reply.status()).isEqualTo(200);
        var seen = Api.JSON.readTree(reply.body());
        assertThat(seen.get("url").asText()).isEqualTo("/some/path?a=1&b=two");
        assertThat(seen.get("headers").get("x-custom").asText()).isEqualTo("kept");
        assertThat(seen.get("headers").has("authorization")).isFalse();
    }

    @Test
    void aClosedPortIsABadGateway() {
        Api.Reply reply = toolbox.get("/proxy/8001/");
        assertThat(reply.status()).isEqualTo(502);
        assertThat(reply.body()).contains("Nothing answered on port 8001");
    }

    @Test
    void theDaemonItselfAndPortsOutOfRangeAreRefused() {
        assertThat(toolbox.get("/proxy/2280/port").status()).isEqualTo(400);
        assertThat(toolbox.get("/proxy/0/").status()).isEqualTo(400);
        assertThat(toolbox.get("/proxy/65536/").status()).isEqualTo(400);
    }

    @Test
    void aWebSocketIsRelayedBothWays(Platform platform) throws Exception {
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        URI uri = URI.create(platform.proxyUrl().toString().replaceFirst("^http", "ws")
                + "/toolbox/" + sandboxId + "/proxy/8765/");
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + platform.adminKey())
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            received.add(text.toString());
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }
                }).get(15, TimeUnit.SECONDS);

        socket.sendText("one", true).join();
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("echo:one");
        String large = "x".repeat(5000);
        socket.sendText(large, true).join();
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("echo:" + large);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);
    }

    @Test
    void aWebSocketToAClosedPortIsRefused(Platform platform) {
        URI uri = URI.create(platform.proxyUrl().toString().replaceFirst("^http", "ws")
                + "/toolbox/" + sandboxId + "/proxy/8002/");
        var attempt = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + platform.adminKey())
                .buildAsync(uri, new WebSocket.Listener() {});
        assertThat(attempt).failsWithin(20, TimeUnit.SECONDS).withThrowableThat().havingRootCause().withMessageContaining("502");
    }
}
