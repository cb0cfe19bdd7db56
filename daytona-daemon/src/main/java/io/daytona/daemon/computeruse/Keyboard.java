package io.daytona.daemon.computeruse;

import static java.util.Objects.requireNonNull;

import io.daytona.http.ErrorCode;
import io.daytona.http.ServiceException;
import io.daytona.model.toolbox.computeruse.KeyboardHotkeyRequest;
import io.daytona.model.toolbox.computeruse.KeyboardPressRequest;
import io.daytona.model.toolbox.computeruse.KeyboardTypeRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The keyboard, driven with {@code xdotool}. Key names are the ones the official SDKs document
 * ({@code Enter}, {@code Escape}, {@code ctrl}, {@code cmd}, ...), mapped to X keysyms; any other
 * name is passed on as a keysym ({@code Page_Up}, {@code KP_Enter}), and one xdotool does not know
 * is a 400.
 */
final class Keyboard {
    private static final int MAX_TEXT = 64 * 1024;
    private static final int MAX_DELAY = 1000;
    /** xdotool's own default between keystrokes. */
    private static final int DEFAULT_DELAY = 12;
    private static final Pattern KEYSYM = Pattern.compile("[A-Za-z0-9_]+");
    private static final Map<String, String> MODIFIERS = Map.ofEntries(
            Map.entry("ctrl", "ctrl"), Map.entry("control", "ctrl"), Map.entry("alt", "alt"), Map.entry("option", "alt"),
            Map.entry("shift", "shift"), Map.entry("meta", "super"), Map.entry("cmd", "super"), Map.entry("command", "super"),
            Map.entry("super", "super"), Map.entry("win", "super"), Map.entry("windows", "super"));
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("enter", "Return"), Map.entry("return", "Return"), Map.entry("esc", "Escape"), Map.entry("escape", "Escape"),
            Map.entry("tab", "Tab"), Map.entry("space", "space"), Map.entry("backspace", "BackSpace"), Map.entry("delete", "Delete"),
            Map.entry("del", "Delete"), Map.entry("insert", "Insert"), Map.entry("home", "Home"), Map.entry("end", "End"),
            Map.entry("pageup", "Prior"), Map.entry("page_up", "Prior"), Map.entry("pagedown", "Next"), Map.entry("page_down", "Next"),
            Map.entry("up", "Up"), Map.entry("down", "Down"), Map.entry("left", "Left"), Map.entry("right", "Right"),
            Map.entry("capslock", "Caps_Lock"), Map.entry("printscreen", "Print"), Map.entry("menu", "Menu"),
            Map.entry("plus", "plus"), Map.entry("minus", "minus"));

    private final Desktop desktop;

    Keyboard(Desktop desktop) {
        this.desktop = requireNonNull(desktop, "desktop is null");
    }

    void type(KeyboardTypeRequest request) {
        requireNonNull(request, "request is null");
        String text = request.text();
        if (text == null || text.isEmpty()) {
            throw new ServiceException(ErrorCode.BAD_REQUEST, "text is required");
        }
        if (text.length() > MAX_TEXT) {
            throw new ServiceException(ErrorCode.BAD_REQUEST, "text must be at most " + MAX_TEXT + " characters");
        }
        int delay = request.delay() == null ? DEFAULT_DELAY : request.delay();
        if (delay < 0 || delay > MAX_DELAY) {
            throw new ServiceException(ErrorCode.BAD_REQUEST, "delay must be from 0 to " + MAX_DELAY + " ms, not " + delay);
        }
        desktop.requireDisplay();
        X11Tools.check(desktop.config(), List.of("xdotool", "type", "--clearmodifiers", "--delay", Integer.toString(delay), "--", text));
    }

    void press(KeyboardPressRequest request) {
        requireNonNull(request, "request is null");
        List<String> combo = new ArrayList<>();
        for (String modifier : request.modifiers()) {
            combo.add(modifier(modifier));
        }
        combo.add(key(request.key()));
        send(String.join("+", combo));
    }

    void hotkey(KeyboardHotkeyRequest request) {
        requireNonNull(request, "request is null");
        String keys = request.keys();
        if (keys == null || keys.isBlank()) {
            throw new ServiceException(ErrorCode.BAD_REQUEST, "keys is required, e.g. ctrl+c");
        }
        String[] parts = keys.strip().split("\\s*\\+\\s*");
        List<String> combo = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            combo.add(!last ? modifierOrKey(part) : key(part));
        }
        send(String.join("+", combo));
    }

    /** The keysym or modifier for one key name; what the SDKs call a key. */
    static String key(String key) {
        if (key == null || key.isEmpty()) {
            throw new ServiceException(ErrorCode.BAD_REQUEST, "key is required, e.g. Enter or a");
        }
        if (key.codePointCount(0, key.length()) == 1 && !Character.isLetterOrDigit(key.codePointAt(0))) {
            // One punctuation character: xdotool takes its keysym name, e.g. "comma".
            return punctuation(key);
        }
        String lower = key.toLowerCase(Locale.ROOT);
        if (NAMES.containsKey(lower)) {
            return NAMES.get(lower);
        }
        if (MODIFIERS.containsKey(lower)) {
            return MODIFIERS.get(lower);
        }
        if (lower.matches("f([1-9]|1[0-9]|2[0-4])")) {
            return "F" + lower.substring(1);
        }
        if (key.codePointCount(0, key.length()) == 1 || KEYSYM.matcher(key).matches()) {
            return key;
        }
        throw new ServiceException(ErrorCode.BAD_REQUEST, "unknown key '" + key + "'");
    }

    private static String modifier(String modifier) {
        String name = modifier == null ? null : MODIFIERS.get(modifier.strip().toLowerCase(Locale.ROOT));
        if (name == null) {
            throw new ServiceException(ErrorCode.BAD_REQUEST, "modifiers must be ctrl, alt, shift or meta, not " + modifier);
        }
        return name;
    }

    private static String modifierOrKey(String part) {
        String name = MODIFIERS.get(part.toLowerCase(Locale.ROOT));
        return name != null ? name : key(part);
    }

    private static String punctuation(String character) {
        return switch (character) {
            case "+" -> "plus";
            case "-" -> "minus";
            case "," -> "comma";
            case "." -> "period";
            case "/" -> "slash";
            case ";" -> "semicolon";
            case "=" -> "equal";
            case " " -> "space";
            default -> character;
        };
    }

    private void send(String combo) {
        desktop.requireDisplay();
        X11Tools.Result result = X11Tools.run(desktop.config(), List.of("xdotool", "key", "--clearmodifiers", combo));
        // xdotool skips a name it does not know and still exits 0; it says so on stderr.
        if (result.exitCode() != 0 || result.stderr().contains("No such key name")) {
            throw new ServiceException(ErrorCode.BAD_REQUEST, "xdotool could not press %s: %s".formatted(combo, result.stderr().strip()));
        }
    }
}
