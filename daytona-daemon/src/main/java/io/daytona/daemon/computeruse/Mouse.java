package io.daytona.daemon.computeruse;

import static java.util.Objects.requireNonNull;

import io.daytona.http.ErrorCode;
import io.daytona.http.ServiceException;
import io.daytona.model.toolbox.computeruse.MouseClickRequest;
import io.daytona.model.toolbox.computeruse.MouseDragRequest;
import io.daytona.model.toolbox.computeruse.MouseMoveRequest;
import io.daytona.model.toolbox.computeruse.MouseScrollRequest;
import io.daytona.model.toolbox.computeruse.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The pointer, driven with {@code xdotool} (XTEST events, as a real mouse's). */
final class Mouse {
    private static final Map<String, String> BUTTONS = Map.of("left", "1", "middle", "2", "right", "3");
    /** X reports wheel steps as clicks of buttons 4 to 7. */
    private static final Map<String, String> WHEEL = Map.of("up", "4", "down", "5", "left", "6", "right", "7");
    private static final int MAX_SCROLL = 100;

    private final Desktop desktop;

    Mouse(Desktop desktop) {
        this.desktop = requireNonNull(desktop, "desktop is null");
    }

    Position position() {
        desktop.requireDisplay();
        String shell = X11Tools.check(desktop.config(), List.of("xdotool", "getmouselocation", "--shell"));
        int x = -1;
        int y = -1;
        for (String line : shell.split("\n")) {
            if (line.startsWith("X=")) {
                x = Integer.parseInt(line.substring(2).strip());
            } else if (line.startsWith("Y=")) {
                y = Integer.parseInt(line.substring(2).strip());
            }
        }
        if (x < 0 || y < 0) {
            throw new ServiceException(ErrorCode.INTERNAL_SERVER_ERROR, "xdotool did not report the pointer: " + shell.strip());
        }
        return new Position(x, y);
    }

    Position move(MouseMoveRequest request) {
        requireNonNull(request, "request is null");
        Position target = point(request.x(), request.y(), "x", "y");
        desktop.requireDisplay();
        X11Tools.check(desktop.config(), List.of("xdotool", "mousemove", str(target.x()), str(target.y())));
        return position();
    }

    Position click(MouseClickRequest request) {
        requireNonNull(request, "request is null");
        Position target = point(request.x(), request.y(), "x", "y");
        String button = button(request.button());
        desktop.requireDisplay();
        List<String> command = new ArrayList<>(List.of("xdotool", "mousemove", str(target.x()), str(target.y()), "click"));
        if (Boolean.TRUE.equals(request.doubleClick())) {
            command.addAll(List.of("--repeat", "2", "--delay", "80"));
        }
        command.add(button);
        X11Tools.check(desktop.config(), command);
        return target;
    }

    Position drag(MouseDragRequest request) {
        requireNonNull(request, "request is null");
        Position start = point(request.startX(), request.startY(), "startX", "startY");
        Position end = point(request.endX(), request.endY(), "endX", "endY");
        String button = button(request.button());
        desktop.requireDisplay();
        // Pauses between the steps: toolkits see a press, a motion and a release, not one jump.
        X11Tools.check(desktop.config(), List.of("xdotool", "mousemove", str(start.x()), str(start.y()), "sleep", "0.05",
                "mousedown", button, "sleep", "0.05", "mousemove", str((start.x() + end.x()) / 2), str((start.y() + end.y()) / 2),
                "sleep", "0.05", "mousemove", str(end.x()), str(end.y()), "sleep", "0.05", "mouseup", button));
        return end;
    }

    void scroll(MouseScrollRequest request) {
        requireNonNull(request, "request is null");
        Position at = point(request.x(), request.y(), "x", "y");
        if (request.direction() == null || !WHEEL.containsKey(request.direction().toLowerCase(Locale.ROOT))) {
            throw new ServiceException(ErrorCode.BAD_REQUEST, "direction must be up, down, left or right, not " + request.direction());
        }
        int amount = request.amount() == null ? 1 : request.amount();
        if (amount < 1 || amount > MAX_SCROLL) {
            throw new ServiceException(ErrorCode.BAD_REQUEST, "amount must be from 1 to " + MAX_SCROLL + ", not " + amount);
        }
        desktop.requireDisplay();
        X11Tools.check(desktop.config(), List.of("xdotool", "mousemove", str(at.x()), str(at.y()), "click", "--repeat",
                str(amount), "--delay", "20", WHEEL.get(request.direction().toLowerCase(Locale.ROOT))));
    }

    static Position point(Integer x, Integer y, String xName, String yName) {
        if (x == null || y == null) {
            throw new ServiceException(ErrorCode.BAD_REQUEST, xName + " and " + yName + " are required");
        }
        if (x < 0 || y < 0) {
            throw new ServiceException(ErrorCode.BAD_REQUEST, "%s and %s must not be negative, not %d,%d".formatted(xName, yName, x, y));
        }
        return new Position(x, y);
    }

    private static String button(String button) {
        String name = button == null || button.isBlank() ? "left" : button.toLowerCase(Locale.ROOT);
        String number = BUTTONS.get(name);
        if (number == null) {
            throw new ServiceException(ErrorCode.BAD_REQUEST, "button must be left, middle or right, not " + button);
        }
        return number;
    }

    private static String str(int value) {
        return Integer.toString(value);
    }
}
