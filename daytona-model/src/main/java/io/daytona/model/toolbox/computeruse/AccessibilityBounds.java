package io.daytona.model.toolbox.computeruse;

/** Where a widget is on the screen, in pixels. */
public record AccessibilityBounds(int x, int y, int width, int height) {}
