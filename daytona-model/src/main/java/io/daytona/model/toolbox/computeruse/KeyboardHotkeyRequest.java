package io.daytona.model.toolbox.computeruse;

/** The body of {@code POST /computeruse/keyboard/hotkey}: keys joined by {@code +}, e.g. {@code ctrl+shift+t}. */
public record KeyboardHotkeyRequest(String keys) {}
