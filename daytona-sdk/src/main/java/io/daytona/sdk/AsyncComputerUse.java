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

/** The desktop of an {@link AsyncSandbox}; each method mirrors {@link ComputerUse}. */
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

    /** See {@link ComputerUse#start()}. */
    public CompletableFuture<ComputerUseStartResponse> start() {
        return calls.supply(computerUse::start);
    }

    /** See {@link ComputerUse#stop()}. */
    public CompletableFuture<ComputerUseStopResponse> stop() {
        return calls.supply(computerUse::stop);
    }

    /** See {@link ComputerUse#getStatus()}. */
    public CompletableFuture<ComputerUseStatusResponse> getStatus() {
        return calls.supply(computerUse::getStatus);
    }

    /** See {@link ComputerUse#getProcessStatus(String)}. */
    public CompletableFuture<ProcessStatusResponse> getProcessStatus(String processName) {
        return calls.supply(() -> computerUse.getProcessStatus(processName));
    }

    /** See {@link ComputerUse#restartProcess(String)}. */
    public CompletableFuture<ProcessRestartResponse> restartProcess(String processName) {
        return calls.supply(() -> computerUse.restartProcess(processName));
    }

    /** See {@link ComputerUse#getProcessLogs(String)}. */
    public CompletableFuture<ProcessLogsResponse> getProcessLogs(String processName) {
        return calls.supply(() -> computerUse.getProcessLogs(processName));
    }

    /** See {@link ComputerUse#getProcessErrors(String)}. */
    public CompletableFuture<ProcessErrorsResponse> getProcessErrors(String processName) {
        return calls.supply(() -> computerUse.getProcessErrors(processName));
    }

    public Mouse getMouse() {
        return mouse;
    }

    public Keyboard getKeyboard() {
        return keyboard;
    }

    public Screenshot getScreenshot() {
        return screenshot;
    }

    public Display getDisplay() {
        return display;
    }

    public Recordings getRecording() {
        return recordings;
    }

    public Accessibility getAccessibility() {
        return accessibility;
    }

    /** See {@link ComputerUse.Accessibility}. */
    public final class Accessibility {
        private final ComputerUse.Accessibility accessibility;

        private Accessibility(ComputerUse.Accessibility accessibility) {
            this.accessibility = accessibility;
        }

        public CompletableFuture<AccessibilityTreeResponse> getTree() {
            return calls.supply(accessibility::getTree);
        }

        public CompletableFuture<AccessibilityTreeResponse> getTree(String scope, Integer pid, Integer maxDepth) {
            return calls.supply(() -> accessibility.getTree(scope, pid, maxDepth));
        }

        public CompletableFuture<AccessibilityNodesResponse> findNodes(FindAccessibilityNodesRequest request) {
            return calls.supply(() -> accessibility.findNodes(request));
        }

        public CompletableFuture<Void> focusNode(String id) {
            return calls.run(() -> accessibility.focusNode(id));
        }

        public CompletableFuture<Void> invokeNode(String id) {
            return calls.run(() -> accessibility.invokeNode(id));
        }

        public CompletableFuture<Void> invokeNode(String id, String action) {
            return calls.run(() -> accessibility.invokeNode(id, action));
        }

        public CompletableFuture<Void> setNodeValue(String id, String value) {
            return calls.run(() -> accessibility.setNodeValue(id, value));
        }
    }

    /** See {@link ComputerUse.Mouse}. */
    public final class Mouse {
        private final ComputerUse.Mouse mouse;

        private Mouse(ComputerUse.Mouse mouse) {
            this.mouse = mouse;
        }

        public CompletableFuture<MousePositionResponse> getPosition() {
            return calls.supply(mouse::getPosition);
        }

        public CompletableFuture<MousePositionResponse> move(int x, int y) {
            return calls.supply(() -> mouse.move(x, y));
        }

        public CompletableFuture<MouseClickResponse> click(int x, int y) {
            return calls.supply(() -> mouse.click(x, y));
        }

        public CompletableFuture<MouseClickResponse> click(int x, int y, String button, boolean doubleClick) {
            return calls.supply(() -> mouse.click(x, y, button, doubleClick));
        }

        public CompletableFuture<MouseDragResponse> drag(int startX, int startY, int endX, int endY) {
            return calls.supply(() -> mouse.drag(startX, startY, endX, endY));
        }

        public CompletableFuture<MouseDragResponse> drag(int startX, int startY, int endX, int endY, String button) {
            return calls.supply(() -> mouse.drag(startX, startY, endX, endY, button));
        }

        public CompletableFuture<Boolean> scroll(int x, int y, String direction) {
            return calls.supply(() -> mouse.scroll(x, y, direction));
        }

        public CompletableFuture<Boolean> scroll(int x, int y, String direction, int amount) {
            return calls.supply(() -> mouse.scroll(x, y, direction, amount));
        }
    }

    /** See {@link ComputerUse.Keyboard}. */
    public final class Keyboard {
        private final ComputerUse.Keyboard keyboard;

        private Keyboard(ComputerUse.Keyboard keyboard) {
            this.keyboard = keyboard;
        }

        public CompletableFuture<Void> type(String text) {
            return calls.run(() -> keyboard.type(text));
        }

        public CompletableFuture<Void> type(String text, Duration delay) {
            return calls.run(() -> keyboard.type(text, delay));
        }

        public CompletableFuture<Void> press(String key, String... modifiers) {
            String[] copy = modifiers.clone();
            return calls.run(() -> keyboard.press(key, copy));
        }

        public CompletableFuture<Void> hotkey(String keys) {
            return calls.run(() -> keyboard.hotkey(keys));
        }
    }

    /** See {@link ComputerUse.Screenshot}. */
    public final class Screenshot {
        private final ComputerUse.Screenshot screenshot;

        private Screenshot(ComputerUse.Screenshot screenshot) {
            this.screenshot = screenshot;
        }

        public CompletableFuture<ScreenshotResponse> takeFullScreen() {
            return calls.supply(screenshot::takeFullScreen);
        }

        public CompletableFuture<ScreenshotResponse> takeFullScreen(boolean showCursor) {
            return calls.supply(() -> screenshot.takeFullScreen(showCursor));
        }

        public CompletableFuture<ScreenshotResponse> takeRegion(ScreenshotRegion region) {
            return calls.supply(() -> screenshot.takeRegion(region));
        }

        public CompletableFuture<ScreenshotResponse> takeRegion(ScreenshotRegion region, boolean showCursor) {
            return calls.supply(() -> screenshot.takeRegion(region, showCursor));
        }

        public CompletableFuture<ScreenshotResponse> takeCompressed() {
            return calls.supply(screenshot::takeCompressed);
        }

        public CompletableFuture<ScreenshotResponse> takeCompressed(ScreenshotOptions options) {
            return calls.supply(() -> screenshot.takeCompressed(options));
        }

        public CompletableFuture<ScreenshotResponse> takeCompressedRegion(ScreenshotRegion region, ScreenshotOptions options) {
            return calls.supply(() -> screenshot.takeCompressedRegion(region, options));
        }
    }

    /** See {@link ComputerUse.Display}. */
    public final class Display {
        private final ComputerUse.Display display;

        private Display(ComputerUse.Display display) {
            this.display = display;
        }

        public CompletableFuture<DisplayInfoResponse> getInfo() {
            return calls.supply(display::getInfo);
        }

        public CompletableFuture<WindowsResponse> getWindows() {
            return calls.supply(display::getWindows);
        }
    }

    /** See {@link ComputerUse.Recordings}. */
    public final class Recordings {
        private final ComputerUse.Recordings recordings;

        private Recordings(ComputerUse.Recordings recordings) {
            this.recordings = recordings;
        }

        public CompletableFuture<Recording> start() {
            return calls.supply(() -> recordings.start());
        }

        public CompletableFuture<Recording> start(String label) {
            return calls.supply(() -> recordings.start(label));
        }

        public CompletableFuture<Recording> stop(String id) {
            return calls.supply(() -> recordings.stop(id));
        }

        public CompletableFuture<List<Recording>> list() {
            return calls.supply(recordings::list);
        }

        public CompletableFuture<Recording> get(String id) {
            return calls.supply(() -> recordings.get(id));
        }

        public CompletableFuture<Void> delete(String id) {
            return calls.run(() -> recordings.delete(id));
        }

        public CompletableFuture<Void> download(String id, Path localFile) {
            return calls.run(() -> recordings.download(id, localFile));
        }
    }
}
