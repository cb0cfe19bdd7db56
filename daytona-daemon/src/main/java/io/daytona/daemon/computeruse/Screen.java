package io.daytona.daemon.computeruse;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.http.ErrorCode;
import io.daytona.http.ServiceException;
import io.daytona.model.toolbox.computeruse.DisplayInfo;
import io.daytona.model.toolbox.computeruse.Position;
import io.daytona.model.toolbox.computeruse.ScreenshotResponse;
import io.daytona.model.toolbox.computeruse.WindowInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Screenshots (through the {@code screenshot.py} {@link PythonHelper}), the display's geometry and its windows. */
final class Screen implements AutoCloseable {
    private static final Set<String> FORMATS = Set.of("png", "jpeg", "jpg", "webp");

    /** What to capture and how to encode it. */
    record Shot(Optional<Region> region, boolean showCursor, String format, int quality, double scale, boolean compressed) {}

    /** A rectangle of the display. */
    record Region(int x, int y, int width, int height) {}

    private final Desktop desktop;
    private final Mouse mouse;
    private final ObjectMapper mapper;
    private PythonHelper worker;

    Screen(Desktop desktop, Mouse mouse, ObjectMapper mapper) {
        this.desktop = requireNonNull(desktop, "desktop is null");
        this.mouse = requireNonNull(mouse, "mouse is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    /** Checks the compression options of the {@code compressed} endpoints. */
    static Shot shot(Optional<Region> region, boolean showCursor, Optional<String> format, Optional<Integer> quality,
                     Optional<Double> scale, boolean compressed) {
        String fmt = format.map(f -> f.toLowerCase(Locale.ROOT)).orElse("png");
        if (!FORMATS.contains(fmt)) {
            throw new ServiceException(ErrorCode.BAD_REQUEST, "format must be png, jpeg or webp, not " + format.get());
        }
        int q = quality.orElse(85);
        if (q < 1 || q > 100) {
            throw new ServiceException(ErrorCode.BAD_REQUEST, "quality must be from 1 to 100, not " + q);
        }
        double s = scale.orElse(1.0);
        if (!(s > 0 && s <= 1.0)) {
            throw new ServiceException(ErrorCode.BAD_REQUEST, "scale must be more than 0 and at most 1, not " + s);
        }
        region.ifPresent(r -> {
            if (r.x() < 0 || r.y() < 0 || r.width() <= 0 || r.height() <= 0) {
                throw new ServiceException(ErrorCode.BAD_REQUEST,
                        "the region needs x and y of at least 0 and a width and height above 0");
            }
        });
        return new Shot(region, showCursor, fmt.equals("jpg") ? "jpeg" : fmt, q, s, compressed);
    }

    ScreenshotResponse screenshot(Shot shot) throws IOException, InterruptedException {
        desktop.requireDisplay();
        Position cursor = mouse.position();
        Map<String, Object> request = new HashMap<>();
        shot.region().ifPresent(r -> request.put("region", List.of(r.x(), r.y(), r.width(), r.height())));
        if (shot.showCursor()) {
            request.put("cursor", List.of(cursor.x(), cursor.y()));
        }
        request.put("format", shot.format());
        request.put("quality", shot.quality());
        request.put("scale", shot.scale());
        // The plain endpoints favour speed: a desktop compresses well even at level 1.
        request.put("compressLevel", shot.compressed() ? 6 : 1);
        JsonNode answer = worker().request(request);
        if (answer.has("badRequest")) {
            throw new ServiceException(ErrorCode.BAD_REQUEST, answer.get("badRequest").asText());
        }
        if (answer.has("error")) {
            throw new ServiceException(ErrorCode.INTERNAL_SERVER_ERROR, "the screenshot failed: " + answer.get("error").asText());
        }
        return new ScreenshotResponse(answer.get("image").asText(), cursor, answer.get("size").asInt());
    }

    /** The one screen Xvfb has. */
    List<DisplayInfo> displays() {
        desktop.requireDisplay();
        String[] size = X11Tools.check(desktop.config(), List.of("xdotool", "getdisplaygeometry")).strip().split("\\s+");
        return List.of(new DisplayInfo(0, 0, 0, Integer.parseInt(size[0]), Integer.parseInt(size[1]), true));
    }

    /** The window manager's client windows ({@code wmctrl -lG}), the focused one marked active. */
    List<WindowInfo> windows() {
        desktop.requireDisplay();
        X11Tools.Result listed = X11Tools.run(desktop.config(), List.of("wmctrl", "-lG"));
        if (listed.exitCode() != 0) {
            // No window manager (Xfce not up, or restarting): no managed windows to list.
            return List.of();
        }
        X11Tools.Result active = X11Tools.run(desktop.config(), List.of("xdotool", "getactivewindow"));
        long activeId = active.exitCode() == 0 ? Long.parseLong(active.stdout().strip()) : -1;
        List<WindowInfo> windows = new ArrayList<>();
        for (String line : listed.stdout().split("\n")) {
            parseWindow(line, activeId).ifPresent(windows::add);
        }
        return windows;
    }

    /** One line of {@code wmctrl -lG}: id, desktop, x, y, width, height, host, then the title. */
    static Optional<WindowInfo> parseWindow(String line, long activeId) {
        String[] fields = line.strip().split("\\s+", 8);
        if (fields.length < 7 || !fields[0].startsWith("0x")) {
            return Optional.empty();
        }
        long id = Long.parseLong(fields[0].substring(2), 16);
        String title = fields.length == 8 ? fields[7] : "";
        return Optional.of(new WindowInfo(id, title, Integer.parseInt(fields[2]), Integer.parseInt(fields[3]),
                Integer.parseInt(fields[4]), Integer.parseInt(fields[5]), id == activeId));
    }

    private synchronized PythonHelper worker() throws IOException {
        if (worker == null || !worker.isAlive()) {
            worker = PythonHelper.start("screenshot", desktop.config(), mapper);
        }
        return worker;
    }

    @Override
    public synchronized void close() {
        if (worker != null) {
            worker.close();
            worker = null;
        }
    }
}
