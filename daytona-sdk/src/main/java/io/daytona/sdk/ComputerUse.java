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
 * The desktop of one sandbox, through its toolbox ({@code /computeruse/*}); obtained from
 * {@link Sandbox#getComputerUse()}. Thread-safe.
 *
 * <p>Nothing of the desktop runs until {@link #start()} starts its processes: Xvfb (the display,
 * 1024x768 unless the image sets {@code VNC_RESOLUTION}), the D-Bus session bus, Xfce, x11vnc and
 * noVNC. Until then, and after {@link #stop()}, every screen, mouse, keyboard, recording and
 * accessibility call fails with a {@link DaytonaServerException} of status 503; the status, process
 * and log calls work at any time. Commands started after {@code start} (through
 * {@link Sandbox#getProcess()}) open their windows on the desktop. The desktop can be watched and
 * used in a browser through the preview URL of port 6080 ({@code /vnc.html}).
 *
 * <p>Coordinates are pixels of the display, {@code (0, 0)} at its top left corner; none may be
 * negative. Every call can also fail with the {@link DaytonaException} subclass of its HTTP status
 * or with a {@link DaytonaConnectionException} when the toolbox cannot be reached.
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
     * Starts every desktop process that is not running, in order, each once the one before serves,
     * and returns when the last serves ({@code POST /computeruse/start}); harmless when they run
     * already. It takes a few seconds.
     *
     * @return a message and each process's status by name ({@code xvfb}, {@code dbus},
     *     {@code xfce4}, {@code x11vnc}, {@code novnc})
     * @throws DaytonaServerException if a process exited during the start (500; the message has the
     *     end of its stderr)
     * @throws DaytonaException if the call fails
     */
    public ComputerUseStartResponse start() {
        return send(HttpCall.post("start computer use", uri("/start"), Map.of()), ComputerUseStartResponse.class);
    }

    /**
     * Stops every recording under way (each is finished as a call to {@link Recordings#stop(String)}
     * would), then every desktop process, last started first ({@code POST /computeruse/stop});
     * harmless when nothing runs.
     *
     * @return a message and each process's status by name, now not running
     * @throws DaytonaException if the call fails
     */
    public ComputerUseStopResponse stop() {
        return send(HttpCall.post("stop computer use", uri("/stop"), Map.of()), ComputerUseStopResponse.class);
    }

    /**
     * Whether the desktop runs ({@code GET /computeruse/process-status}).
     *
     * @return {@code active} when Xvfb, Xfce, x11vnc and noVNC all run, {@code partial} when some
     *     desktop process runs, {@code inactive} when none does
     * @throws DaytonaException if the call fails
     */
    public ComputerUseStatusResponse getStatus() {
        return send(HttpCall.get("get computer use status", uri("/process-status")), ComputerUseStatusResponse.class);
    }

    /**
     * Whether one desktop process runs ({@code GET /computeruse/process/{processName}/status}).
     *
     * @param processName {@code xvfb}, {@code dbus}, {@code xfce4}, {@code x11vnc} or {@code novnc}
     *     (any case)
     * @return the process's name and whether it is alive now
     * @throws NullPointerException if {@code processName} is null
     * @throws IllegalArgumentException if {@code processName} is empty
     * @throws DaytonaNotFoundException if there is no such process (the message lists them)
     * @throws DaytonaException if the call fails
     */
    public ProcessStatusResponse getProcessStatus(String processName) {
        return send(HttpCall.get("get process status", process(processName, "/status")), ProcessStatusResponse.class);
    }

    /**
     * Stops one desktop process and starts it again, returning once it serves
     * ({@code POST /computeruse/process/{processName}/restart}); it starts a process that was not
     * running, too.
     *
     * @param processName {@code xvfb}, {@code dbus}, {@code xfce4}, {@code x11vnc} or {@code novnc}
     *     (any case)
     * @return a message and the process's name
     * @throws NullPointerException if {@code processName} is null
     * @throws IllegalArgumentException if {@code processName} is empty
     * @throws DaytonaNotFoundException if there is no such process (the message lists them)
     * @throws DaytonaException if the call fails
     */
    public ProcessRestartResponse restartProcess(String processName) {
        return send(HttpCall.post("restart process", process(processName, "/restart"), Map.of()), ProcessRestartResponse.class);
    }

    /**
     * What one desktop process wrote to stdout, across its runs
     * ({@code GET /computeruse/process/{processName}/logs}).
     *
     * @param processName {@code xvfb}, {@code dbus}, {@code xfce4}, {@code x11vnc} or {@code novnc}
     *     (any case)
     * @return the process's name and the last 64 KiB of its stdout; empty if it never ran
     * @throws NullPointerException if {@code processName} is null
     * @throws IllegalArgumentException if {@code processName} is empty
     * @throws DaytonaNotFoundException if there is no such process (the message lists them)
     * @throws DaytonaException if the call fails
     */
    public ProcessLogsResponse getProcessLogs(String processName) {
        return send(HttpCall.get("get process logs", process(processName, "/logs")), ProcessLogsResponse.class);
    }

    /**
     * What one desktop process wrote to stderr, across its runs
     * ({@code GET /computeruse/process/{processName}/errors}).
     *
     * @param processName {@code xvfb}, {@code dbus}, {@code xfce4}, {@code x11vnc} or {@code novnc}
     *     (any case)
     * @return the process's name and the last 64 KiB of its stderr; empty if it never ran
     * @throws NullPointerException if {@code processName} is null
     * @throws IllegalArgumentException if {@code processName} is empty
     * @throws DaytonaNotFoundException if there is no such process (the message lists them)
     * @throws DaytonaException if the call fails
     */
    public ProcessErrorsResponse getProcessErrors(String processName) {
        return send(HttpCall.get("get process errors", process(processName, "/errors")), ProcessErrorsResponse.class);
    }

    /** {@return the pointer: position, move, click, drag, scroll} */
    public Mouse getMouse() {
        return mouse;
    }

    /** {@return the keyboard: type text, press keys, hotkeys} */
    public Keyboard getKeyboard() {
        return keyboard;
    }

    /** {@return the screenshots: full screen or a region, PNG or compressed (JPEG, WebP, scaled)} */
    public Screenshot getScreenshot() {
        return screenshot;
    }

    /** {@return the display's geometry and its windows} */
    public Display getDisplay() {
        return display;
    }

    /** {@return the screen recordings (H.264 MP4 files in the sandbox)} */
    public Recordings getRecording() {
        return recordings;
    }

    /**
     * {@return the accessibility (AT-SPI) tree of the desktop's applications: read it, find
     * widgets, focus, invoke and set their values}
     */
    public Accessibility getAccessibility() {
        return accessibility;
    }

    /**
     * The pointer of the desktop, driven with {@code xdotool}: XTEST events, which applications
     * cannot tell from a real mouse's. Every call needs the desktop running ({@link ComputerUse#start()}).
     */
    public final class Mouse {
        private Mouse() {}

        /**
         * Where the pointer is ({@code GET /computeruse/mouse/position}).
         *
         * @return the pointer's position in pixels
         * @throws DaytonaServerException if the desktop is not running (503)
         * @throws DaytonaException if the call fails
         */
        public MousePositionResponse getPosition() {
            return send(HttpCall.get("get mouse position", uri("/mouse/position")), MousePositionResponse.class);
        }

        /**
         * Moves the pointer without pressing a button ({@code POST /computeruse/mouse/move}).
         *
         * @param x the target's distance from the display's left edge, in pixels, at least 0
         * @param y the target's distance from the display's top edge, in pixels, at least 0
         * @return where the pointer is after the move, as X reports it (a target beyond the
         *     display's edge ends at the edge)
         * @throws DaytonaValidationException if a coordinate is negative (400)
         * @throws DaytonaServerException if the desktop is not running (503)
         * @throws DaytonaException if the call fails
         */
        public MousePositionResponse move(int x, int y) {
            return send(HttpCall.post("move mouse", uri("/mouse/move"), new MouseMoveRequest(x, y)), MousePositionResponse.class);
        }

        /**
         * Moves the pointer to {@code (x, y)} and clicks the left button once
         * ({@code POST /computeruse/mouse/click}).
         *
         * @param x pixels from the display's left edge, at least 0
         * @param y pixels from the display's top edge, at least 0
         * @return where the click happened
         * @throws DaytonaValidationException if a coordinate is negative (400)
         * @throws DaytonaServerException if the desktop is not running (503)
         * @throws DaytonaException if the call fails
         */
        public MouseClickResponse click(int x, int y) {
            return click(x, y, "left", false);
        }

        /**
         * Moves the pointer to {@code (x, y)} and clicks ({@code POST /computeruse/mouse/click}).
         *
         * @param x pixels from the display's left edge, at least 0
         * @param y pixels from the display's top edge, at least 0
         * @param button {@code left}, {@code middle} or {@code right} (any case); null or blank for {@code left}
         * @param doubleClick whether to click twice, 80 ms apart
         * @return where the click happened
         * @throws DaytonaValidationException if the button is not one of those or a coordinate is negative (400)
         * @throws DaytonaServerException if the desktop is not running (503)
         * @throws DaytonaException if the call fails
         */
        public MouseClickResponse click(int x, int y, String button, boolean doubleClick) {
            return send(HttpCall.post("click mouse", uri("/mouse/click"), new MouseClickRequest(x, y, button, doubleClick)),
                    MouseClickResponse.class);
        }

        /**
         * Drags with the left button from one point to another ({@code POST /computeruse/mouse/drag});
         * see {@link #drag(int, int, int, int, String)}.
         *
         * @param startX where the button is pressed, pixels from the left edge, at least 0
         * @param startY where the button is pressed, pixels from the top edge, at least 0
         * @param endX where it is released, pixels from the left edge, at least 0
         * @param endY where it is released, pixels from the top edge, at least 0
         * @return where the button was released
         * @throws DaytonaValidationException if a coordinate is negative (400)
         * @throws DaytonaServerException if the desktop is not running (503)
         * @throws DaytonaException if the call fails
         */
        public MouseDragResponse drag(int startX, int startY, int endX, int endY) {
            return drag(startX, startY, endX, endY, "left");
        }

        /**
         * Drags: moves to the start, presses {@code button}, moves through the midpoint to the end
         * and releases it there, pausing 50 ms between the steps so that applications see a press,
         * a motion and a release ({@code POST /computeruse/mouse/drag}).
         *
         * @param startX where the button is pressed, pixels from the left edge, at least 0
         * @param startY where the button is pressed, pixels from the top edge, at least 0
         * @param endX where it is released, pixels from the left edge, at least 0
         * @param endY where it is released, pixels from the top edge, at least 0
         * @param button {@code left}, {@code middle} or {@code right} (any case); null or blank for {@code left}
         * @return where the button was released
         * @throws DaytonaValidationException if the button is not one of those or a coordinate is negative (400)
         * @throws DaytonaServerException if the desktop is not running (503)
         * @throws DaytonaException if the call fails
         */
        public MouseDragResponse drag(int startX, int startY, int endX, int endY, String button) {
            return send(HttpCall.post("drag mouse", uri("/mouse/drag"), new MouseDragRequest(startX, startY, endX, endY, button)),
                    MouseDragResponse.class);
        }

        /**
         * Turns the wheel one step at {@code (x, y)} ({@code POST /computeruse/mouse/scroll}); see
         * {@link #scroll(int, int, String, int)}.
         *
         * @param x pixels from the display's left edge, at least 0
         * @param y pixels from the display's top edge, at least 0
         * @param direction {@code up}, {@code down}, {@code left} or {@code right} (any case)
         * @return whether the desktop took the step
         * @throws DaytonaValidationException if the direction is not one of those or a coordinate is negative (400)
         * @throws DaytonaServerException if the desktop is not running (503)
         * @throws DaytonaException if the call fails
         */
        public boolean scroll(int x, int y, String direction) {
            return scroll(x, y, direction, 1);
        }

        /**
         * Moves the pointer to {@code (x, y)} and turns the wheel there, 20 ms between steps
         * ({@code POST /computeruse/mouse/scroll}); the window under the pointer scrolls.
         *
         * @param x pixels from the display's left edge, at least 0
         * @param y pixels from the display's top edge, at least 0
         * @param direction {@code up}, {@code down}, {@code left} or {@code right} (any case)
         * @param amount wheel steps, 1 to 100
         * @return whether the desktop took the steps
         * @throws DaytonaValidationException if the direction or amount is not one of those, or a
         *     coordinate is negative (400)
         * @throws DaytonaServerException if the desktop is not running (503)
         * @throws DaytonaException if the call fails
         */
        public boolean scroll(int x, int y, String direction, int amount) {
            ScrollResponse answer = send(HttpCall.post("scroll mouse", uri("/mouse/scroll"),
                    new MouseScrollRequest(x, y, direction, amount)), ScrollResponse.class);
            return answer != null && answer.success();
        }
    }

    /**
     * The keyboard of the desktop, driven with {@code xdotool} (XTEST events); keys go to the
     * window with the input focus. Modifiers held on the desktop are released while a call types.
     * Every call needs the desktop running ({@link ComputerUse#start()}).
     */
    public final class Keyboard {
        private Keyboard() {}

        /**
         * Types {@code text} with the server's default pause between keystrokes, 12 ms
         * ({@code POST /computeruse/keyboard/type}).
         *
         * @param text what to type: any Unicode text, 1 to 65536 characters
         * @throws DaytonaValidationException if {@code text} is null, empty or too long (400)
         * @throws DaytonaServerException if the desktop is not running (503)
         * @throws DaytonaException if the call fails
         */
        public void type(String text) {
            send(HttpCall.post("type text", uri("/keyboard/type"), new KeyboardTypeRequest(text, null)), Void.class);
        }

        /**
         * Types {@code text}, pausing {@code delay} between keystrokes
         * ({@code POST /computeruse/keyboard/type}).
         *
         * @param text what to type: any Unicode text, 1 to 65536 characters
         * @param delay the pause between keystrokes, 0 to 1 s, sent in whole milliseconds
         * @throws NullPointerException if {@code delay} is null
         * @throws ArithmeticException if {@code delay} in milliseconds does not fit an {@code int}
         * @throws DaytonaValidationException if {@code text} is null, empty or too long, or the delay
         *     is negative or longer than 1 s (400)
         * @throws DaytonaServerException if the desktop is not running (503)
         * @throws DaytonaException if the call fails
         */
        public void type(String text, Duration delay) {
            Objects.requireNonNull(delay, "delay is null");
            send(HttpCall.post("type text", uri("/keyboard/type"), new KeyboardTypeRequest(text, Math.toIntExact(delay.toMillis()))),
                    Void.class);
        }

        /**
         * Presses and releases one key while holding modifiers ({@code POST /computeruse/keyboard/key}).
         *
         * @param key a character ({@code a}, {@code ,}), a name (any case: {@code Enter}, {@code Escape},
         *     {@code Tab}, {@code Backspace}, {@code Delete}, {@code Up}, {@code PageUp}, {@code Home},
         *     {@code F1} to {@code F24}, ...) or an X keysym ({@code KP_Enter})
         * @param modifiers held while the key is pressed: {@code ctrl}, {@code alt}, {@code shift},
         *     {@code meta} (also {@code cmd}, {@code super}, {@code win}); none for a plain key
         * @throws NullPointerException if {@code modifiers} is or holds null
         * @throws DaytonaValidationException if the key is missing or unknown, or a modifier is not one
         *     of those (400)
         * @throws DaytonaServerException if the desktop is not running (503)
         * @throws DaytonaException if the call fails
         */
        public void press(String key, String... modifiers) {
            send(HttpCall.post("press key", uri("/keyboard/key"), new KeyboardPressRequest(key, List.of(modifiers))), Void.class);
        }

        /**
         * Presses a key combination and releases it ({@code POST /computeruse/keyboard/hotkey}).
         *
         * @param keys keys joined by {@code +}, the modifiers first, e.g. {@code ctrl+c},
         *     {@code alt+tab} or {@code ctrl+shift+t}; key names as for {@link #press(String, String...)}
         * @throws DaytonaValidationException if {@code keys} is null or blank, or holds an unknown key (400)
         * @throws DaytonaServerException if the desktop is not running (503)
         * @throws DaytonaException if the call fails
         */
        public void hotkey(String keys) {
            send(HttpCall.post("press hotkey", uri("/keyboard/hotkey"), new KeyboardHotkeyRequest(keys)), Void.class);
        }
    }

    /**
     * Screenshots of the desktop, answered as base64 text with the pointer's position;
     * {@link ScreenshotResponse#imageBytes()} decodes the image. X does not put the pointer into a
     * screenshot: {@code showCursor} draws a crosshair with a red centre where it is. Every call needs
     * the desktop running ({@link ComputerUse#start()}); the first one takes longer, as it starts the
     * toolbox's screenshot worker.
     */
    public final class Screenshot {
        private Screenshot() {}

        /**
         * The whole screen as PNG, without the pointer ({@code GET /computeruse/screenshot}).
         *
         * @return the image (base64 PNG), its size and the pointer's position
         * @throws DaytonaServerException if the desktop is not running (503)
         * @throws DaytonaException if the call fails
         */
        public ScreenshotResponse takeFullScreen() {
            return takeFullScreen(false);
        }

        /**
         * The whole screen as PNG ({@code GET /computeruse/screenshot}), fast to encode rather than
         * small; see {@link #takeCompressed(ScreenshotOptions)} for smaller images.
         *
         * @param showCursor whether to draw the pointer into the image
         * @return the image (base64 PNG), its size and the pointer's position
         * @throws DaytonaServerException if the desktop is not running (503)
         * @throws DaytonaException if the call fails
         */
        public ScreenshotResponse takeFullScreen(boolean showCursor) {
            return shot("take screenshot", "/screenshot", query(null, showCursor, ScreenshotOptions.DEFAULTS));
        }

        /**
         * A region of the screen as PNG, without the pointer ({@code GET /computeruse/screenshot/region}).
         *
         * @param region the rectangle to capture; it must lie inside the display
         * @return the image (base64 PNG), its size and the pointer's position on the display
         * @throws NullPointerException if {@code region} is null
         * @throws DaytonaValidationException if the region is not inside the display (400)
         * @throws DaytonaServerException if the desktop is not running (503)
         * @throws DaytonaException if the call fails
         */
        public ScreenshotResponse takeRegion(ScreenshotRegion region) {
            return takeRegion(region, false);
        }

        /**
         * A region of the screen as PNG ({@code GET /computeruse/screenshot/region}).
         *
         * @param region the rectangle to capture; it must lie inside the display
         * @param showCursor whether to draw the pointer into the image, when it is inside the region
         * @return the image (base64 PNG), its size and the pointer's position on the display
         * @throws NullPointerException if {@code region} is null
         * @throws DaytonaValidationException if the region is not inside the display (400)
         * @throws DaytonaServerException if the desktop is not running (503)
         * @throws DaytonaException if the call fails
         */
        public ScreenshotResponse takeRegion(ScreenshotRegion region, boolean showCursor) {
            Objects.requireNonNull(region, "region is null");
            return shot("take region screenshot", "/screenshot/region", query(region, showCursor, ScreenshotOptions.DEFAULTS));
        }

        /**
         * The whole screen with the server's defaults: PNG at full scale, encoded for size rather
         * than speed, without the pointer ({@code GET /computeruse/screenshot/compressed}).
         *
         * @return the image (base64 PNG), its size and the pointer's position
         * @throws DaytonaServerException if the desktop is not running (503)
         * @throws DaytonaException if the call fails
         */
        public ScreenshotResponse takeCompressed() {
            return takeCompressed(ScreenshotOptions.DEFAULTS);
        }

        /**
         * The whole screen in the format, quality and scale of {@code options}
         * ({@code GET /computeruse/screenshot/compressed}).
         *
         * @param options format ({@code png}, {@code jpeg}, {@code webp}), quality, scale and whether
         *     to draw the pointer; absent values take the server's defaults
         * @return the image (base64, in the format asked for), its size and the pointer's position
         * @throws NullPointerException if {@code options} is null
         * @throws DaytonaValidationException if the format is not one of those (400)
         * @throws DaytonaServerException if the desktop is not running (503)
         * @throws DaytonaException if the call fails
         */
        public ScreenshotResponse takeCompressed(ScreenshotOptions options) {
            Objects.requireNonNull(options, "options is null");
            return shot("take compressed screenshot", "/screenshot/compressed", query(null, options.showCursor(), options));
        }

        /**
         * A region of the screen in the format, quality and scale of {@code options}
         * ({@code GET /computeruse/screenshot/region/compressed}); the scale applies to the region.
         *
         * @param region the rectangle to capture; it must lie inside the display
         * @param options format ({@code png}, {@code jpeg}, {@code webp}), quality, scale and whether
         *     to draw the pointer; absent values take the server's defaults
         * @return the image (base64, in the format asked for), its size and the pointer's position on the display
         * @throws NullPointerException if {@code region} or {@code options} is null
         * @throws DaytonaValidationException if the region is not inside the display or the format is
         *     not one of those (400)
         * @throws DaytonaServerException if the desktop is not running (503)
         * @throws DaytonaException if the call fails
         */
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

    /**
     * The display and its windows. Every call needs the desktop running ({@link ComputerUse#start()}).
     */
    public final class Display {
        private Display() {}

        /**
         * The displays with their geometry ({@code GET /computeruse/display/info}).
         *
         * @return the displays: Xvfb has one, number 0 at {@code (0, 0)}, 1024x768 unless the image
         *     sets {@code VNC_RESOLUTION}
         * @throws DaytonaServerException if the desktop is not running (503)
         * @throws DaytonaException if the call fails
         */
        public DisplayInfoResponse getInfo() {
            return send(HttpCall.get("get display info", uri("/display/info")), DisplayInfoResponse.class);
        }

        /**
         * The window manager's top-level windows ({@code GET /computeruse/display/windows}).
         *
         * @return each window's X id, title, position and size in pixels, and whether it has the input
         *     focus; none while the window manager is not running
         * @throws DaytonaServerException if the desktop is not running (503)
         * @throws DaytonaException if the call fails
         */
        public WindowsResponse getWindows() {
            return send(HttpCall.get("get windows", uri("/display/windows")), WindowsResponse.class);
        }
    }

    /**
     * Screen recordings: the whole display at 30 frames per second, H.264 in MP4 files in the
     * sandbox ({@code ~/.daytona/recordings/<id>_<label>_<yyyyMMdd_HHmmss>.mp4}). Finished recordings
     * stay there until {@link #delete(String)}, also across a stop and start of the desktop. Starting
     * one needs the desktop running ({@link ComputerUse#start()}).
     */
    public final class Recordings {
        private Recordings() {}

        /**
         * Starts recording the screen into a file labelled {@code session}
         * ({@code POST /computeruse/recordings/start}).
         *
         * @return the recording, {@code recording}, with its id, file and start time
         * @throws DaytonaServerException if the desktop is not running (503), or the recorder (ffmpeg)
         *     exited at once (500; the message says why)
         * @throws DaytonaException if the call fails
         */
        public Recording start() {
            return send(HttpCall.post("start recording", uri("/recordings/start"), Map.of()), Recording.class);
        }

        /**
         * Starts recording the screen into a file whose name has {@code label}
         * ({@code POST /computeruse/recordings/start}).
         *
         * @param label letters, digits, spaces, {@code .}, {@code _} and {@code -}, at most 100, not
         *     blank, not starting with {@code .} and without {@code ..}; null or empty for {@code session}
         * @return the recording, {@code recording}, with its id, file and start time
         * @throws DaytonaValidationException if the label is not valid (400)
         * @throws DaytonaServerException if the desktop is not running (503), or the recorder (ffmpeg)
         *     exited at once (500; the message says why)
         * @throws DaytonaException if the call fails
         */
        public Recording start(String label) {
            return send(HttpCall.post("start recording", uri("/recordings/start"), new StartRecordingRequest(label)), Recording.class);
        }

        /**
         * Stops a recording, waiting (up to 10 s) until its file is complete
         * ({@code POST /computeruse/recordings/stop}).
         *
         * @param id the id {@link #start()} returned
         * @return the recording finished: {@code completed} with its end time, duration in seconds and
         *     size in bytes, or {@code failed} if the recorder died or did not finish in time
         * @throws DaytonaValidationException if {@code id} is null or blank (400)
         * @throws DaytonaNotFoundException if no recording with that id is under way
         * @throws DaytonaException if the call fails
         */
        public Recording stop(String id) {
            return send(HttpCall.post("stop recording", uri("/recordings/stop"), new StopRecordingRequest(id)), Recording.class);
        }

        /**
         * Lists the recordings ({@code GET /computeruse/recordings}).
         *
         * @return the recordings under way, then the finished ones in the recordings directory, the
         *     newest first; unmodifiable
         * @throws DaytonaException if the call fails
         */
        public List<Recording> list() {
            ListRecordingsResponse answer = send(HttpCall.get("list recordings", uri("/recordings")), ListRecordingsResponse.class);
            return answer == null ? List.of() : answer.recordings();
        }

        /**
         * Describes one recording, under way or finished ({@code GET /computeruse/recordings/{id}}).
         *
         * @param id the recording's id
         * @return the recording; one whose recorder died while recording is {@code failed}
         * @throws NullPointerException if {@code id} is null
         * @throws IllegalArgumentException if {@code id} is empty
         * @throws DaytonaNotFoundException if there is no such recording
         * @throws DaytonaException if the call fails
         */
        public Recording get(String id) {
            return send(HttpCall.get("get recording", recording(id, "")), Recording.class);
        }

        /**
         * Deletes a finished recording's file ({@code DELETE /computeruse/recordings/{id}}).
         *
         * @param id the recording's id
         * @throws NullPointerException if {@code id} is null
         * @throws IllegalArgumentException if {@code id} is empty
         * @throws DaytonaNotFoundException if there is no such recording
         * @throws DaytonaValidationException if it is still under way: stop it first (400)
         * @throws DaytonaException if the call fails
         */
        public void delete(String id) {
            send(HttpCall.delete("delete recording", recording(id, "")), Void.class);
        }

        /**
         * Downloads a finished recording's MP4 file into {@code localFile}
         * ({@code GET /computeruse/recordings/{id}/download}), streaming it to a temporary file next
         * to it, so it is not held in memory; {@code localFile} is created or replaced only once the
         * download is complete, and its missing parent directories are created.
         *
         * @param id the recording's id
         * @param localFile where to write the video on this machine
         * @throws NullPointerException if {@code id} or {@code localFile} is null
         * @throws IllegalArgumentException if {@code id} is empty
         * @throws DaytonaNotFoundException if there is no such recording
         * @throws DaytonaValidationException if it is still under way: stop it first (400)
         * @throws DaytonaException if the call fails or {@code localFile} cannot be written
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
     * Every call needs the desktop running ({@link ComputerUse#start()}) and fails with a
     * {@link DaytonaServerException} (503) while the accessibility bus cannot be reached.
     */
    public final class Accessibility {
        private Accessibility() {}

        /**
         * The whole tree of the application whose window has the input focus
         * ({@code GET /computeruse/a11y/tree?scope=focused}).
         *
         * @return the application's root widget with its descendants, and whether the walk stopped
         *     at its limit of 5000 widgets
         * @throws DaytonaNotFoundException if the focused window's application publishes no widgets
         *     (the message lists the applications that do, with their pids)
         * @throws DaytonaServerException if the desktop or the accessibility bus is not running (503)
         * @throws DaytonaException if the call fails
         */
        public AccessibilityTreeResponse getTree() {
            return getTree("focused", null, null);
        }

        /**
         * An accessibility tree ({@code GET /computeruse/a11y/tree}).
         *
         * @param scope {@code focused} (the application whose window has the input focus), {@code pid}
         *     (the application with {@code pid}) or {@code all} (the desktop, one child per
         *     application); null for {@code focused}
         * @param pid the application's process id for scope {@code pid}; ignored otherwise, may be null
         * @param maxDepth how many levels below the root to include (0: the root alone); null for no limit
         * @return the root widget with its descendants, and whether the walk stopped at its limit of
         *     5000 widgets
         * @throws DaytonaValidationException if the scope is not one of those, or scope {@code pid} has
         *     no pid (400)
         * @throws DaytonaNotFoundException if no accessible application matches (the message lists the
         *     applications that publish widgets, with their pids)
         * @throws DaytonaServerException if the desktop or the accessibility bus is not running (503)
         * @throws DaytonaException if the call fails
         */
        public AccessibilityTreeResponse getTree(String scope, Integer pid, Integer maxDepth) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("scope", scope);
            query.put("pid", pid == null ? null : pid.toString());
            query.put("maxDepth", maxDepth == null ? null : maxDepth.toString());
            return send(HttpCall.get("get accessibility tree", uri("/a11y/tree" + Urls.query(query))), AccessibilityTreeResponse.class);
        }

        /**
         * Finds the widgets that match every criterion given ({@code POST /computeruse/a11y/find}).
         *
         * @param request where to look (scope and pid, as for {@link #getTree(String, Integer, Integer)}),
         *     the role (exactly, e.g. {@code push button}), the name ({@code contains} by default,
         *     {@code exact} or {@code regex}), states the widget must all have and at most how many
         *     matches (1 to 1000, default 100); build it with {@link FindAccessibilityNodesRequest#builder()}
         * @return the matching widgets in tree order, without their children, and whether the search
         *     stopped at the limit (or at 5000 widgets visited)
         * @throws NullPointerException if {@code request} is null
         * @throws DaytonaValidationException if a criterion is not valid: the scope, the nameMatch, the
         *     limit or the regular expression (400)
         * @throws DaytonaNotFoundException if no accessible application matches the scope
         * @throws DaytonaServerException if the desktop or the accessibility bus is not running (503)
         * @throws DaytonaException if the call fails
         */
        public AccessibilityNodesResponse findNodes(FindAccessibilityNodesRequest request) {
            Objects.requireNonNull(request, "request is null");
            return send(HttpCall.post("find accessibility nodes", uri("/a11y/find"), request), AccessibilityNodesResponse.class);
        }

        /**
         * Gives a widget the keyboard focus inside its application ({@code POST /computeruse/a11y/node/focus});
         * keys reach it while its window is the active one.
         *
         * @param id the widget's node id, from {@link #getTree} or {@link #findNodes}
         * @throws DaytonaValidationException if the id is missing or malformed, or the widget cannot
         *     take the focus (400)
         * @throws DaytonaNotFoundException if the widget is gone
         * @throws DaytonaServerException if the desktop or the accessibility bus is not running (503)
         * @throws DaytonaException if the call fails
         */
        public void focusNode(String id) {
            send(HttpCall.post("focus accessibility node", uri("/a11y/node/focus"), new AccessibilityNodeRequest(id)), Void.class);
        }

        /**
         * Performs a widget's first action, e.g. a button's click ({@code POST /computeruse/a11y/node/invoke}).
         *
         * @param id the widget's node id, from {@link #getTree} or {@link #findNodes}
         * @throws DaytonaValidationException if the id is missing or malformed, or the widget has no
         *     actions (400)
         * @throws DaytonaNotFoundException if the widget is gone
         * @throws DaytonaServerException if the desktop or the accessibility bus is not running (503)
         * @throws DaytonaException if the call fails
         */
        public void invokeNode(String id) {
            invokeNode(id, null);
        }

        /**
         * Performs one of a widget's actions ({@code POST /computeruse/a11y/node/invoke}).
         *
         * @param id the widget's node id, from {@link #getTree} or {@link #findNodes}
         * @param action one of its {@code actions}, e.g. {@code click} (any case); null or empty for the first
         * @throws DaytonaValidationException if the id is missing or malformed, or the widget has no
         *     such action (400; the message lists its actions)
         * @throws DaytonaNotFoundException if the widget is gone
         * @throws DaytonaServerException if the desktop or the accessibility bus is not running (503)
         * @throws DaytonaException if the call fails
         */
        public void invokeNode(String id, String action) {
            send(HttpCall.post("invoke accessibility node", uri("/a11y/node/invoke"), new AccessibilityInvokeRequest(id, action)),
                    Void.class);
        }

        /**
         * Replaces an editable widget's text, or sets a slider's or spin button's number
         * ({@code POST /computeruse/a11y/node/value}).
         *
         * @param id the widget's node id, from {@link #getTree} or {@link #findNodes}
         * @param value the new text, or the number as text (e.g. {@code "42"}, {@code "0.5"}) for a
         *     widget that holds a number
         * @throws DaytonaValidationException if the id is missing or malformed, the value is null, the
         *     widget holds a number and the value is not one, or the widget has neither editable text
         *     nor a value (400)
         * @throws DaytonaNotFoundException if the widget is gone
         * @throws DaytonaServerException if the desktop or the accessibility bus is not running (503)
         * @throws DaytonaException if the call fails
         */
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
