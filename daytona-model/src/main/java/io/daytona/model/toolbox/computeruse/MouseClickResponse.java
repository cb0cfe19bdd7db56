package io.daytona.model.toolbox.computeruse;

/** The answer to {@code POST /computeruse/mouse/click}: where the click happened. */
public record MouseClickResponse(int x, int y) {}
