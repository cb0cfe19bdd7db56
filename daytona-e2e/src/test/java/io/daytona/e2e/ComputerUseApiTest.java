package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /computeruse}: the desktop of the default image, started on demand in a real sandbox and
 * driven through the proxy. A window (xterm) receives typed text, the pointer moves where it is
 * sent, screenshots are real images of the display, recordings are playable, noVNC answers
 * through a preview URL, and stop leaves no desktop process behind.
 */
@ExtendWith(PlatformExtension.class)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComputerUseApiTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> DESKTOP_PROCESSES = List.of("Xvfb", "xfce4-session", "xfwm4", "x11vnc", "websockify");

    /** A GTK window with a button and an entry whose handlers write files, to check a11y calls. */
    private static final String GTK_APP = """
            import gi
            gi.require_version("Gtk", "3.0")
            from gi.repository import Gtk

            def write(name, text):
                with open("/home/daytona/" + name, "w") as f:
                    f.write(text)

            window = Gtk.Window(title="a11y-app")
            box = Gtk.Box(orientation=Gtk.Orientation.VERTICAL)
            button = Gtk.Button(label="Press me")
            button.connect("clicked", lambda *_: write("pressed.txt", "pressed"))
            entry = Gtk.Entry()
            entry.connect("changed", lambda *_: write("entry.txt", entry.get_text()))
            box.add(button)
            box.add(entry)
            window.add(box)
            window.connect("destroy", Gtk.main_quit)
            window.show_all()
            Gtk.main()
            """;

    private static Platform platform;
    private static TestSandbox sandbox;
    private static Api toolbox;

    @BeforeAll
    static void createSandbox(Platform given) {
        platform = given;
        sandbox = TestSandbox.create(platform, Map.of());
        toolbox = sandbox.toolbox();
    }

    @AfterAll
    static void deleteSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    @Order(1)
    void nothingOfTheDesktopRunsBeforeStart() {
        System.out.println("[measured] daemon " + daemonRss() + " idle, before computer use");
        assertThat(toolbox.get("/computeruse/status").json().get("status").asText()).isEqualTo("inactive");
        assertThat(toolbox.get("/computeruse/process-status").json().get("status").asText()).isEqualTo("inactive");
        assertThat(runningDesktopProcesses()).isEmpty();
        Api.Reply screenshot = toolbox.get("/computeruse/screenshot");
        assertThat(screenshot.status()).isEqualTo(503);
        assertThat(screenshot.body()).contains("POST /computeruse/start");
        assertThat(toolbox.post("/computeruse/mouse/move", Map.of("x", 1, "y", 1)).status()).isEqualTo(503);
    }

    @Test
    @Order(2)
    void startRunsEveryProcessAndReportsThem() {
        Instant before = Instant.now();
        Api.Reply started = toolbox.post("/computeruse/start", Map.of());
        System.out.println("[measured] desktop start " + Duration.between(before, Instant.now()).toMillis() + " ms");
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        JsonNode body = started.json();
        assertThat(body.get("message").asText()).isEqualTo("Computer use processes started successfully");
        for (String name : List.of("xvfb", "xfce4", "x11vnc", "novnc")) {
            JsonNode process = body.get("status").get(name);
            assertThat(process.get("running").asBoolean()).as(name).isTrue();
            assertThat(process.get("pid").asInt()).as(name).isPositive();
            assertThat(process.get("autoRestart").asBoolean()).isTrue();
        }
        assertThat(body.get("status").get("xvfb").get("priority").asInt()).isLessThan(body.get("status").get("novnc").get("priority").asInt());
        assertThat(toolbox.get("/computeruse/status").json().get("status").asText()).isEqualTo("active");
        assertThat(toolbox.get("/computeruse/process/xvfb/status").json().get("running").asBoolean()).isTrue();
        assertThat(toolbox.post("/computeruse/start", Map.of()).status()).as("start again is harmless").isEqualTo(200);
        JsonNode display = toolbox.get("/computeruse/display/info").json().get("displays").get(0);
        assertThat(display.get("width").asInt()).isEqualTo(1024);
        assertThat(display.get("height").asInt()).isEqualTo(768);
        assertThat(display.get("isActive").asBoolean()).isTrue();
    }

    @Test
    @Order(3)
    void typedTextReachesTheFocusedWindow() throws Exception {
        // DISPLAY is in the environment of commands started after /computeruse/start.
        Api.Reply launched = toolbox.post("/process/execute", Map.of("command",
                "bash -c 'setsid xterm -T cu-term -e bash -c \"read line; printf %s \\\"\\$line\\\" > /home/daytona/typed.txt\" > /dev/null 2>&1 &'"));
        assertThat(launched.status()).as(launched.body()).isEqualTo(200);
        await("the xterm window is mapped and focused", () -> {
            for (JsonNode window : toolbox.get("/computeruse/display/windows").json().get("windows")) {
                if (window.get("title").asText().equals("cu-term") && window.get("isActive").asBoolean()) {
                    return true;
                }
            }
            return false;
        });
        assertThat(toolbox.post("/computeruse/keyboard/type", Map.of("text", "hello desktop", "delay", 20)).status()).isEqualTo(200);
        assertThat(toolbox.post("/computeruse/keyboard/key", Map.of("key", "Enter")).status()).isEqualTo(200);
        await("the typed line is in the file", () -> "hello desktop".equals(
                toolbox.post("/process/execute", Map.of("command", "cat /home/daytona/typed.txt")).json().get("result").asText()));
        assertThat(toolbox.post("/computeruse/keyboard/hotkey", Map.of("keys", "ctrl+shift+t")).status()).isEqualTo(200);
        assertThat(toolbox.post("/computeruse/keyboard/key", Map.of("key", "a", "modifiers", List.of("ctrl", "alt"))).status()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void thePointerGoesWhereItIsSent() {
        JsonNode moved = toolbox.post("/computeruse/mouse/move", Map.of("x", 200, "y", 150)).json();
        assertThat(List.of(moved.get("x").asInt(), moved.get("y").asInt())).containsExactly(200, 150);
        JsonNode position = toolbox.get("/computeruse/mouse/position").json();
        assertThat(List.of(position.get("x").asInt(), position.get("y").asInt())).containsExactly(200, 150);
        JsonNode clicked = toolbox.post("/computeruse/mouse/click", Map.of("x", 300, "y", 310, "button", "left", "double", true)).json();
        assertThat(List.of(clicked.get("x").asInt(), clicked.get("y").asInt())).containsExactly(300, 310);
        assertThat(position(toolbox)).containsExactly(300, 310);
        // On the desktop, below the panel: a press on the panel's menu button would open a menu,
        // whose grab keeps the keyboard focus from every window until it closes.
        JsonNode dragged = toolbox.post("/computeruse/mouse/drag", Map.of("startX", 100, "startY", 200, "endX", 400, "endY", 300)).json();
        assertThat(List.of(dragged.get("x").asInt(), dragged.get("y").asInt())).containsExactly(400, 300);
        assertThat(position(toolbox)).containsExactly(400, 300);
        assertThat(toolbox.post("/computeruse/mouse/scroll", Map.of("x", 500, "y", 400, "direction", "down", "amount", 3))
                .json().get("success").asBoolean()).isTrue();
        assertThat(position(toolbox)).containsExactly(500, 400);
    }

    @Test
    @Order(5)
    void badInputIsRefusedWithAReason() {
        assertBadRequest(toolbox.post("/computeruse/mouse/click", Map.of("x", 1, "y", 1, "button", "fourth")), "button");
        assertBadRequest(toolbox.post("/computeruse/mouse/move", Map.of("x", -1, "y", 1)), "negative");
        assertBadRequest(toolbox.post("/computeruse/mouse/move", Map.of("x", 1)), "required");
        assertBadRequest(toolbox.post("/computeruse/mouse/scroll", Map.of("x", 1, "y", 1, "direction", "sideways")), "direction");
        assertBadRequest(toolbox.post("/computeruse/keyboard/type", Map.of("text", "")), "text");
        assertBadRequest(toolbox.post("/computeruse/keyboard/key", Map.of("key", "NoSuchKeyName")), "NoSuchKeyName");
        assertBadRequest(toolbox.post("/computeruse/keyboard/key", Map.of("key", "a", "modifiers", List.of("hyper"))), "modifiers");
        assertBadRequest(toolbox.get("/computeruse/screenshot/compressed?format=gif"), "format");
        assertBadRequest(toolbox.get("/computeruse/screenshot/compressed?quality=0"), "quality");
        assertBadRequest(toolbox.get("/computeruse/screenshot/region?x=0&y=0&width=10"), "height");
        assertBadRequest(toolbox.get("/computeruse/screenshot/region?x=1000&y=0&width=100&height=10"), "not inside the display");
        assertBadRequest(toolbox.post("/computeruse/recordings/start", Map.of("label", "../escape")), "label");
        Api.Reply unknown = toolbox.get("/computeruse/process/nosuch/logs");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("xvfb");
    }

    @Test
    @Order(6)
    void theAccessibilityTreeShowsAndDrivesAGtkApplication() throws Exception {
        String script = Base64.getEncoder().encodeToString(GTK_APP.getBytes(StandardCharsets.UTF_8));
        toolbox.post("/process/execute", Map.of("command", "bash -c 'echo " + script + " | base64 -d > /home/daytona/app.py && "
                + "setsid python3 /home/daytona/app.py > /home/daytona/app.log 2>&1 &'"));
        await("the GTK window is mapped", () -> windowTitles().contains("a11y-app"));
        int pid = Integer.parseInt(toolbox.post("/process/execute", Map.of("command", "xdotool search --name '^a11y-app$' getwindowpid")).json().get("result").asText().strip());

        Api.Reply treeReply = toolbox.get("/computeruse/a11y/tree?scope=pid&pid=" + pid);
        assertThat(treeReply.status()).as(treeReply.body()).isEqualTo(200);
        JsonNode tree = treeReply.json();
        assertThat(tree.get("truncated").asBoolean()).isFalse();
        JsonNode root = tree.get("root");
        assertThat(root.get("role").asText()).isEqualTo("application");
        JsonNode frame = root.get("children").get(0);
        assertThat(frame.get("role").asText()).isEqualTo("frame");
        assertThat(frame.get("name").asText()).isEqualTo("a11y-app");
        assertThat(frame.get("bounds").get("width").asInt()).isPositive();
        assertThat(toolbox.get("/computeruse/a11y/tree?scope=pid&pid=" + pid + "&maxDepth=0").json().get("root").get("children")).isEmpty();

        JsonNode buttons = toolbox.post("/computeruse/a11y/find", Map.of("scope", "all", "role", "push button", "name", "Press me",
                "nameMatch", "exact")).json().get("matches");
        assertThat(buttons).hasSize(1);
        JsonNode button = buttons.get(0);
        assertThat(button.get("id").asText()).matches(":[0-9.]+:/org/a11y/atspi/accessible/.+");
        assertThat(button.get("actions").get(0).asText()).isEqualToIgnoringCase("click");
        assertThat(toolbox.post("/computeruse/a11y/node/invoke", Map.of("id", button.get("id").asText())).status()).isEqualTo(200);
        await("the button's handler ran", () -> "pressed".equals(file("pressed.txt")));

        JsonNode entry = toolbox.post("/computeruse/a11y/find", Map.of("scope", "pid", "pid", pid, "role", "text"))
                .json().get("matches").get(0);
        assertThat(toolbox.post("/computeruse/a11y/node/value", Map.of("id", entry.get("id").asText(), "value", "set through AT-SPI"))
                .status()).isEqualTo(200);
        await("the entry has the text", () -> "set through AT-SPI".equals(file("entry.txt")));
        // A widget shows "focused" only while its window is the active one (a new window is).
        await("the GTK window is active", () -> window("a11y-app").get("isActive").asBoolean());
        assertThat(toolbox.post("/computeruse/a11y/node/focus", Map.of("id", entry.get("id").asText())).status()).isEqualTo(200);
        await("the entry has the focus", () -> toolbox.post("/computeruse/a11y/find", Map.of("scope", "pid", "pid", pid,
                "states", List.of("focused"))).json().get("matches").findValuesAsText("id").contains(entry.get("id").asText()));
        // The app's window has the focus now, so the default scope finds it.
        assertThat(toolbox.post("/computeruse/a11y/find", Map.of("name", "Press")).json().get("matches").findValuesAsText("role"))
                .contains("push button");

        assertBadRequest(toolbox.get("/computeruse/a11y/tree?scope=everything"), "scope");
        assertBadRequest(toolbox.post("/computeruse/a11y/node/invoke", Map.of("id", button.get("id").asText(), "action", "fly")), "Click");
        assertBadRequest(toolbox.post("/computeruse/a11y/find", Map.of("scope", "all", "nameMatch", "fuzzy")), "nameMatch");
        assertBadRequest(toolbox.post("/computeruse/a11y/node/focus", Map.of("id", "not-an-id")), "id");
        assertThat(toolbox.post("/computeruse/a11y/node/focus", Map.of("id", button.get("id").asText().replaceFirst("/[^/]+$", "/999999")))
                .status()).isEqualTo(404);
        assertThat(toolbox.get("/computeruse/a11y/tree?scope=pid&pid=999999").status()).isEqualTo(404);
        toolbox.post("/process/execute", Map.of("command", "pkill -o -f 'python3 /home/daytona/app.py'"));
    }

    @Test
    @Order(7)
    void screenshotsAreImagesOfTheDisplay() throws Exception {
        Instant before = Instant.now();
        JsonNode full = toolbox.get("/computeruse/screenshot?showCursor=true").json();
        System.out.println("[measured] first screenshot " + Duration.between(before, Instant.now()).toMillis() + " ms (starts the worker)");
        byte[] png = Base64.getDecoder().decode(full.get("screenshot").asText());
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(full.get("sizeBytes").asInt()).isEqualTo(png.length);
        assertThat(full.get("cursorPosition").get("x").asInt()).isEqualTo(500);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(1024);
        assertThat(image.getHeight()).isEqualTo(768);
        assertThat(colours(image)).as("a desktop with a panel and a window, not a blank frame").isGreaterThan(20);
        long total = 0;
        for (int i = 0; i < 5; i++) {
            Instant start = Instant.now();
            assertThat(toolbox.get("/computeruse/screenshot").status()).isEqualTo(200);
            total += Duration.between(start, Instant.now()).toMillis();
        }
        System.out.println("[measured] screenshot through the proxy, mean of 5: " + total / 5 + " ms");

        byte[] region = Base64.getDecoder().decode(toolbox.get("/computeruse/screenshot/region?x=100&y=50&width=120&height=80")
                .json().get("screenshot").asText());
        BufferedImage regionImage = ImageIO.read(new ByteArrayInputStream(region));
        assertThat(List.of(regionImage.getWidth(), regionImage.getHeight())).containsExactly(120, 80);

        byte[] jpeg = Base64.getDecoder().decode(toolbox.get("/computeruse/screenshot/compressed?format=jpeg&quality=50&scale=0.5")
                .json().get("screenshot").asText());
        assertThat(jpeg).startsWith(0xFF, 0xD8);
        BufferedImage half = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertThat(List.of(half.getWidth(), half.getHeight())).containsExactly(512, 384);
        assertThat(jpeg.length).isLessThan(png.length);

        byte[] webp = Base64.getDecoder().decode(toolbox.get("/computeruse/screenshot/region/compressed?x=0&y=0&width=64&height=64&format=webp")
                .json().get("screenshot").asText());
        assertThat(new String(webp, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(new String(webp, 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WEBP");
    }

    @Test
    @Order(8)
    void aRecordingIsAPlayableVideo() throws Exception {
        Api.Reply started = toolbox.post("/computeruse/recordings/start", Map.of("label", "e2e run"));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        JsonNode recording = started.json();
        String id = recording.get("id").asText();
        assertThat(recording.get("status").asText()).isEqualTo("recording");
        assertThat(recording.get("fileName").asText()).startsWith(id + "_e2e run_").endsWith(".mp4");
        for (int i = 0; i < 10; i++) {
            toolbox.post("/computeruse/mouse/move", Map.of("x", 100 + i * 50, "y", 100 + i * 30));
            Thread.sleep(200);
        }
        assertThat(toolbox.get("/computeruse/recordings").json().get("recordings").findValuesAsText("id")).contains(id);
        assertThat(toolbox.get("/computeruse/recordings/" + id).json().get("status").asText()).isEqualTo("recording");
        assertThat(toolbox.get("/computeruse/recordings/" + id + "/download").status()).as("not while recording").isEqualTo(400);

        JsonNode stopped = toolbox.post("/computeruse/recordings/stop", Map.of("id", id)).json();
        assertThat(stopped.get("status").asText()).isEqualTo("completed");
        assertThat(stopped.get("durationSeconds").asDouble()).isGreaterThan(1.5);
        assertThat(stopped.get("sizeBytes").asLong()).isPositive();
        assertThat(toolbox.post("/computeruse/recordings/stop", Map.of("id", id)).status()).isEqualTo(404);

        String probed = toolbox.post("/process/execute", Map.of("command",
                "ffprobe -v error -show_entries format=duration:stream=codec_name -of default=nw=1 '" + stopped.get("filePath").asText() + "'"))
                .json().get("result").asText();
        assertThat(probed).contains("codec_name=h264");
        double duration = Double.parseDouble(probed.lines().filter(l -> l.startsWith("duration=")).findFirst().orElseThrow().substring(9));
        assertThat(duration).as(probed).isGreaterThan(1.0);

        HttpResponse<byte[]> download = HTTP.send(HttpRequest.newBuilder(URI.create(platform.proxyUrl() + "/toolbox/" + sandbox.id()
                + "/computeruse/recordings/" + id + "/download")).header("Authorization", "Bearer " + platform.adminKey()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).hasSize((int) stopped.get("sizeBytes").asLong());
        assertThat(new String(download.body(), 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");

        JsonNode listed = toolbox.get("/computeruse/recordings/" + id).json();
        assertThat(listed.get("status").asText()).isEqualTo("completed");
        assertThat(toolbox.delete("/computeruse/recordings/" + id).status()).isEqualTo(204);
        assertThat(toolbox.get("/computeruse/recordings/" + id).status()).isEqualTo(404);
        assertThat(toolbox.delete("/computeruse/recordings/" + id).status()).isEqualTo(404);
    }

    @Test
    @Order(9)
    void noVncServesThroughAPreviewUrl() throws Exception {
        JsonNode preview = sandbox.api().get("/sandbox/" + sandbox.id() + "/ports/6080/preview-url").json();
        URI url = URI.create(preview.get("url").asText());
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(platform.proxyUrl() + "/vnc.html"))
                .header("Host", url.getAuthority()).header("X-Daytona-Preview-Token", preview.get("token").asText()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("noVNC");

        String signed = sandbox.api().get("/sandbox/" + sandbox.id() + "/ports/6080/signed-preview-url?expiresInSeconds=120")
                .json().get("url").asText();
        org.eclipse.jetty.client.HttpClient http = new org.eclipse.jetty.client.HttpClient();
        // *.localhost names are this machine, as browsers resolve them.
        http.setSocketAddressResolver((host, port, context, promise) -> promise.succeeded(List.of(new InetSocketAddress("127.0.0.1", port))));
        WebSocketClient client = new WebSocketClient(http);
        client.start();
        try {
            FirstBinary reply = new FirstBinary();
            ClientUpgradeRequest upgrade = new ClientUpgradeRequest();
            upgrade.setSubProtocols("binary");
            Session session = client.connect(reply, URI.create(signed.replaceFirst("^http", "ws") + "/websockify"), upgrade)
                    .get(10, TimeUnit.SECONDS);
            assertThat(reply.bytes.get(10, TimeUnit.SECONDS)).as("the VNC server's greeting").startsWith("RFB 003.");
            session.close();
        } finally {
            client.stop();
        }
    }

    @Test
    @Order(10)
    void aProcessRestartsAndKeepsItsLogs() {
        int oldPid = toolbox.post("/computeruse/start", Map.of()).json().get("status").get("novnc").get("pid").asInt();
        JsonNode restarted = toolbox.post("/computeruse/process/novnc/restart", Map.of()).json();
        assertThat(restarted.get("processName").asText()).isEqualTo("novnc");
        assertThat(restarted.get("message").asText()).isEqualTo("Process novnc restarted successfully");
        JsonNode status = toolbox.post("/computeruse/start", Map.of()).json().get("status").get("novnc");
        assertThat(status.get("running").asBoolean()).isTrue();
        assertThat(status.get("pid").asInt()).isNotEqualTo(oldPid);
        JsonNode logs = toolbox.get("/computeruse/process/x11vnc/errors").json();
        assertThat(logs.get("processName").asText()).isEqualTo("x11vnc");
        assertThat(logs.get("errors").asText()).as("x11vnc logs to stderr").contains("5901");
        assertThat(toolbox.get("/computeruse/process/xvfb/logs").json().has("logs")).isTrue();
    }

    @Test
    @Order(11)
    void stopEndsEveryDesktopProcess() {
        toolbox.get("/computeruse/screenshot");
        System.out.println("[measured] daemon " + daemonRss() + " after using computer use");
        JsonNode stopped = toolbox.post("/computeruse/stop", Map.of()).json();
        assertThat(stopped.get("message").asText()).isEqualTo("Computer use processes stopped successfully");
        stopped.get("status").forEach(process -> assertThat(process.get("running").asBoolean()).isFalse());
        assertThat(toolbox.get("/computeruse/status").json().get("status").asText()).isEqualTo("inactive");
        assertThat(runningDesktopProcesses()).isEmpty();
        assertThat(toolbox.get("/computeruse/screenshot").status()).isEqualTo(503);
        System.out.println("[measured] daemon " + daemonRss() + " after stop");
    }

    /** Public because Jetty binds a listener's methods by reflection. */
    public static final class FirstBinary implements Session.Listener.AutoDemanding {
        final CompletableFuture<String> bytes = new CompletableFuture<>();

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            bytes.complete(StandardCharsets.US_ASCII.decode(payload).toString());
            callback.succeed();
        }
    }

    private static JsonNode window(String title) {
        for (JsonNode window : toolbox.get("/computeruse/display/windows").json().get("windows")) {
            if (window.get("title").asText().equals(title)) {
                return window;
            }
        }
        throw new AssertionError("no window " + title);
    }

    private static List<String> windowTitles() {
        return toolbox.get("/computeruse/display/windows").json().get("windows").findValuesAsText("title");
    }

    private static String file(String name) {
        return toolbox.post("/process/execute", Map.of("command", "cat /home/daytona/" + name + " 2>/dev/null")).json().get("result").asText();
    }

    private static List<Integer> position(Api api) {
        JsonNode position = api.get("/computeruse/mouse/position").json();
        return List.of(position.get("x").asInt(), position.get("y").asInt());
    }

    private static void assertBadRequest(Api.Reply reply, String mentioned) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.body()).contains(mentioned);
    }

    private static int colours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    private static List<String> runningDesktopProcesses() {
        String listed = toolbox.post("/process/execute", Map.of("command", "ps -eo comm=")).json().get("result").asText();
        return listed.lines().map(String::strip).filter(DESKTOP_PROCESSES::contains).toList();
    }

    private static String daemonRss() {
        return toolbox.post("/process/execute", Map.of("command", "grep VmRSS /proc/$(pgrep -o -x java)/status"))
                .json().get("result").asText().strip();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(what).isBefore(deadline);
            Thread.sleep(200);
        }
    }
}
