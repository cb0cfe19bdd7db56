package io.daytona.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.DaytonaConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Vite dev server in a sandbox, reached through its preview host: the page, and the HMR
 * WebSocket (subprotocol {@code vite-hmr}, with the token Vite puts in {@code /@vite/client}), on
 * which Vite greets the client, answers a client's message and pushes an update on its own when
 * a file changes.
 *
 * <p>Vite 6 (the newest that runs on the image's Node 18; Vite 7 needs Node 20.19) is installed
 * with npm on the host, as the daemon's build fetches xterm.js, and copied into the sandbox,
 * which has no internet.
 */
@ExtendWith(PlatformExtension.class)
class ViteHmrPreviewTest {
    private static final String VITE = "vite@6.4.6";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern WS_TOKEN = Pattern.compile("const wsToken = \"([^\"]+)\"");
    private static final String CONFIG = """
            export default {
              server: { host: '0.0.0.0', port: 5173, strictPort: true },
              plugins: [{
                name: 'echo',
                configureServer(server) {
                  server.ws.on('test:echo', (data, client) => client.send('test:echo-reply', data));
                },
              }],
            };
            """;

    private static Platform platform;
    private static TestSandbox sandbox;
    private static String previewUrl;

    @TempDir
    static Path project;

    @BeforeAll
    static void startVite(Platform running) throws Exception {
        platform = running;
        Files.writeString(project.resolve("package.json"), "{\"name\":\"hmr\",\"private\":true,\"type\":\"module\"}");
        Files.writeString(project.resolve("index.html"), "<!doctype html><html><body><script type=\"module\" src=\"/main.js\"></script></body></html>\n");
        Files.writeString(project.resolve("main.js"), "export const version = 1;\nif (import.meta.hot) import.meta.hot.accept();\n");
        Files.writeString(project.resolve("vite.config.js"), CONFIG);
        run(project, "npm", "install", "--no-audit", "--no-fund", "--loglevel=error", VITE);
        Path archive = project.resolveSibling(project.getFileName() + ".tgz");
        run(project, "tar", "czf", archive.toString(), ".");

        sandbox = TestSandbox.create(platform, Map.of("public", true));
        try (Daytona daytona = new Daytona(DaytonaConfig.builder().apiKey(platform.adminKey()).apiUrl(platform.apiUrl().toString()).build())) {
            daytona.get(sandbox.id()).getFs().uploadFile(archive, "/home/daytona/vite.tgz");
        }
        Files.delete(archive);
        Api.Reply unpacked = sandbox.toolbox().post("/process/execute",
                Map.of("command", "sh -c 'mkdir -p ~/web && tar xzf ~/vite.tgz -C ~/web && rm ~/vite.tgz'"));
        assertThat(unpacked.json().get("exitCode").asInt()).as(unpacked.body()).isZero();
        sandbox.toolbox().post("/process/session", Map.of("sessionId", "vite"));
        sandbox.toolbox().post("/process/session/vite/exec", Map.of("command",
                "cd ~/web && node node_modules/vite/bin/vite.js", "runAsync", true));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!sandbox.toolbox().get("/port/5173/in-use").json().get("isInUse").asBoolean()) {
            assertThat(Instant.now()).as("Vite never listened").isBefore(deadline);
            Thread.sleep(200);
        }
        previewUrl = sandbox.api().get("/sandbox/" + sandbox.id() + "/ports/5173/preview-url").json().get("url").asText();
    }

    @AfterAll
    static void deleteSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void theHmrSocketGreetsAnswersAndPushesUpdates() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("/@vite/client").contains("/main.js");
        HttpResponse<String> client = get("/@vite/client");
        assertThat(client.statusCode()).isEqualTo(200);
        Matcher token = WS_TOKEN.matcher(client.body());
        assertThat(token.find()).as("Vite's client names its WebSocket token").isTrue();
        assertThat(get("/main.js").body()).contains("version = 1");

        org.eclipse.jetty.client.HttpClient http = new org.eclipse.jetty.client.HttpClient();
        // *.localhost names are this machine, as browsers resolve them.
        http.setSocketAddressResolver((name, port, context, promise) -> promise.succeeded(List.of(new InetSocketAddress("127.0.0.1", port))));
        WebSocketClient webSockets = new WebSocketClient(http);
        webSockets.start();
        try {
            Messages messages = new Messages();
            ClientUpgradeRequest upgrade = new ClientUpgradeRequest();
            upgrade.setSubProtocols("vite-hmr");
            Session session = webSockets.connect(messages, URI.create(previewUrl.replaceFirst("^http", "ws") + "/?token=" + token.group(1)), upgrade)
                    .get(15, TimeUnit.SECONDS);
            assertThat(session.getUpgradeResponse().getAcceptedSubProtocol()).isEqualTo("vite-hmr");
            assertThat(messages.next().get("type").asText()).as("Vite greets a new client").isEqualTo("connected");

            session.sendText("{\"type\":\"custom\",\"event\":\"test:echo\",\"data\":{\"n\":7}}", Callback.NOOP);
            JsonNode reply = messages.next();
            assertThat(reply.get("event").asText()).isEqualTo("test:echo-reply");
            assertThat(reply.get("data").get("n").asInt()).isEqualTo(7);

            Api.Reply edited = sandbox.toolbox().post("/process/execute",
                    Map.of("command", "sh -c \"sed -i 's/version = 1/version = 2/' ~/web/main.js\""));
            assertThat(edited.json().get("exitCode").asInt()).as(edited.body()).isZero();
            JsonNode update = messages.next();
            assertThat(update.get("type").asText()).as(update.toString()).isEqualTo("update");
            assertThat(update.get("updates").get(0).get("path").asText()).isEqualTo("/main.js");
            assertThat(get("/main.js").body()).contains("version = 2");
            session.close();
        } finally {
            webSockets.stop();
        }
    }

    /** Text messages as JSON, in order. Public because Jetty binds a listener's methods by reflection. */
    public static final class Messages implements Session.Listener.AutoDemanding {
        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        @Override
        public void onWebSocketText(String message) {
            received.add(message);
        }

        JsonNode next() throws Exception {
            String message = received.poll(30, TimeUnit.SECONDS);
            assertThat(message).as("a message from Vite within 30 s").isNotNull();
            return Api.JSON.readTree(message);
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        URI preview = URI.create(previewUrl);
        return HTTP.send(HttpRequest.newBuilder(URI.create(platform.proxyUrl() + path)).header("Host", preview.getAuthority())
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void run(Path directory, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as("%s failed:%n%s", String.join(" ", command), output).isZero();
    }
}
