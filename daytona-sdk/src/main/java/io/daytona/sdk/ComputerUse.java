package io.daytona.sdk;

import io.daytona.model.toolbox.computeruse.AccessibilityInvokeRequest;
import io.daytona.model.toolbox.computeruse.AccessibilityNodeRequest;
import io.daytona.model.toolbox.computeruse.AccessibilityNodesResponse;
import io.daytona.model.toolbox.computeruse.AccessibilitySetValueRequest;
import io.daytona.model.toolbox.computeruse.AccessibilityTreeResponse;
import io.daytona.model.toolbox.computeruse.ComputerUseStartResponse;
import io.daytona.model.toolbox.computeruse.ComputerUseStatusResponse;
import io.daytona.model.toolbox.computeruse.ComputerUseStopResponse;
import io.daytona.model.toolbox.computeruse.DisplayInfoResponse;
import io.daytona.model.toolbox.computeruse.FindAccessibilityNodesRequest;
import io.daytona.model.toolbox.computeruse.KeyboardHotkeyRequest;
import io.daytona.model.toolbox.computeruse.KeyboardPressRequest;
import io.daytona.model.toolbox.computeruse.KeyboardTypeRequest;
import io.daytona.model.toolbox.computeruse.ListRecordingsResponse;
import io.daytona.model.toolbox.computeruse.MouseClickRequest;
import io.daytona.model.toolbox.computeruse.MouseClickResponse;
import io.daytona.model.toolbox.computeruse.MouseDragRequest;
import io.daytona.model.toolbox.computeruse.MouseDragResponse;
import io.daytona.model.toolbox.computeruse.MouseMoveRequest;
import io.daytona.model.toolbox.computeruse.MousePositionResponse;
import io.daytona.model.toolbox.computeruse.MouseScrollRequest;
import io.daytona.model.toolbox.computeruse.ProcessErrorsResponse;
import io.daytona.model.toolbox.computeruse.ProcessLogsResponse;
import io.daytona.model.toolbox.computeruse.ProcessRestartResponse;
import io.daytona.model.toolbox.computeruse.ProcessStatusResponse;
import io.daytona.model.toolbox.computeruse.Recording;
import io.daytona.model.toolbox.computeruse.ScreenshotResponse;
import io.daytona.model.toolbox.computeruse.ScrollResponse;
import io.daytona.model.toolbox.computeruse.StartRecordingRequest;
import io.daytona.model.toolbox.computeruse.StopRecordingRequest;
import io.daytona.model.toolbox.computeruse.WindowsResponse;
import io.daytona.sdk.internal.HttpTransport;
import io.daytona.sdk.internal.HttpTransport.HttpCall;
import io.daytona.sdk.internal.Urls;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The desktop of one sandbox, through its toolbox; obtained from {@link Sandbox#getComputerUse()}.
 * Thread-safe. {@link #start()} starts the desktop processes (Xvfb, Xfce, x11vnc, noVNC); until
 * then the other calls fail with a {@link DaytonaServerException} (503). The desktop can be
 * watched and used in a browser through the preview URL of port 6080 ({@code /vnc.html}).
 *
 * <pre>{@code
 * ComputerUse desktop = sandbox.getComputerUse();
 * desktop.start();
 * Files.write(Path.of("screen.png"), desktop.getScreenshot().takeFullScreen().imageBytes());
 * desktop.getMouse().click(100, 200);
 * desktop.getKeyboard().type("Hello, Linux!");
 * desktop.getKeyboard().hotkey("ctrl+s");
 * desktop.stop();
 * }</pre>
 */
public final class ComputerUse {
    private final Sandbox sandbox;
    private final HttpTransport transport;
    private final Mouse mouse = new Mouse();
    private final Keyboard keyboard = new Keyboard();
    private final Screenshot screenshot = new Screenshot();
    private final Display display = new Display();
    private final Recordings recordings = new Recordings();
    private final Accessibility accessibility = new Accessibility();

    ComputerUse(Sandbox sandbox, HttpTransport transport) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox is null");
        this.transport = Objects.requireNonNull(transport, "transport is null");
    }

    /**
     * Starts every desktop process and waits until they serve ({@code POST /computeruse/start});
     * harmless when they run already.
     *
     * @return a message and each process's status by name
     * @throws DaytonaException if a process could not start (the message has its stderr)
     */
    public ComputerUseStartResponse start() {
        return send(HttpCall.post("start computer use", uri("/start"), Map.of()), ComputerUseStartResponse.class);
    }

    /** Stops every desktop process and any recording under way ({@code POST /computeruse/stop}). */
    public ComputerUseStopResponse stop() {
        return send(HttpCall.post("stop computer use", uri("/stop"), Map.of()), ComputerUseStopResponse.class);
    }

    /** {@code active}, {@code partial} or {@code inactive} ({@code GET /computeruse/process-status}). */
    public ComputerUseStatusResponse getStatus() {
        return send(HttpCall.get("get computer use status", uri("/process-status")), ComputerUseStatusResponse.class);
    }

    /**
     * Whether one process runs.
     *
     * @param processName {@code xvfb}, {@code dbus}, {@code xfce4}, {@code x11vnc} or {@code novnc}
     * @throws DaytonaNotFoundException if there is no such process
     */
    public ProcessStatusResponse getProcessStatus(String processName) {
        return send(HttpCall.get("get process status", process(processName, "/status")), ProcessStatusResponse.class);
    }

    /** Stops and starts one process and waits until it serves again. */
    public ProcessRestartResponse restartProcess(String processName) {
        return send(HttpCall.post("restart process", process(processName, "/restart"), Map.of()), ProcessRestartResponse.class);
    }

    /** The end (at most 64 KiB) of what one process wrote to stdout. */
    public ProcessLogsResponse getProcessLogs(String processName) {
        return send(HttpCall.get("get process logs", process(processName, "/logs")), ProcessLogsResponse.class);
    }

    /** The end (at most 64 KiB) of what one process wrote to stderr. */
    public ProcessErrorsResponse getProcessErrors(String processName) {
        return send(HttpCall.get("get process errors", process(processName, "/errors")), ProcessErrorsResponse.class);
    }

    /** The pointer: position, move, click, drag, scroll. */
    public Mouse getMouse() {
        return mouse;
    }

    /** The keyboard: type text, press keys, hotkeys. */
    public Keyboard getKeyboard() {
        return keyboard;
    }

    /** Screenshots: full screen or a region, PNG or compressed. */
    public Screenshot getScreenshot() {
        return screenshot;
    }

    /** The display's geometry and its windows. */
    public Display getDisplay() {
        return display;
    }

    /** Screen recordings (MP4). */
    public Recordings getRecording() {
        return recordings;
    }

    /** The accessibility (AT-SPI) tree of the desktop's applications: read it, find, focus, invoke, set values. */
    public Accessibility getAccessibility() {
        return accessibility;
    }

    /** The pointer of the desktop, moved as a real mouse would (XTEST events). */
    public final class Mouse {
        private Mouse() {}

        /** Where the pointer is. */
        public MousePositionResponse getPosition() {
            return send(HttpCall.get("get mouse position", uri("/mouse/position")), MousePositionResponse.class);
        }

        /** Moves the pointer; returns where it is then. */
        public MousePositionResponse move(int x, int y) {
            return send(HttpCall.post("move mouse", uri("/mouse/move"), new MouseMoveRequest(x, y)), MousePositionResponse.class);
        }

        /** A single left click at {@code (x, y)}. */
        public MouseClickResponse click(int x, int y) {
            return click(x, y, "left", false);
        }

        /**
         * Clicks at {@code (x, y)}.
         *
         * @param button {@code left}, {@code middle} or {@code right}
         * @param doubleClick whether to click twice
         * @throws DaytonaValidationException if the button or coordinates are not valid (400)
         */
        public MouseClickResponse click(int x, int y, String button, boolean doubleClick) {
            return send(HttpCall.post("click mouse", uri("/mouse/click"), new MouseClickRequest(x, y, button, doubleClick)),
                    MouseClickResponse.class);
        }

        /** Drags with the left button from one point to another. */
        public MouseDragResponse drag(int startX, int startY, int endX, int endY) {
            return drag(startX, startY, endX, endY, "left");
        }

        /** Presses {@code button} at the start, moves and releases it at the end; returns the end. */
        public MouseDragResponse drag(int startX, int startY, int endX, int endY, String button) {
            return send(HttpCall.post("drag mouse", uri("/mouse/drag"), new MouseDragRequest(startX, startY, endX, endY, button)),
                    MouseDragResponse.class);
        }

        /** One wheel step at {@code (x, y)}; see {@link #scroll(int, int, String, int)}. */
        public boolean scroll(int x, int y, String direction) {
            return scroll(x, y, direction, 1);
        }

        /**
         * Turns the wheel at {@code (x, y)}.
         *
         * @param direction {@code up}, {@code down}, {@code left} or {@code right}
         * @param amount wheel steps, 1 to 100
         * @return whether the desktop took the steps
         */
        public boolean scroll(int x, int y, String direction, int amount) {
            ScrollResponse answer = send(HttpCall.post("scroll mouse", uri("/mouse/scroll"),
                    new MouseScrollRequest(x, y, direction, amount)), ScrollResponse.class);
            return answer != null && answer.success();
        }
    }

    /** The keyboard of the desktop; keys go to the focused window. */
    public final class Keyboard {
        private Keyboard() {}

        /** Types {@code text} (any Unicode) with the server's default pause between keys. */
        public void type(String text) {
            send(HttpCall.post("type text", uri("/keyboard/type"), new KeyboardTypeRequest(text, null)), Void.class);
        }

        /** Types {@code text}, pausing {@code delay} (at most 1 s) between keys. */
        public void type(String text, Duration delay) {
            Objects.requireNonNull(delay, "delay is null");
            send(HttpCall.post("type text", uri("/keyboard/type"), new KeyboardTypeRequest(text, Math.toIntExact(delay.toMillis()))),
                    Void.class);
        }

        /**
         * Presses and releases one key while holding modifiers.
         *
         * @param key a character ({@code a}), a name ({@code Enter}, {@code Escape}, {@code Tab}, {@code F5}) or an X keysym
         * @param modifiers {@code ctrl}, {@code alt}, {@code shift}, {@code meta}
         * @throws DaytonaValidationException if the key or a modifier is unknown (400)
         */
        public void press(String key, String... modifiers) {
            send(HttpCall.post("press key", uri("/keyboard/key"), new KeyboardPressRequest(key, List.of(modifiers))), Void.class);
        }

        /** Presses a combination such as {@code ctrl+c}, {@code alt+tab} or {@code ctrl+shift+t}. */
        public void hotkey(String keys) {
            send(HttpCall.post("press hotkey", uri("/keyboard/hotkey"), new KeyboardHotkeyRequest(keys)), Void.class);
        }
    }

    /** Screenshots of the desktop; {@link ScreenshotResponse#imageBytes()} decodes the image. */
    public final class Screenshot {
        private Screenshot() {}

        /** The whole screen as PNG, without the pointer. */
        public ScreenshotResponse takeFullScreen() {
            return takeFullScreen(false);
        }

        /** The whole screen as PNG; {@code showCursor} draws the pointer. */
        public ScreenshotResponse takeFullScreen(boolean showCursor) {
            return shot("take screenshot", "/screenshot", query(null, showCursor, ScreenshotOptions.DEFAULTS));
        }

        /** A region as PNG, without the pointer. */
        public ScreenshotResponse takeRegion(ScreenshotRegion region) {
            return takeRegion(region, false);
        }

        /**
         * A region as PNG.
         *
         * @throws DaytonaValidationException if the region is not inside the display (400)
         */
        public ScreenshotResponse takeRegion(ScreenshotRegion region, boolean showCursor) {
            Objects.requireNonNull(region, "region is null");
            return shot("take region screenshot", "/screenshot/region", query(region, showCursor, ScreenshotOptions.DEFAULTS));
        }

        /** The whole screen, with the server's compression defaults. */
        public ScreenshotResponse takeCompressed() {
            return takeCompressed(ScreenshotOptions.DEFAULTS);
        }

        /** The whole screen in the format, quality and scale of {@code options}. */
        public ScreenshotResponse takeCompressed(ScreenshotOptions options) {
            Objects.requireNonNull(options, "options is null");
            return shot("take compressed screenshot", "/screenshot/compressed", query(null, options.showCursor(), options));
        }

        /** A region in the format, quality and scale of {@code options}. */
        public ScreenshotResponse takeCompressedRegion(ScreenshotRegion region, ScreenshotOptions options) {
            Objects.requireNonNull(region, "region is null");
            Objects.requireNonNull(options, "options is null");
            return shot("take compressed region screenshot", "/screenshot/region/compressed", query(region, options.showCursor(), options));
        }

        private ScreenshotResponse shot(String operation, String path, String query) {
            return send(HttpCall.get(operation, uri(path + query)), ScreenshotResponse.class);
        }

        private static String query(ScreenshotRegion region, boolean showCursor, ScreenshotOptions options) {
            Map<String, String> query = new LinkedHashMap<>();
            if (region != null) {
                query.put("x", Integer.toString(region.x()));
                query.put("y", Integer.toString(region.y()));
                query.put("width", Integer.toString(region.width()));
                query.put("height", Integer.toString(region.height()));
            }
            query.put("showCursor", Boolean.toString(showCursor));
            options.format().ifPresent(f -> query.put("format", f));
            options.quality().ifPresent(q -> query.put("quality", Integer.toString(q)));
            options.scale().ifPresent(s -> query.put("scale", Double.toString(s)));
            return Urls.query(query);
        }
    }

    /** The display and its windows. */
    public final class Display {
        private Display() {}

        /** The displays (Xvfb has one) with their geometry. */
        public DisplayInfoResponse getInfo() {
            return send(HttpCall.get("get display info", uri("/display/info")), DisplayInfoResponse.class);
        }

        /** The window manager's windows: id, title, geometry and which has the focus. */
        public WindowsResponse getWindows() {
            return send(HttpCall.get("get windows", uri("/display/windows")), WindowsResponse.class);
        }
    }

    /** Screen recordings: H.264 MP4 files in the sandbox ({@code ~/.daytona/recordings}). */
    public final class Recordings {
        private Recordings() {}

        /** Starts recording the screen. */
        public Recording start() {
            return send(HttpCall.post("start recording", uri("/recordings/start"), Map.of()), Recording.class);
        }

        /**
         * Starts recording the screen into a file whose name has {@code label}.
         *
         * @param label letters, digits, spaces, {@code .}, {@code _} and {@code -}, at most 100
         * @throws DaytonaValidationException if the label is not valid (400)
         */
        public Recording start(String label) {
            return send(HttpCall.post("start recording", uri("/recordings/start"), new StartRecordingRequest(label)), Recording.class);
        }

        /**
         * Stops a recording and returns it finished: {@code completed} with its duration and size.
         *
         * @throws DaytonaNotFoundException if no recording with that id is under way
         */
        public Recording stop(String id) {
            return send(HttpCall.post("stop recording", uri("/recordings/stop"), new StopRecordingRequest(id)), Recording.class);
        }

        /** The recordings under way, then the finished ones, newest first. */
        public List<Recording> list() {
            ListRecordingsResponse answer = send(HttpCall.get("list recordings", uri("/recordings")), ListRecordingsResponse.class);
            return answer == null ? List.of() : answer.recordings();
        }

        /** One recording, under way or finished. */
        public Recording get(String id) {
            return send(HttpCall.get("get recording", recording(id, "")), Recording.class);
        }

        /** Deletes a finished recording's file. */
        public void delete(String id) {
            send(HttpCall.delete("delete recording", recording(id, "")), Void.class);
        }

        /**
         * Downloads a finished recording into {@code localFile}, streaming it to disk; the file is
         * replaced only once the download is complete.
         *
         * @throws DaytonaNotFoundException if there is no such recording
         * @throws DaytonaException if it is still under way (400) or the local file cannot be written
         */
        public void download(String id, Path localFile) {
            Objects.requireNonNull(localFile, "localFile is null");
            HttpResponse<InputStream> response = transport.stream(HttpCall.get("download recording", recording(id, "/download")));
            Path absolute = localFile.toAbsolutePath();
            try (InputStream in = response.body()) {
                Files.createDirectories(absolute.getParent());
                Path partial = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".part");
                try {
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(partial);
                }
            } catch (IOException e) {
                throw new DaytonaException("Failed to download recording: " + e.getMessage(), e);
            }
        }

        private URI recording(String id, String suffix) {
            requireText(id, "id");
            return uri("/recordings/" + Urls.segment(id) + suffix);
        }
    }

    /**
     * The widgets the desktop's applications publish over AT-SPI (GTK, Qt and Electron
     * applications do; xterm does not). Node ids ({@code <bus name>:<object path>}) from
     * {@link #getTree} and {@link #findNodes} work with the other calls while the widget lives.
     */
    public final class Accessibility {
        private Accessibility() {}

        /** The tree of the application whose window has the focus. */
        public AccessibilityTreeResponse getTree() {
            return getTree("focused", null, null);
        }

        /**
         * An accessibility tree.
         *
         * @param scope {@code focused}, {@code pid} (the application with {@code pid}) or {@code all}
         *     (the desktop, one child per application)
         * @param pid the process id for scope {@code pid}; may be null otherwise
         * @param maxDepth how deep to go (0: the root alone); null for no limit
         * @throws DaytonaNotFoundException if no accessible application matches
         */
        public AccessibilityTreeResponse getTree(String scope, Integer pid, Integer maxDepth) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("scope", scope);
            query.put("pid", pid == null ? null : pid.toString());
            query.put("maxDepth", maxDepth == null ? null : maxDepth.toString());
            return send(HttpCall.get("get accessibility tree", uri("/a11y/tree" + Urls.query(query))), AccessibilityTreeResponse.class);
        }

        /**
         * Widgets matching every criterion given, without their children.
         *
         * @throws DaytonaValidationException if a criterion is not valid (400)
         */
        public AccessibilityNodesResponse findNodes(FindAccessibilityNodesRequest request) {
            Objects.requireNonNull(request, "request is null");
            return send(HttpCall.post("find accessibility nodes", uri("/a11y/find"), request), AccessibilityNodesResponse.class);
        }

        /** Gives the keyboard focus to a widget. */
        public void focusNode(String id) {
            send(HttpCall.post("focus accessibility node", uri("/a11y/node/focus"), new AccessibilityNodeRequest(id)), Void.class);
        }

        /** Performs a widget's first action (a button's click). */
        public void invokeNode(String id) {
            invokeNode(id, null);
        }

        /**
         * Performs one of a widget's actions.
         *
         * @param action one of its {@code actions} (any case); null for the first
         * @throws DaytonaValidationException if the widget has no such action (400)
         */
        public void invokeNode(String id, String action) {
            send(HttpCall.post("invoke accessibility node", uri("/a11y/node/invoke"), new AccessibilityInvokeRequest(id, action)),
                    Void.class);
        }

        /** Replaces an editable widget's text, or sets a slider's or spin button's number. */
        public void setNodeValue(String id, String value) {
            send(HttpCall.post("set accessibility node value", uri("/a11y/node/value"), new AccessibilitySetValueRequest(id, value)),
                    Void.class);
        }
    }

    private <T> T send(HttpCall call, Class<T> type) {
        return transport.send(call, type);
    }

    private URI uri(String path) {
        return sandbox.toolboxUri("/computeruse" + path);
    }

    private URI process(String processName, String suffix) {
        requireText(processName, "processName");
        return uri("/process/" + Urls.segment(processName.toLowerCase(Locale.ROOT)) + suffix);
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name + " is null");
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + " is empty");
        }
    }

}
