package io.daytona.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The public edge of previews: signed URLs, the preview token's rotation, the browser warning
 * page, CORS, a stopped sandbox's answer, WebSocket and server-sent events through the proxy.
 * The sandbox runs a small stdlib Python app: plain text on /, an event stream on /events and a
 * WebSocket echo on /ws.
 */
@ExtendWith(PlatformExtension.class)
class PreviewEdgeTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String APP = """
            import base64, hashlib, http.server, struct, time
            class App(http.server.BaseHTTPRequestHandler):
                protocol_version = 'HTTP/1.1'
                def log_message(self, *args): pass
                def do_GET(self):
                    if self.path == '/events':
                        self.send_response(200)
                        self.send_header('Content-Type', 'text/event-stream')
                        self.send_header('Cache-Control', 'no-cache')
                        self.end_headers()
                        for i in range(3):
                            self.wfile.write(b'data: tick %d\\n\\n' % i)
                            self.wfile.flush()
                            time.sleep(0.4)
                        self.close_connection = True
                        return
                    if self.path == '/ws' and self.headers.get('Upgrade', '').lower() == 'websocket':
                        key = self.headers['Sec-WebSocket-Key'] + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'
                        self.send_response(101)
                        self.send_header('Upgrade', 'websocket')
                        self.send_header('Connection', 'Upgrade')
                        self.send_header('Sec-WebSocket-Accept', base64.b64encode(hashlib.sha1(key.encode()).digest()).decode())
                        self.end_headers()
                        self.wfile.flush()
                        while True:
                            head = self.rfile.read(2)
                            if len(head) < 2:
                                break
                            opcode, size = head[0] & 0x0f, head[1] & 0x7f
                            if size == 126:
                                size = struct.unpack('>H', self.rfile.read(2))[0]
                            mask = self.rfile.read(4)
                            data = bytes(b ^ mask[i % 4] for i, b in enumerate(self.rfile.read(size)))
                            if opcode == 8:
                                self.wfile.write(b'\\x88\\x00')
                                self.wfile.flush()
                                break
                            reply = b'echo: ' + data
                            self.wfile.write(bytes([0x81, len(reply)]) + reply)
                            self.wfile.flush()
                        self.close_connection = True
                        return
                    body = b'hello from the sandbox\\n'
                    self.send_response(200)
                    self.send_header('Content-Type', 'text/plain')
                    self.send_header('Content-Length', str(len(body)))
                    self.send_header('Access-Control-Allow-Origin', '*')
                    self.end_headers()
                    self.wfile.write(body)
            http.server.ThreadingHTTPServer(('0.0.0.0', 3000), App).serve_forever()
            """;

    private static Platform platform;
    private static TestSandbox sandbox;

    @BeforeAll
    static void startApp(Platform running) throws Exception {
        platform = running;
        sandbox = TestSandbox.create(platform, Map.of());
        startApp(sandbox);
    }

    @AfterAll
    static void deleteSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static void startApp(TestSandbox target) throws InterruptedException {
        String encoded = Base64.getEncoder().encodeToString(APP.getBytes(UTF_8));
        target.toolbox().post("/process/session", Map.of("sessionId", "app"));
        target.toolbox().post("/process/session/app/exec", Map.of("command",
                "echo " + encoded + " | base64 -d > ~/app.py && python3 ~/app.py", "runAsync", true));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!target.toolbox().get("/port/3000/in-use").json().get("isInUse").asBoolean()) {
            assertThat(Instant.now()).as("the app never listened").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void aSignedUrlOpensThePortWithoutHeadersUntilItIsExpired() throws Exception {
        Api api = sandbox.api();
        JsonNode signed = api.get("/sandbox/" + sandbox.id() + "/ports/3000/signed-preview-url?expiresInSeconds=300").json();
        String token = signed.get("token").asText();
        assertThat(signed.get("sandboxId").asText()).isEqualTo(sandbox.id());
        assertThat(signed.get("port").asInt()).isEqualTo(3000);
        assertThat(signed.get("url").asText()).isEqualTo("http://3000-" + token + "." + platform.proxyUrl().getAuthority());
        assertThat(get(signed.get("url").asText() + "/", Map.of()).body()).isEqualTo("hello from the sandbox\n");
        assertThat(get(signed.get("url").asText().replace("3000-", "3001-"), Map.of()).statusCode())
                .as("a signed URL opens only its port").isEqualTo(401);

        assertThat(api.post("/sandbox/" + sandbox.id() + "/ports/3000/signed-preview-url/" + token + "/expire", null).status()).isEqualTo(200);
        HttpResponse<String> expired = get(signed.get("url").asText(), Map.of());
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.body()).contains("expired or was revoked");
        assertThat(api.post("/sandbox/" + sandbox.id() + "/ports/3000/signed-preview-url/" + token + "/expire", null).status()).isEqualTo(404);

        String shortLived = api.get("/sandbox/" + sandbox.id() + "/ports/3000/signed-preview-url?expiresInSeconds=1").json().get("url").asText();
        assertThat(get(shortLived, Map.of()).statusCode()).isEqualTo(200);
        Thread.sleep(1_500);
        assertThat(get(shortLived, Map.of()).statusCode()).as("past its expiry").isEqualTo(401);

        String defaultExpiry = api.get("/sandbox/" + sandbox.id() + "/ports/3000/signed-preview-url").json().get("url").asText();
        assertThat(get(defaultExpiry, Map.of()).statusCode()).isEqualTo(200);
        for (String bad : List.of("0", "86401", "soon")) {
            assertThat(api.get("/sandbox/" + sandbox.id() + "/ports/3000/signed-preview-url?expiresInSeconds=" + bad).status())
                    .as("expiresInSeconds=" + bad).isEqualTo(400);
        }
        assertThat(api.get("/sandbox/" + sandbox.id() + "/ports/0/signed-preview-url").status()).isEqualTo(400);
    }

    @Test
    void signedUrlsSurviveARestartButThePreviewTokenChanges(Platform running) throws Exception {
        try (TestSandbox restarted = TestSandbox.create(running, Map.of())) {
            startApp(restarted);
            Api api = restarted.api();
            String signed = api.get("/sandbox/" + restarted.id() + "/ports/3000/signed-preview-url?expiresInSeconds=600").json().get("url").asText();
            JsonNode preview = api.get("/sandbox/" + restarted.id() + "/ports/3000/preview-url").json();
            String before = preview.get("token").asText();
            assertThat(get(preview.get("url").asText(), Map.of("X-Daytona-Preview-Token", before)).statusCode()).isEqualTo(200);

            api.post("/sandbox/" + restarted.id() + "/stop", null);
            awaitState(api, restarted.id(), "stopped");
            Instant asked = Instant.now();
            HttpResponse<String> stopped = get(signed, Map.of("Accept", "text/html"));
            assertThat(Duration.between(asked, Instant.now())).as("a stopped sandbox answers at once").isLessThan(Duration.ofSeconds(2));
            assertThat(stopped.statusCode()).isEqualTo(409);
            assertThat(stopped.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(stopped.body()).contains("This sandbox is not running").contains("state: stopped");

            api.post("/sandbox/" + restarted.id() + "/start", null);
            awaitState(api, restarted.id(), "started");
            startApp(restarted);
            String after = api.get("/sandbox/" + restarted.id() + "/ports/3000/preview-url").json().get("token").asText();
            assertThat(after).isNotEqualTo(before);
            assertThat(get(preview.get("url").asText(), Map.of("X-Daytona-Preview-Token", before)).statusCode()).isEqualTo(401);
            assertThat(get(preview.get("url").asText(), Map.of("X-Daytona-Preview-Token", after)).statusCode()).isEqualTo(200);
            assertThat(get(signed, Map.of()).body()).as("the signed URL survives the restart").isEqualTo("hello from the sandbox\n");
        }
    }

    @Test
    void aBrowsersFirstVisitShowsTheWarningPageUntilContinued() throws Exception {
        String url = api().get("/sandbox/" + sandbox.id() + "/ports/3000/signed-preview-url?expiresInSeconds=300").json().get("url").asText();
        Map<String, String> browser = Map.of("Accept", "text/html,application/xhtml+xml", "User-Agent", "Mozilla/5.0 (X11; Linux x86_64)");
        HttpResponse<String> first = get(url + "/page?x=1", browser);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("You are about to open a sandbox preview").contains("id=\"continue\"")
                .contains("value=\"/page?x=1\"");

        HttpResponse<String> accepted = get(url + "/.daytona/preview-warning/accept?next=%2F", browser);
        assertThat(accepted.statusCode()).isEqualTo(303);
        assertThat(accepted.headers().firstValue("Location")).contains("/");
        String cookie = accepted.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("daytona-preview-warning-accepted=true");
        assertThat(get(url + "/.daytona/preview-warning/accept?next=//evil.example", browser).headers().firstValue("Location"))
                .as("never a redirect to another site").contains("/");

        Map<String, String> withCookie = new java.util.HashMap<>(browser);
        withCookie.put("Cookie", cookie.substring(0, cookie.indexOf(';')));
        assertThat(get(url, withCookie).body()).isEqualTo("hello from the sandbox\n");
        Map<String, String> skipping = new java.util.HashMap<>(browser);
        skipping.put("X-Daytona-Skip-Preview-Warning", "true");
        assertThat(get(url, skipping).body()).isEqualTo("hello from the sandbox\n");
        assertThat(get(url, Map.of()).body()).as("programs never see it").isEqualTo("hello from the sandbox\n");
    }

    @Test
    void corsIsTheProxysUnlessDisabled() throws Exception {
        String url = api().get("/sandbox/" + sandbox.id() + "/ports/3000/signed-preview-url?expiresInSeconds=300").json().get("url").asText();
        HttpResponse<String> preflight = send(url, "OPTIONS", Map.of("Origin", "https://app.example", "Access-Control-Request-Method", "PUT",
                "Access-Control-Request-Headers", "x-daytona-preview-token"));
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).contains("PUT");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).contains("x-daytona-preview-token");

        HttpResponse<String> simple = get(url, Map.of("Origin", "https://app.example"));
        assertThat(simple.headers().allValues("Access-Control-Allow-Origin")).containsExactly("https://app.example");
        assertThat(simple.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");

        HttpResponse<String> disabled = get(url, Map.of("Origin", "https://app.example", "X-Daytona-Disable-CORS", "true"));
        assertThat(disabled.headers().allValues("Access-Control-Allow-Origin")).as("the app's own header").containsExactly("*");
        assertThat(disabled.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        HttpResponse<String> forwarded = send(url, "OPTIONS", Map.of("Origin", "https://app.example", "Access-Control-Request-Method", "PUT",
                "X-Daytona-Disable-CORS", "true"));
        assertThat(forwarded.statusCode()).as("the app has no OPTIONS handler").isEqualTo(501);
    }

    @Test
    void serverSentEventsArriveAsTheyAreSent() throws Exception {
        String url = api().get("/sandbox/" + sandbox.id() + "/ports/3000/signed-preview-url?expiresInSeconds=300").json().get("url").asText();
        URI preview = URI.create(url);
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.proxyUrl() + "/events")).header("Host", preview.getAuthority())
                .header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        List<Instant> arrivals = new ArrayList<>();
        List<String> events = new ArrayList<>();
        try (Stream<String> lines = response.body()) {
            lines.filter(line -> line.startsWith("data: ")).forEach(line -> {
                arrivals.add(Instant.now());
                events.add(line);
            });
        }
        assertThat(events).containsExactly("data: tick 0", "data: tick 1", "data: tick 2");
        assertThat(Duration.between(arrivals.get(0), arrivals.get(2))).as("streamed, not buffered").isGreaterThan(Duration.ofMillis(500));
    }

    @Test
    void aWebSocketIsRelayedThroughThePreview() throws Exception {
        String url = api().get("/sandbox/" + sandbox.id() + "/ports/3000/signed-preview-url?expiresInSeconds=300").json().get("url").asText();
        org.eclipse.jetty.client.HttpClient http = new org.eclipse.jetty.client.HttpClient();
        // *.localhost names are this machine, as browsers resolve them.
        http.setSocketAddressResolver((host, port, context, promise) -> promise.succeeded(List.of(new InetSocketAddress("127.0.0.1", port))));
        WebSocketClient client = new WebSocketClient(http);
        client.start();
        try {
            FirstText reply = new FirstText();
            Session session = client.connect(reply, URI.create(url.replaceFirst("^http", "ws") + "/ws")).get(10, TimeUnit.SECONDS);
            session.sendText("hmr ping", Callback.NOOP);
            assertThat(reply.text.get(10, TimeUnit.SECONDS)).isEqualTo("echo: hmr ping");
            session.close();
        } finally {
            client.stop();
        }
    }

    /** Public because Jetty binds a listener's methods by reflection. */
    public static final class FirstText implements Session.Listener.AutoDemanding {
        final CompletableFuture<String> text = new CompletableFuture<>();

        @Override
        public void onWebSocketText(String message) {
            text.complete(message);
        }
    }

    private static Api api() {
        return sandbox.api();
    }

    private static void awaitState(Api api, String id, String state) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!api.get("/sandbox/" + id).json().get("state").asText().equals(state)) {
            assertThat(Instant.now()).as("sandbox never reached " + state).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private static HttpResponse<String> get(String previewUrl, Map<String, String> headers) throws Exception {
        return send(previewUrl, "GET", headers);
    }

    /** Sends to the proxy itself with the preview URL's host name, as a browser resolving it would. */
    private static HttpResponse<String> send(String previewUrl, String method, Map<String, String> headers) throws Exception {
        URI preview = URI.create(previewUrl);
        String pathAndQuery = (preview.getRawPath() == null ? "" : preview.getRawPath())
                + (preview.getRawQuery() == null ? "" : "?" + preview.getRawQuery());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.proxyUrl() + pathAndQuery))
                .header("Host", preview.getAuthority())
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
