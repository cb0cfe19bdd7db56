package io.daytona.sdk;

import io.daytona.model.toolbox.computeruse.AccessibilityNodesResponse;
import io.daytona.model.toolbox.computeruse.AccessibilityTreeResponse;
import io.daytona.model.toolbox.computeruse.ComputerUseStartResponse;
import io.daytona.model.toolbox.computeruse.ComputerUseStatusResponse;
import io.daytona.model.toolbox.computeruse.ComputerUseStopResponse;
import io.daytona.model.toolbox.computeruse.DisplayInfoResponse;
import io.daytona.model.toolbox.computeruse.FindAccessibilityNodesRequest;
import io.daytona.model.toolbox.computeruse.MouseClickResponse;
import io.daytona.model.toolbox.computeruse.MouseDragResponse;
import io.daytona.model.toolbox.computeruse.MousePositionResponse;
import io.daytona.model.toolbox.computeruse.ProcessErrorsResponse;
import io.daytona.model.toolbox.computeruse.ProcessLogsResponse;
import io.daytona.model.toolbox.computeruse.ProcessRestartResponse;
import io.daytona.model.toolbox.computeruse.ProcessStatusResponse;
import io.daytona.model.toolbox.computeruse.Recording;
import io.daytona.model.toolbox.computeruse.ScreenshotResponse;
import io.daytona.model.toolbox.computeruse.WindowsResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The desktop of an {@link AsyncSandbox}, through its toolbox ({@code /computeruse/*}); each
 * method mirrors the one of {@link ComputerUse} (see there for the desktop's processes, coordinates
 * and limits) and runs it on a virtual thread. A failure completes the future exceptionally with the
 * exception the synchronous call throws, e.g. a {@link DaytonaServerException} of status 503 while
 * the desktop is not running: call {@link #start()} first.
 *
 * <pre>{@code
 * AsyncComputerUse desktop = sandbox.getComputerUse();
 * desktop.start()
 *         .thenCompose(started -> desktop.getMouse().click(100, 200))
 *         .thenCompose(clicked -> desktop.getScreenshot().takeFullScreen())
 *         .thenAccept(shot -> System.out.println(shot.sizeBytes() + " bytes"))
 *         .join();
 * }</pre>
 */
public final class AsyncComputerUse {
    private final ComputerUse computerUse;
    private final AsyncCalls calls;
    private final Mouse mouse;
    private final Keyboard keyboard;
    private final Screenshot screenshot;
    private final Display display;
    private final Recordings recordings;
    private final Accessibility accessibility;

    AsyncComputerUse(ComputerUse computerUse, AsyncCalls calls) {
        this.computerUse = computerUse;
        this.calls = calls;
        this.mouse = new Mouse(computerUse.getMouse());
        this.keyboard = new Keyboard(computerUse.getKeyboard());
        this.screenshot = new Screenshot(computerUse.getScreenshot());
        this.display = new Display(computerUse.getDisplay());
        this.recordings = new Recordings(computerUse.getRecording());
        this.accessibility = new Accessibility(computerUse.getAccessibility());
    }

    /**
     * The asynchronous {@link ComputerUse#start()}: starts every desktop process that is not running
     * and completes when the last serves ({@code POST /computeruse/start}).
     *
     * @return a future of a message and each process's status by name
     */
    public CompletableFuture<ComputerUseStartResponse> start() {
        return calls.supply(computerUse::start);
    }

    /**
     * The asynchronous {@link ComputerUse#stop()}: stops every recording under way, then every desktop
     * process ({@code POST /computeruse/stop}).
     *
     * @return a future of a message and each process's status by name
     */
    public CompletableFuture<ComputerUseStopResponse> stop() {
        return calls.supply(computerUse::stop);
    }

    /**
     * The asynchronous {@link ComputerUse#getStatus()}: whether the desktop runs
     * ({@code GET /computeruse/process-status}).
     *
     * @return a future of {@code active}, {@code partial} or {@code inactive}
     */
    public CompletableFuture<ComputerUseStatusResponse> getStatus() {
        return calls.supply(computerUse::getStatus);
    }

    /**
     * The asynchronous {@link ComputerUse#getProcessStatus(String)}: whether one desktop process runs
     * ({@code GET /computeruse/process/{processName}/status}).
     *
     * @param processName {@code xvfb}, {@code dbus}, {@code xfce4}, {@code x11vnc} or {@code novnc}
     *     (any case)
     * @return a future of the process's name and whether it is alive now
     */
    public CompletableFuture<ProcessStatusResponse> getProcessStatus(String processName) {
        return calls.supply(() -> computerUse.getProcessStatus(processName));
    }

    /**
     * The asynchronous {@link ComputerUse#restartProcess(String)}: stops one desktop process and starts
     * it again, completing once it serves ({@code POST /computeruse/process/{processName}/restart}).
     *
     * @param processName {@code xvfb}, {@code dbus}, {@code xfce4}, {@code x11vnc} or {@code novnc}
     *     (any case)
     * @return a future of a message and the process's name
     */
    public CompletableFuture<ProcessRestartResponse> restartProcess(String processName) {
        return calls.supply(() -> computerUse.restartProcess(processName));
    }

    /**
     * The asynchronous {@link ComputerUse#getProcessLogs(String)}: what one desktop process wrote to
     * stdout ({@code GET /computeruse/process/{processName}/logs}).
     *
     * @param processName {@code xvfb}, {@code dbus}, {@code xfce4}, {@code x11vnc} or {@code novnc}
     *     (any case)
     * @return a future of the process's name and the last 64 KiB of its stdout
     */
    public CompletableFuture<ProcessLogsResponse> getProcessLogs(String processName) {
        return calls.supply(() -> computerUse.getProcessLogs(processName));
    }

    /**
     * The asynchronous {@link ComputerUse#getProcessErrors(String)}: what one desktop process wrote to
     * stderr ({@code GET /computeruse/process/{processName}/errors}).
     *
     * @param processName {@code xvfb}, {@code dbus}, {@code xfce4}, {@code x11vnc} or {@code novnc}
     *     (any case)
     * @return a future of the process's name and the last 64 KiB of its stderr
     */
    public CompletableFuture<ProcessErrorsResponse> getProcessErrors(String processName) {
        return calls.supply(() -> computerUse.getProcessErrors(processName));
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
     * The asynchronous {@link ComputerUse.Accessibility}: the widgets the desktop's applications
     * publish over AT-SPI. Node ids come from {@link #getTree} and {@link #findNodes}.
     */
    public final class Accessibility {
        private final ComputerUse.Accessibility accessibility;

        private Accessibility(ComputerUse.Accessibility accessibility) {
            this.accessibility = accessibility;
        }

        /**
         * The asynchronous {@link ComputerUse.Accessibility#getTree()}: the whole tree of the application
         * whose window has the input focus ({@code GET /computeruse/a11y/tree?scope=focused}).
         *
         * @return a future of the root widget with its descendants, and whether the walk stopped at 5000 widgets
         */
        public CompletableFuture<AccessibilityTreeResponse> getTree() {
            return calls.supply(accessibility::getTree);
        }

        /**
         * The asynchronous {@link ComputerUse.Accessibility#getTree(String, Integer, Integer)}: an
         * accessibility tree ({@code GET /computeruse/a11y/tree}).
         *
         * @param scope {@code focused}, {@code pid} or {@code all}; null for {@code focused}
         * @param pid the application's process id for scope {@code pid}; ignored otherwise, may be null
         * @param maxDepth how many levels below the root to include (0: the root alone); null for no limit
         * @return a future of the root widget with its descendants, and whether the walk stopped at 5000 widgets
         */
        public CompletableFuture<AccessibilityTreeResponse> getTree(String scope, Integer pid, Integer maxDepth) {
            return calls.supply(() -> accessibility.getTree(scope, pid, maxDepth));
        }

        /**
         * The asynchronous {@link ComputerUse.Accessibility#findNodes(FindAccessibilityNodesRequest)}: the
         * widgets that match every criterion given ({@code POST /computeruse/a11y/find}).
         *
         * @param request where to look, the role, the name and how to match it, the states and the limit;
         *     build it with {@link FindAccessibilityNodesRequest#builder()}
         * @return a future of the matching widgets without their children, and whether the search stopped at the limit
         */
        public CompletableFuture<AccessibilityNodesResponse> findNodes(FindAccessibilityNodesRequest request) {
            return calls.supply(() -> accessibility.findNodes(request));
        }

        /**
         * The asynchronous {@link ComputerUse.Accessibility#focusNode(String)}: gives a widget the keyboard
         * focus inside its application ({@code POST /computeruse/a11y/node/focus}).
         *
         * @param id the widget's node id, from {@link #getTree} or {@link #findNodes}
         * @return a future completed when the call is done
         */
        public CompletableFuture<Void> focusNode(String id) {
            return calls.run(() -> accessibility.focusNode(id));
        }

        /**
         * The asynchronous {@link ComputerUse.Accessibility#invokeNode(String)}: performs a widget's first
         * action ({@code POST /computeruse/a11y/node/invoke}).
         *
         * @param id the widget's node id, from {@link #getTree} or {@link #findNodes}
         * @return a future completed when the call is done
         */
        public CompletableFuture<Void> invokeNode(String id) {
            return calls.run(() -> accessibility.invokeNode(id));
        }

        /**
         * The asynchronous {@link ComputerUse.Accessibility#invokeNode(String, String)}: performs one of a
         * widget's actions ({@code POST /computeruse/a11y/node/invoke}).
         *
         * @param id the widget's node id, from {@link #getTree} or {@link #findNodes}
         * @param action one of its {@code actions} (any case); null or empty for the first
         * @return a future completed when the call is done
         */
        public CompletableFuture<Void> invokeNode(String id, String action) {
            return calls.run(() -> accessibility.invokeNode(id, action));
        }

        /**
         * The asynchronous {@link ComputerUse.Accessibility#setNodeValue(String, String)}: replaces an
         * editable widget's text, or sets a slider's or spin button's number
         * ({@code POST /computeruse/a11y/node/value}).
         *
         * @param id the widget's node id, from {@link #getTree} or {@link #findNodes}
         * @param value the new text, or the number as text for a widget that holds a number
         * @return a future completed when the call is done
         */
        public CompletableFuture<Void> setNodeValue(String id, String value) {
            return calls.run(() -> accessibility.setNodeValue(id, value));
        }
    }

    /** The asynchronous {@link ComputerUse.Mouse}: the pointer of the desktop (XTEST events). */
    public final class Mouse {
        private final ComputerUse.Mouse mouse;

        private Mouse(ComputerUse.Mouse mouse) {
            this.mouse = mouse;
        }

        /**
         * The asynchronous {@link ComputerUse.Mouse#getPosition()}: where the pointer is
         * ({@code GET /computeruse/mouse/position}).
         *
         * @return a future of the pointer's position in pixels
         */
        public CompletableFuture<MousePositionResponse> getPosition() {
            return calls.supply(mouse::getPosition);
        }

        /**
         * The asynchronous {@link ComputerUse.Mouse#move(int, int)}: moves the pointer without pressing a
         * button ({@code POST /computeruse/mouse/move}).
         *
         * @param x pixels from the display's left edge, at least 0
         * @param y pixels from the display's top edge, at least 0
         * @return a future of where the pointer is after the move
         */
        public CompletableFuture<MousePositionResponse> move(int x, int y) {
            return calls.supply(() -> mouse.move(x, y));
        }

        /**
         * The asynchronous {@link ComputerUse.Mouse#click(int, int)}: one left click at {@code (x, y)}
         * ({@code POST /computeruse/mouse/click}).
         *
         * @param x pixels from the display's left edge, at least 0
         * @param y pixels from the display's top edge, at least 0
         * @return a future of where the click happened
         */
        public CompletableFuture<MouseClickResponse> click(int x, int y) {
            return calls.supply(() -> mouse.click(x, y));
        }

        /**
         * The asynchronous {@link ComputerUse.Mouse#click(int, int, String, boolean)}: clicks at
         * {@code (x, y)} ({@code POST /computeruse/mouse/click}).
         *
         * @param x pixels from the display's left edge, at least 0
         * @param y pixels from the display's top edge, at least 0
         * @param button {@code left}, {@code middle} or {@code right} (any case); null or blank for {@code left}
         * @param doubleClick whether to click twice, 80 ms apart
         * @return a future of where the click happened
         */
        public CompletableFuture<MouseClickResponse> click(int x, int y, String button, boolean doubleClick) {
            return calls.supply(() -> mouse.click(x, y, button, doubleClick));
        }

        /**
         * The asynchronous {@link ComputerUse.Mouse#drag(int, int, int, int)}: drags with the left button
         * from one point to another ({@code POST /computeruse/mouse/drag}).
         *
         * @param startX where the button is pressed, pixels from the left edge, at least 0
         * @param startY where the button is pressed, pixels from the top edge, at least 0
         * @param endX where it is released, pixels from the left edge, at least 0
         * @param endY where it is released, pixels from the top edge, at least 0
         * @return a future of where the button was released
         */
        public CompletableFuture<MouseDragResponse> drag(int startX, int startY, int endX, int endY) {
            return calls.supply(() -> mouse.drag(startX, startY, endX, endY));
        }

        /**
         * The asynchronous {@link ComputerUse.Mouse#drag(int, int, int, int, String)}: drags with
         * {@code button} from one point to another ({@code POST /computeruse/mouse/drag}).
         *
         * @param startX where the button is pressed, pixels from the left edge, at least 0
         * @param startY where the button is pressed, pixels from the top edge, at least 0
         * @param endX where it is released, pixels from the left edge, at least 0
         * @param endY where it is released, pixels from the top edge, at least 0
         * @param button {@code left}, {@code middle} or {@code right} (any case); null or blank for {@code left}
         * @return a future of where the button was released
         */
        public CompletableFuture<MouseDragResponse> drag(int startX, int startY, int endX, int endY, String button) {
            return calls.supply(() -> mouse.drag(startX, startY, endX, endY, button));
        }

        /**
         * The asynchronous {@link ComputerUse.Mouse#scroll(int, int, String)}: turns the wheel one step at
         * {@code (x, y)} ({@code POST /computeruse/mouse/scroll}).
         *
         * @param x pixels from the display's left edge, at least 0
         * @param y pixels from the display's top edge, at least 0
         * @param direction {@code up}, {@code down}, {@code left} or {@code right} (any case)
         * @return a future of whether the desktop took the step
         */
        public CompletableFuture<Boolean> scroll(int x, int y, String direction) {
            return calls.supply(() -> mouse.scroll(x, y, direction));
        }

        /**
         * The asynchronous {@link ComputerUse.Mouse#scroll(int, int, String, int)}: turns the wheel at
         * {@code (x, y)} ({@code POST /computeruse/mouse/scroll}).
         *
         * @param x pixels from the display's left edge, at least 0
         * @param y pixels from the display's top edge, at least 0
         * @param direction {@code up}, {@code down}, {@code left} or {@code right} (any case)
         * @param amount wheel steps, 1 to 100
         * @return a future of whether the desktop took the steps
         */
        public CompletableFuture<Boolean> scroll(int x, int y, String direction, int amount) {
            return calls.supply(() -> mouse.scroll(x, y, direction, amount));
        }
    }

    /**
     * The asynchronous {@link ComputerUse.Keyboard}: the keyboard of the desktop; keys go to the
     * window with the input focus.
     */
    public final class Keyboard {
        private final ComputerUse.Keyboard keyboard;

        private Keyboard(ComputerUse.Keyboard keyboard) {
            this.keyboard = keyboard;
        }

        /**
         * The asynchronous {@link ComputerUse.Keyboard#type(String)}: types {@code text} with the server's
         * default pause between keystrokes, 12 ms ({@code POST /computeruse/keyboard/type}).
         *
         * @param text what to type: any Unicode text, 1 to 65536 characters
         * @return a future completed when the text is typed
         */
        public CompletableFuture<Void> type(String text) {
            return calls.run(() -> keyboard.type(text));
        }

        /**
         * The asynchronous {@link ComputerUse.Keyboard#type(String, Duration)}: types {@code text}, pausing
         * {@code delay} between keystrokes ({@code POST /computeruse/keyboard/type}).
         *
         * @param text what to type: any Unicode text, 1 to 65536 characters
         * @param delay the pause between keystrokes, 0 to 1 s, sent in whole milliseconds
         * @return a future completed when the text is typed
         */
        public CompletableFuture<Void> type(String text, Duration delay) {
            return calls.run(() -> keyboard.type(text, delay));
        }

        /**
         * The asynchronous {@link ComputerUse.Keyboard#press(String, String...)}: presses and releases one
         * key while holding modifiers ({@code POST /computeruse/keyboard/key}).
         *
         * @param key a character ({@code a}), a name ({@code Enter}, {@code Escape}, {@code Tab},
         *     {@code F5}, ...) or an X keysym
         * @param modifiers held while the key is pressed: {@code ctrl}, {@code alt}, {@code shift},
         *     {@code meta}; copied before the call, so the caller may reuse the array
         * @return a future completed when the key is released
         * @throws NullPointerException if {@code modifiers} is null (at once, not through the future)
         */
        public CompletableFuture<Void> press(String key, String... modifiers) {
            String[] copy = modifiers.clone();
            return calls.run(() -> keyboard.press(key, copy));
        }

        /**
         * The asynchronous {@link ComputerUse.Keyboard#hotkey(String)}: presses a key combination and
         * releases it ({@code POST /computeruse/keyboard/hotkey}).
         *
         * @param keys keys joined by {@code +}, the modifiers first, e.g. {@code ctrl+c} or {@code ctrl+shift+t}
         * @return a future completed when the keys are released
         */
        public CompletableFuture<Void> hotkey(String keys) {
            return calls.run(() -> keyboard.hotkey(keys));
        }
    }

    /**
     * The asynchronous {@link ComputerUse.Screenshot}: screenshots of the desktop;
     * {@link ScreenshotResponse#imageBytes()} decodes the image.
     */
    public final class Screenshot {
        private final ComputerUse.Screenshot screenshot;

        private Screenshot(ComputerUse.Screenshot screenshot) {
            this.screenshot = screenshot;
        }

        /**
         * The asynchronous {@link ComputerUse.Screenshot#takeFullScreen()}: the whole screen as PNG,
         * without the pointer ({@code GET /computeruse/screenshot}).
         *
         * @return a future of the image (base64 PNG), its size and the pointer's position
         */
        public CompletableFuture<ScreenshotResponse> takeFullScreen() {
            return calls.supply(screenshot::takeFullScreen);
        }

        /**
         * The asynchronous {@link ComputerUse.Screenshot#takeFullScreen(boolean)}: the whole screen as PNG
         * ({@code GET /computeruse/screenshot}).
         *
         * @param showCursor whether to draw the pointer into the image
         * @return a future of the image (base64 PNG), its size and the pointer's position
         */
        public CompletableFuture<ScreenshotResponse> takeFullScreen(boolean showCursor) {
            return calls.supply(() -> screenshot.takeFullScreen(showCursor));
        }

        /**
         * The asynchronous {@link ComputerUse.Screenshot#takeRegion(ScreenshotRegion)}: a region of the
         * screen as PNG, without the pointer ({@code GET /computeruse/screenshot/region}).
         *
         * @param region the rectangle to capture; it must lie inside the display
         * @return a future of the image (base64 PNG), its size and the pointer's position on the display
         */
        public CompletableFuture<ScreenshotResponse> takeRegion(ScreenshotRegion region) {
            return calls.supply(() -> screenshot.takeRegion(region));
        }

        /**
         * The asynchronous {@link ComputerUse.Screenshot#takeRegion(ScreenshotRegion, boolean)}: a region
         * of the screen as PNG ({@code GET /computeruse/screenshot/region}).
         *
         * @param region the rectangle to capture; it must lie inside the display
         * @param showCursor whether to draw the pointer into the image, when it is inside the region
         * @return a future of the image (base64 PNG), its size and the pointer's position on the display
         */
        public CompletableFuture<ScreenshotResponse> takeRegion(ScreenshotRegion region, boolean showCursor) {
            return calls.supply(() -> screenshot.takeRegion(region, showCursor));
        }

        /**
         * The asynchronous {@link ComputerUse.Screenshot#takeCompressed()}: the whole screen with the
         * server's defaults, PNG at full scale encoded for size ({@code GET /computeruse/screenshot/compressed}).
         *
         * @return a future of the image (base64 PNG), its size and the pointer's position
         */
        public CompletableFuture<ScreenshotResponse> takeCompressed() {
            return calls.supply(screenshot::takeCompressed);
        }

        /**
         * The asynchronous {@link ComputerUse.Screenshot#takeCompressed(ScreenshotOptions)}: the whole
         * screen in the format, quality and scale of {@code options}
         * ({@code GET /computeruse/screenshot/compressed}).
         *
         * @param options format ({@code png}, {@code jpeg}, {@code webp}), quality, scale and whether to
         *     draw the pointer; absent values take the server's defaults
         * @return a future of the image (base64, in the format asked for), its size and the pointer's position
         */
        public CompletableFuture<ScreenshotResponse> takeCompressed(ScreenshotOptions options) {
            return calls.supply(() -> screenshot.takeCompressed(options));
        }

        /**
         * The asynchronous {@link ComputerUse.Screenshot#takeCompressedRegion(ScreenshotRegion, ScreenshotOptions)}:
         * a region of the screen in the format, quality and scale of {@code options}
         * ({@code GET /computeruse/screenshot/region/compressed}).
         *
         * @param region the rectangle to capture; it must lie inside the display
         * @param options format ({@code png}, {@code jpeg}, {@code webp}), quality, scale and whether to
         *     draw the pointer; absent values take the server's defaults
         * @return a future of the image (base64, in the format asked for), its size and the pointer's
         *     position on the display
         */
        public CompletableFuture<ScreenshotResponse> takeCompressedRegion(ScreenshotRegion region, ScreenshotOptions options) {
            return calls.supply(() -> screenshot.takeCompressedRegion(region, options));
        }
    }

    /** The asynchronous {@link ComputerUse.Display}: the display and its windows. */
    public final class Display {
        private final ComputerUse.Display display;

        private Display(ComputerUse.Display display) {
            this.display = display;
        }

        /**
         * The asynchronous {@link ComputerUse.Display#getInfo()}: the displays with their geometry
         * ({@code GET /computeruse/display/info}).
         *
         * @return a future of the displays: Xvfb has one, number 0, 1024x768 unless the image sets
         *     {@code VNC_RESOLUTION}
         */
        public CompletableFuture<DisplayInfoResponse> getInfo() {
            return calls.supply(display::getInfo);
        }

        /**
         * The asynchronous {@link ComputerUse.Display#getWindows()}: the window manager's top-level windows
         * ({@code GET /computeruse/display/windows}).
         *
         * @return a future of each window's X id, title, position and size, and whether it has the input focus
         */
        public CompletableFuture<WindowsResponse> getWindows() {
            return calls.supply(display::getWindows);
        }
    }

    /**
     * The asynchronous {@link ComputerUse.Recordings}: screen recordings, H.264 MP4 files in the
     * sandbox ({@code ~/.daytona/recordings}).
     */
    public final class Recordings {
        private final ComputerUse.Recordings recordings;

        private Recordings(ComputerUse.Recordings recordings) {
            this.recordings = recordings;
        }

        /**
         * The asynchronous {@link ComputerUse.Recordings#start()}: starts recording the screen into a file
         * labelled {@code session} ({@code POST /computeruse/recordings/start}).
         *
         * @return a future of the recording, {@code recording}, with its id, file and start time
         */
        public CompletableFuture<Recording> start() {
            return calls.supply(() -> recordings.start());
        }

        /**
         * The asynchronous {@link ComputerUse.Recordings#start(String)}: starts recording the screen into a
         * file whose name has {@code label} ({@code POST /computeruse/recordings/start}).
         *
         * @param label letters, digits, spaces, {@code .}, {@code _} and {@code -}, at most 100, not
         *     starting with {@code .}; null or empty for {@code session}
         * @return a future of the recording, {@code recording}, with its id, file and start time
         */
        public CompletableFuture<Recording> start(String label) {
            return calls.supply(() -> recordings.start(label));
        }

        /**
         * The asynchronous {@link ComputerUse.Recordings#stop(String)}: stops a recording, completing once
         * its file is complete ({@code POST /computeruse/recordings/stop}).
         *
         * @param id the id {@link #start()} returned
         * @return a future of the recording finished: {@code completed} with its end time, duration and
         *     size, or {@code failed}
         */
        public CompletableFuture<Recording> stop(String id) {
            return calls.supply(() -> recordings.stop(id));
        }

        /**
         * The asynchronous {@link ComputerUse.Recordings#list()}: the recordings
         * ({@code GET /computeruse/recordings}).
         *
         * @return a future of the recordings under way, then the finished ones, the newest first; unmodifiable
         */
        public CompletableFuture<List<Recording>> list() {
            return calls.supply(recordings::list);
        }

        /**
         * The asynchronous {@link ComputerUse.Recordings#get(String)}: describes one recording, under way or
         * finished ({@code GET /computeruse/recordings/{id}}).
         *
         * @param id the recording's id
         * @return a future of the recording
         */
        public CompletableFuture<Recording> get(String id) {
            return calls.supply(() -> recordings.get(id));
        }

        /**
         * The asynchronous {@link ComputerUse.Recordings#delete(String)}: deletes a finished recording's
         * file ({@code DELETE /computeruse/recordings/{id}}).
         *
         * @param id the recording's id
         * @return a future completed when the file is deleted
         */
        public CompletableFuture<Void> delete(String id) {
            return calls.run(() -> recordings.delete(id));
        }

        /**
         * The asynchronous {@link ComputerUse.Recordings#download(String, Path)}: downloads a finished
         * recording's MP4 file into {@code localFile}, streaming it
         * ({@code GET /computeruse/recordings/{id}/download}); the file is replaced only once the download
         * is complete.
         *
         * @param id the recording's id
         * @param localFile where to write the video on this machine
         * @return a future completed when {@code localFile} holds the whole recording
         */
        public CompletableFuture<Void> download(String id, Path localFile) {
            return calls.run(() -> recordings.download(id, localFile));
        }
    }
}
