package io.daytona.model.toolbox.computeruse;

/** The answer to {@code POST /computeruse/mouse/drag}: where the pointer was released. */
public record MouseDragResponse(int x, int y) {}
