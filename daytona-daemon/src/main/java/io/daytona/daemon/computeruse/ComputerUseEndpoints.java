package io.daytona.daemon.computeruse;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.daemon.process.ProcessEnvironment;
import io.daytona.http.ErrorCode;
import io.daytona.http.Exchange;
import io.daytona.http.Router;
import io.daytona.http.ServiceException;
import io.daytona.model.toolbox.computeruse.AccessibilityInvokeRequest;
import io.daytona.model.toolbox.computeruse.AccessibilityNodeRequest;
import io.daytona.model.toolbox.computeruse.AccessibilitySetValueRequest;
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
import io.daytona.model.toolbox.computeruse.Position;
import io.daytona.model.toolbox.computeruse.ProcessErrorsResponse;
import io.daytona.model.toolbox.computeruse.ProcessLogsResponse;
import io.daytona.model.toolbox.computeruse.ProcessRestartResponse;
import io.daytona.model.toolbox.computeruse.ProcessStatusResponse;
import io.daytona.model.toolbox.computeruse.ScrollResponse;
import io.daytona.model.toolbox.computeruse.StartRecordingRequest;
import io.daytona.model.toolbox.computeruse.StopRecordingRequest;
import io.daytona.model.toolbox.computeruse.WindowsResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The toolbox's computer-use API ({@code /computeruse/*}), wire-compatible with upstream's: a
 * virtual desktop (Xvfb, Xfce, x11vnc, noVNC) started by {@code POST /computeruse/start} and
 * driven with the image's X11 tools; the accessibility tree comes from AT-SPI. Until then nothing
 * of it runs and every call but start, stop and the status ones answers 503. See
 * docs/computer-use.md.
 */
public final class ComputerUseEndpoints {
    private final Desktop desktop;
    private final Mouse mouse;
    private final Keyboard keyboard;
    private final Screen screen;
    private final Recordings recordings;
    private final Accessibility accessibility;

    public ComputerUseEndpoints(DesktopConfig config, Clock clock, ObjectMapper mapper) {
        this.desktop = new Desktop(requireNonNull(config, "config is null"));
        this.mouse = new Mouse(desktop);
        this.keyboard = new Keyboard(desktop);
        this.screen = new Screen(desktop, mouse, requireNonNull(mapper, "mapper is null"));
        this.recordings = new Recordings(desktop, requireNonNull(clock, "clock is null"));
        this.accessibility = new Accessibility(desktop, mapper);
    }

    public void register(Router router) {
        router.post("/computeruse/start", this::start);
        router.post("/computeruse/stop", this::stop);
        router.get("/computeruse/status", ex -> ex.json(200, new ComputerUseStatusResponse(desktop.status())));
        router.get("/computeruse/process-status", ex -> ex.json(200, new ComputerUseStatusResponse(desktop.status())));
        router.get("/computeruse/process/{processName}/status", ex -> {
            String name = ex.pathParam("processName");
            ex.json(200, new ProcessStatusResponse(name, desktop.process(name).isRunning()));
        });
        router.post("/computeruse/process/{processName}/restart", ex -> {
            String name = ex.pathParam("processName");
            desktop.restart(name);
            ex.json(200, new ProcessRestartResponse("Process " + name + " restarted successfully", name));
        });
        router.get("/computeruse/process/{processName}/logs", ex -> {
            String name = ex.pathParam("processName");
            ex.json(200, new ProcessLogsResponse(name, desktop.process(name).logs()));
        });
        router.get("/computeruse/process/{processName}/errors", ex -> {
            String name = ex.pathParam("processName");
            ex.json(200, new ProcessErrorsResponse(name, desktop.process(name).errors()));
        });
        registerScreen(router);
        registerInput(router);
        registerRecordings(router);
        registerAccessibility(router);
    }

    private void registerScreen(Router router) {
        router.get("/computeruse/screenshot", ex -> ex.json(200, screen.screenshot(Screen.shot(Optional.empty(),
                showCursor(ex), Optional.empty(), Optional.empty(), Optional.empty(), false))));
        router.get("/computeruse/screenshot/region", ex -> ex.json(200, screen.screenshot(Screen.shot(Optional.of(region(ex)),
                showCursor(ex), Optional.empty(), Optional.empty(), Optional.empty(), false))));
        router.get("/computeruse/screenshot/compressed", ex -> ex.json(200, screen.screenshot(Screen.shot(Optional.empty(),
                showCursor(ex), ex.query("format"), intQuery(ex, "quality"), doubleQuery(ex, "scale"), true))));
        router.get("/computeruse/screenshot/region/compressed", ex -> ex.json(200, screen.screenshot(Screen.shot(
                Optional.of(region(ex)), showCursor(ex), ex.query("format"), intQuery(ex, "quality"), doubleQuery(ex, "scale"), true))));
        router.get("/computeruse/display/info", ex -> ex.json(200, new DisplayInfoResponse(screen.displays())));
        router.get("/computeruse/display/windows", ex -> ex.json(200, new WindowsResponse(screen.windows())));
    }

    private void registerInput(Router router) {
        router.get("/computeruse/mouse/position", ex -> {
            Position position = mouse.position();
            ex.json(200, new MousePositionResponse(position.x(), position.y()));
        });
        router.post("/computeruse/mouse/move", ex -> {
            Position position = mouse.move(ex.body(MouseMoveRequest.class));
            ex.json(200, new MousePositionResponse(position.x(), position.y()));
        });
        router.post("/computeruse/mouse/click", ex -> {
            Position position = mouse.click(ex.body(MouseClickRequest.class));
            ex.json(200, new MouseClickResponse(position.x(), position.y()));
        });
        router.post("/computeruse/mouse/drag", ex -> {
            Position position = mouse.drag(ex.body(MouseDragRequest.class));
            ex.json(200, new MouseDragResponse(position.x(), position.y()));
        });
        router.post("/computeruse/mouse/scroll", ex -> {
            mouse.scroll(ex.body(MouseScrollRequest.class));
            ex.json(200, new ScrollResponse(true));
        });
        router.post("/computeruse/keyboard/type", ex -> {
            keyboard.type(ex.body(KeyboardTypeRequest.class));
            ex.json(200, Map.of());
        });
        router.post("/computeruse/keyboard/key", ex -> {
            keyboard.press(ex.body(KeyboardPressRequest.class));
            ex.json(200, Map.of());
        });
        router.post("/computeruse/keyboard/hotkey", ex -> {
            keyboard.hotkey(ex.body(KeyboardHotkeyRequest.class));
            ex.json(200, Map.of());
        });
    }

    private void registerRecordings(Router router) {
        router.post("/computeruse/recordings/start", ex -> {
            Optional<String> label = ex.optionalBody(StartRecordingRequest.class).map(StartRecordingRequest::label);
            ex.json(201, recordings.start(label));
        });
        router.post("/computeruse/recordings/stop", ex -> ex.json(200, recordings.stop(ex.body(StopRecordingRequest.class).id())));
        router.get("/computeruse/recordings", ex -> ex.json(200, new ListRecordingsResponse(recordings.list())));
        router.get("/computeruse/recordings/{id}", ex -> ex.json(200, recordings.get(ex.pathParam("id"))));
        router.delete("/computeruse/recordings/{id}", ex -> {
            recordings.delete(ex.pathParam("id"));
            ex.status(204);
        });
        router.get("/computeruse/recordings/{id}/download", this::download);
    }

    private void registerAccessibility(Router router) {
        router.get("/computeruse/a11y/tree", ex -> ex.json(200, accessibility.tree(ex.query("scope").filter(v -> !v.isEmpty()),
                intQuery(ex, "pid"), intQuery(ex, "maxDepth"))));
        router.post("/computeruse/a11y/find", ex -> ex.json(200, accessibility.find(ex.body(FindAccessibilityNodesRequest.class))));
        router.post("/computeruse/a11y/node/focus", ex -> {
            accessibility.focus(ex.body(AccessibilityNodeRequest.class));
            ex.json(200, Map.of());
        });
        router.post("/computeruse/a11y/node/invoke", ex -> {
            accessibility.invoke(ex.body(AccessibilityInvokeRequest.class));
            ex.json(200, Map.of());
        });
        router.post("/computeruse/a11y/node/value", ex -> {
            accessibility.setValue(ex.body(AccessibilitySetValueRequest.class));
            ex.json(200, Map.of());
        });
    }

    private void start(Exchange ex) throws Exception {
        desktop.start();
        // Commands started from now on (process/execute, sessions, PTYs) open their windows on this desktop.
        ProcessEnvironment.putAll(desktop.config().environment());
        ex.json(200, new ComputerUseStartResponse("Computer use processes started successfully", desktop.statuses()));
    }

    private void stop(Exchange ex) throws Exception {
        recordings.stopAll();
        screen.close();
        accessibility.close();
        desktop.stop();
        ex.json(200, new ComputerUseStopResponse("Computer use processes stopped successfully", desktop.statuses()));
    }

    private void download(Exchange ex) throws IOException {
        Path file = recordings.file(ex.pathParam("id"));
        ex.setStatus(200);
        ex.setHeader("Content-Type", "video/mp4");
        ex.setHeader("Content-Length", Long.toString(Files.size(file)));
        ex.setHeader("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"");
        try (OutputStream out = ex.outputStream()) {
            Files.copy(file, out);
        }
    }

    private static boolean showCursor(Exchange ex) {
        return ex.query("showCursor").map(value -> switch (value) {
            case "true", "1" -> true;
            case "false", "0", "" -> false;
            default -> throw new ServiceException(ErrorCode.BAD_REQUEST, "showCursor must be true or false, not " + value);
        }).orElse(false);
    }

    private static Screen.Region region(Exchange ex) {
        return new Screen.Region(requiredInt(ex, "x"), requiredInt(ex, "y"), requiredInt(ex, "width"), requiredInt(ex, "height"));
    }

    private static int requiredInt(Exchange ex, String name) {
        return intQuery(ex, name).orElseThrow(() -> new ServiceException(ErrorCode.BAD_REQUEST,
                "the query parameter " + name + " is required"));
    }

    private static Optional<Integer> intQuery(Exchange ex, String name) {
        return ex.query(name).filter(v -> !v.isEmpty()).map(value -> {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new ServiceException(ErrorCode.BAD_REQUEST, name + " must be an integer, not " + value);
            }
        });
    }

    private static Optional<Double> doubleQuery(Exchange ex, String name) {
        return ex.query(name).filter(v -> !v.isEmpty()).map(value -> {
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new ServiceException(ErrorCode.BAD_REQUEST, name + " must be a number, not " + value);
            }
        });
    }
}
