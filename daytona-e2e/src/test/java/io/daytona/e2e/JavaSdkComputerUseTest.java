package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daytona.model.toolbox.computeruse.AccessibilityNode;
import io.daytona.model.toolbox.computeruse.AccessibilityNodesResponse;
import io.daytona.model.toolbox.computeruse.AccessibilityTreeResponse;
import io.daytona.model.toolbox.computeruse.ComputerUseStartResponse;
import io.daytona.model.toolbox.computeruse.DisplayInfo;
import io.daytona.model.toolbox.computeruse.FindAccessibilityNodesRequest;
import io.daytona.model.toolbox.computeruse.MousePositionResponse;
import io.daytona.model.toolbox.computeruse.Recording;
import io.daytona.model.toolbox.computeruse.ScreenshotResponse;
import io.daytona.sdk.AsyncSandbox;
import io.daytona.sdk.ComputerUse;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.DaytonaAsync;
import io.daytona.sdk.DaytonaConfig;
import io.daytona.sdk.DaytonaNotFoundException;
import io.daytona.sdk.DaytonaServerException;
import io.daytona.sdk.DaytonaValidationException;
import io.daytona.sdk.Sandbox;
import io.daytona.sdk.ScreenshotOptions;
import io.daytona.sdk.ScreenshotRegion;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The Java SDK's {@code ComputerUse} (and its async view) against the desktop of a real sandbox. */
@ExtendWith(PlatformExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class JavaSdkComputerUseTest {
    private Daytona daytona;
    private DaytonaAsync async;
    private Sandbox sandbox;
    private ComputerUse desktop;

    @TempDir
    Path local;

    @BeforeAll
    void createSandbox(Platform platform) {
        DaytonaConfig config = DaytonaConfig.builder().apiKey(platform.adminKey()).apiUrl(platform.apiUrl().toString()).build();
        daytona = new Daytona(config);
        async = new DaytonaAsync(config);
        sandbox = daytona.create(p -> p.labels(Map.of("suite", "java-sdk-computer-use")));
        desktop = sandbox.getComputerUse();
    }

    @AfterAll
    void deleteSandbox() {
        try {
            if (sandbox != null) {
                sandbox.delete();
            }
        } finally {
            async.close();
            daytona.close();
        }
    }

    @Test
    @Order(1)
    void callsBeforeStartFailWithTheReason() {
        assertThat(desktop.getStatus().status()).isEqualTo("inactive");
        assertThatThrownBy(() -> desktop.getScreenshot().takeFullScreen())
                .isInstanceOf(DaytonaServerException.class)
                .hasMessageStartingWith("Failed to take screenshot: ")
                .hasMessageContaining("POST /computeruse/start");
    }

    @Test
    @Order(2)
    void startThenDriveTheDesktop() throws Exception {
        ComputerUseStartResponse started = desktop.start();
        assertThat(started.status()).containsKeys("xvfb", "xfce4", "x11vnc", "novnc");
        assertThat(started.status().values()).allMatch(p -> p.running() && p.pid() != null);
        assertThat(desktop.getStatus().status()).isEqualTo("active");
        assertThat(desktop.getProcessStatus("novnc").running()).isTrue();
        assertThat(desktop.getProcessErrors("x11vnc").errors()).isNotEmpty();

        DisplayInfo display = desktop.getDisplay().getInfo().displays().getFirst();
        assertThat(List.of(display.width(), display.height())).containsExactly(1024, 768);

        sandbox.getProcess().executeCommand(
                "bash -c 'setsid xterm -T sdk-term -e bash -c \"read line; printf %s \\\"\\$line\\\" > ~/sdk.txt\" >/dev/null 2>&1 &'");
        await("the xterm window has the focus", () -> desktop.getDisplay().getWindows().windows().stream()
                .anyMatch(w -> w.title().equals("sdk-term") && w.isActive()));
        desktop.getKeyboard().type("typed by the SDK", Duration.ofMillis(15));
        desktop.getKeyboard().press("Return");
        await("the line is written", () -> "typed by the SDK".equals(sandbox.getProcess().executeCommand("cat ~/sdk.txt").result()));
        desktop.getKeyboard().hotkey("ctrl+shift+t");
        desktop.getKeyboard().press("t", "ctrl", "shift");

        MousePositionResponse moved = desktop.getMouse().move(321, 123);
        assertThat(List.of(moved.x(), moved.y())).containsExactly(321, 123);
        assertThat(desktop.getMouse().click(50, 60, "right", false).x()).isEqualTo(50);
        desktop.getKeyboard().press("Escape"); // closes the desktop's context menu, whose grab would hold the focus
        // Below the panel: a press on its menu button would open a menu.
        assertThat(desktop.getMouse().drag(100, 200, 200, 220).y()).isEqualTo(220);
        assertThat(desktop.getMouse().scroll(400, 300, "up", 2)).isTrue();
        MousePositionResponse position = desktop.getMouse().getPosition();
        assertThat(List.of(position.x(), position.y())).containsExactly(400, 300);
        assertThatThrownBy(() -> desktop.getMouse().click(1, 1, "fourth", false))
                .isInstanceOf(DaytonaValidationException.class).hasMessageContaining("button");
        assertThatThrownBy(() -> desktop.getKeyboard().press("NoSuchKeyName"))
                .isInstanceOf(DaytonaValidationException.class);
        assertThatThrownBy(() -> desktop.getProcessLogs("nosuch")).isInstanceOf(DaytonaNotFoundException.class);
    }

    @Test
    @Order(3)
    void screenshotsDecodeToImagesOfTheDisplay() throws Exception {
        ScreenshotResponse full = desktop.getScreenshot().takeFullScreen(true);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(full.imageBytes()));
        assertThat(List.of(image.getWidth(), image.getHeight())).containsExactly(1024, 768);
        assertThat(full.sizeBytes()).isEqualTo(full.imageBytes().length);
        assertThat(full.cursorPosition().x()).isEqualTo(400);

        BufferedImage region = ImageIO.read(new ByteArrayInputStream(
                desktop.getScreenshot().takeRegion(new ScreenshotRegion(10, 20, 300, 200)).imageBytes()));
        assertThat(List.of(region.getWidth(), region.getHeight())).containsExactly(300, 200);

        byte[] jpeg = desktop.getScreenshot().takeCompressed(ScreenshotOptions.of(o -> o.format("jpeg").quality(60).scale(0.25)))
                .imageBytes();
        assertThat(jpeg).startsWith(0xFF, 0xD8);
        BufferedImage quarter = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertThat(List.of(quarter.getWidth(), quarter.getHeight())).containsExactly(256, 192);

        byte[] webp = desktop.getScreenshot().takeCompressedRegion(new ScreenshotRegion(0, 0, 100, 100),
                ScreenshotOptions.of(o -> o.format("webp").showCursor(true))).imageBytes();
        assertThat(new String(webp, 8, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("WEBP");
        assertThatThrownBy(() -> desktop.getScreenshot().takeRegion(new ScreenshotRegion(1000, 700, 100, 100)))
                .isInstanceOf(DaytonaValidationException.class).hasMessageContaining("not inside the display");
    }

    @Test
    @Order(4)
    void aRecordingIsDownloadedAsAnMp4() throws Exception {
        Recording recording = desktop.getRecording().start("sdk");
        assertThat(recording.status()).isEqualTo("recording");
        for (int i = 0; i < 8; i++) {
            desktop.getMouse().move(50 + i * 60, 50 + i * 40);
            Thread.sleep(200);
        }
        Recording stopped = desktop.getRecording().stop(recording.id());
        assertThat(stopped.status()).isEqualTo("completed");
        assertThat(stopped.durationSeconds()).isGreaterThan(1.0);
        assertThat(desktop.getRecording().list()).extracting(Recording::id).contains(recording.id());
        assertThat(desktop.getRecording().get(recording.id()).sizeBytes()).isEqualTo(stopped.sizeBytes());

        Path mp4 = local.resolve("videos/sdk.mp4");
        desktop.getRecording().download(recording.id(), mp4);
        byte[] bytes = Files.readAllBytes(mp4);
        assertThat((long) bytes.length).isEqualTo(stopped.sizeBytes());
        assertThat(new String(bytes, 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ftyp");

        desktop.getRecording().delete(recording.id());
        assertThatThrownBy(() -> desktop.getRecording().get(recording.id())).isInstanceOf(DaytonaNotFoundException.class);
        assertThatThrownBy(() -> desktop.getRecording().start("../up")).isInstanceOf(DaytonaValidationException.class);
    }

    @Test
    @Order(5)
    void theAccessibilityTreeFindsAndPressesAButton() throws Exception {
        String app = """
                import gi
                gi.require_version("Gtk", "3.0")
                from gi.repository import Gtk
                w = Gtk.Window(title="sdk-a11y")
                b = Gtk.Button(label="Save it")
                b.connect("clicked", lambda *_: open("/home/daytona/saved.txt", "w").write("saved"))
                w.add(b)
                w.connect("destroy", Gtk.main_quit)
                w.show_all()
                Gtk.main()
                """;
        sandbox.getFs().uploadFile(app.getBytes(java.nio.charset.StandardCharsets.UTF_8), "/home/daytona/sdk_app.py");
        sandbox.getProcess().executeCommand("bash -c 'setsid python3 /home/daytona/sdk_app.py >/dev/null 2>&1 &'");
        await("the window is mapped", () -> desktop.getDisplay().getWindows().windows().stream().anyMatch(w -> w.title().equals("sdk-a11y")));
        ComputerUse.Accessibility a11y = desktop.getAccessibility();
        AccessibilityNodesResponse found = a11y.findNodes(FindAccessibilityNodesRequest.builder()
                .scope("all").role("push button").name("Save it").nameMatch("exact").build());
        assertThat(found.matches()).singleElement().satisfies(node -> assertThat(node.actions()).isNotEmpty());
        AccessibilityNode button = found.matches().getFirst();
        a11y.invokeNode(button.id(), button.actions().getFirst());
        await("the click handler ran", () -> "saved".equals(sandbox.getProcess().executeCommand("cat /home/daytona/saved.txt").result()));

        AccessibilityTreeResponse tree = a11y.getTree("all", null, 1);
        assertThat(tree.root().children()).extracting(AccessibilityNode::name).contains("sdk_app.py", "xfce4-panel");
        assertThat(tree.root().children()).allMatch(child -> child.children().isEmpty());
        assertThatThrownBy(() -> a11y.invokeNode(button.id(), "explode")).isInstanceOf(DaytonaValidationException.class);
        assertThatThrownBy(() -> a11y.getTree("pid", 999_999, null)).isInstanceOf(DaytonaNotFoundException.class);
    }

    @Test
    @Order(6)
    void theAsyncViewDrivesTheSameDesktop() throws Exception {
        AsyncSandbox view = async.get(sandbox.getId()).get(30, TimeUnit.SECONDS);
        MousePositionResponse moved = view.getComputerUse().getMouse().move(77, 88).get(30, TimeUnit.SECONDS);
        assertThat(List.of(moved.x(), moved.y())).containsExactly(77, 88);
        byte[] png = view.getComputerUse().getScreenshot().takeFullScreen().get(30, TimeUnit.SECONDS).imageBytes();
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(view.getComputerUse().getStatus().get(30, TimeUnit.SECONDS).status()).isEqualTo("active");
    }

    @Test
    @Order(7)
    void stopEndsTheDesktop() {
        assertThat(desktop.stop().status().values()).noneMatch(p -> p.running());
        assertThat(desktop.getStatus().status()).isEqualTo("inactive");
        assertThat(sandbox.getProcess().executeCommand("pgrep -x Xvfb").exitCode()).as("no Xvfb left").isEqualTo(1);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(what).isBefore(deadline);
            Thread.sleep(200);
        }
    }
}
