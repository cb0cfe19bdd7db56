package io.daytona.model.toolbox.computeruse;

/** A point on the display, in pixels from its top left corner. */
public record Position(int x, int y) {}
