package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Previews and the web terminal as a browser sees them: headless Chromium (Debian's
 * {@code chromium}, installed by {@code scripts/setup.sh}) opens preview URLs on
 * {@code *.localhost}, which it resolves to the loopback by itself, and the DOM it ends with is
 * checked. Continue on the warning page is a GET of its accept path, which the browser follows
 * as a click would: cookie set, then redirected back to the page.
 */
@ExtendWith(PlatformExtension.class)
class BrowserPreviewTest {
    private static final String ACCEPT = "/.daytona/preview-warning/accept?next=%2F";
    private static final String WARNING = "You are about to open a sandbox preview";

    private static TestSandbox sandbox;
    private static Platform platform;

    @TempDir
    Path profiles;

    @BeforeAll
    static void startWebServer(Platform platform) throws Exception {
        Assumptions.assumeTrue(chromium().isPresent(),
                "chromium is not installed: run scripts/setup.sh (it installs Debian's chromium) to run the browser tests");
        BrowserPreviewTest.platform = platform;
        sandbox = TestSandbox.create(platform, Map.of("public", true));
        sandbox.toolbox().post("/process/session", Map.of("sessionId", "web"));
        sandbox.toolbox().post("/process/session/web/exec", Map.of("command",
                "mkdir -p ~/site && cd ~/site && echo '<h1 id=app>served by python in the sandbox</h1>' > index.html"
                        + " && python3 -m http.server 3000", "runAsync", true));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!sandbox.toolbox().get("/port/3000/in-use").json().get("isInUse").asBoolean()) {
            assertThat(Instant.now()).as("the web server never listened").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void deleteSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void aStandardPreviewUrlShowsTheWarningPageFirstThenThePage() throws Exception {
        String url = sandbox.api().get("/sandbox/" + sandbox.id() + "/ports/3000/preview-url").json().get("url").asText();
        String first = dumpDom(url + "/");
        assertThat(first).contains(WARNING).doesNotContain("served by python");
        String continued = dumpDom(url + ACCEPT);
        assertThat(continued).contains("<h1 id=\"app\">served by python in the sandbox</h1>").doesNotContain(WARNING);
    }

    @Test
    void aSignedPreviewUrlOpensThePageWithoutHeaders() throws Exception {
        String url = signedUrl(3000);
        assertThat(dumpDom(url + "/")).contains(WARNING);
        assertThat(dumpDom(url + ACCEPT)).contains("served by python in the sandbox");
    }

    @Test
    void theWebTerminalOpensThroughASignedUrlAndRunsAShell() throws Exception {
        String standard = sandbox.api().get("/sandbox/" + sandbox.id() + "/ports/22222/preview-url").json().get("url").asText();
        assertThat(dumpDom(standard + "/")).as("a public sandbox's terminal stays for members")
                .contains("members of the sandbox").doesNotContain("id=\"terminal\"");

        String signed = signedUrl(22222);
        String terminal = dumpDom(signed + ACCEPT);
        assertThat(terminal).contains("<div id=\"terminal\"");
        // xterm.js, served by the daemon, ran: it builds its own elements in the container.
        assertThat(terminal).contains("class=\"xterm-screen\"").contains("xterm-helper-textarea");

        // The page's WebSocket, through the same signed host, is a shell. (Headless Chromium's
        // virtual time ends before a socket opens, so a WebSocket client types into it here.)
        org.eclipse.jetty.client.HttpClient http = new org.eclipse.jetty.client.HttpClient();
        http.setSocketAddressResolver((host, port, context, promise) -> promise.succeeded(List.of(new InetSocketAddress("127.0.0.1", port))));
        WebSocketClient client = new WebSocketClient(http);
        client.start();
        try {
            var page = http.newRequest(standard + "/").headers(h -> h.put("Authorization", "Bearer " + platform.adminKey())).send();
            assertThat(page.getStatus()).as("a member's key opens the standard host").isEqualTo(200);
            assertThat(page.getContentAsString()).contains("<div id=\"terminal\"></div>");
            Output output = new Output();
            // with the headers the page's own socket carries: its origin and the warning page's cookie
            ClientUpgradeRequest upgrade = new ClientUpgradeRequest();
            upgrade.setHeader("Origin", signed);
            upgrade.setHeader("Cookie", "daytona-preview-warning-accepted=true");
            Session shell = client.connect(output, URI.create(signed.replaceFirst("^http", "ws") + "/ws?cols=100&rows=30"), upgrade)
                    .get(10, TimeUnit.SECONDS);
            shell.sendText("{\"cols\":120,\"rows\":40}", Callback.NOOP);
            shell.sendBinary(ByteBuffer.wrap("echo answer-$((6*7)); stty size\n".getBytes(StandardCharsets.UTF_8)), Callback.NOOP);
            Instant deadline = Instant.now().plusSeconds(10);
            while (!(output.text().contains("answer-42") && output.text().contains("40 120"))) {
                assertThat(Instant.now()).as("the shell answered and was resized; got: " + output.text()).isBefore(deadline);
                Thread.sleep(50);
            }
            shell.close();
        } finally {
            client.stop();
        }
    }

    /** What a terminal wrote (binary frames). Public because Jetty binds a listener's methods by reflection. */
    public static final class Output implements Session.Listener.AutoDemanding {
        private final StringBuffer text = new StringBuffer();

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            text.append(StandardCharsets.UTF_8.decode(payload));
            callback.succeed();
        }

        String text() {
            return text.toString();
        }
    }

    private static String signedUrl(int port) {
        return sandbox.api().get("/sandbox/" + sandbox.id() + "/ports/" + port + "/signed-preview-url?expiresInSeconds=300")
                .json().get("url").asText();
    }

    /** The page's DOM after it loaded and its scripts ran for a few seconds, in a fresh profile. */
    private String dumpDom(String url) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(profiles, "chromium");
        List<String> command = new ArrayList<>(List.of(chromium().orElseThrow().toString(),
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--virtual-time-budget=5000", "--dump-dom", url));
        Process chromium = new ProcessBuilder(command).redirectError(profile.resolve("stderr").toFile()).start();
        byte[] dom = chromium.getInputStream().readAllBytes();
        assertThat(chromium.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        return new String(dom, StandardCharsets.UTF_8);
    }

    private static Optional<Path> chromium() {
        return Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser").map(Path::of).filter(Files::isExecutable).findFirst();
    }
}
