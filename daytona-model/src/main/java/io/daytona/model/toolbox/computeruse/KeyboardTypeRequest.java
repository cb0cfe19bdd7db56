package io.daytona.model.toolbox.computeruse;

/**
 * The body of {@code POST /computeruse/keyboard/type}.
 *
 * @param text what to type, any Unicode text
 * @param delay milliseconds between keystrokes; absent for the default
 */
public record KeyboardTypeRequest(String text, Integer delay) {}
