package io.daytona.model.toolbox.computeruse;

/** Where the mouse pointer is ({@code GET /computeruse/mouse/position}, {@code POST .../move}). */
public record MousePositionResponse(int x, int y) {}
