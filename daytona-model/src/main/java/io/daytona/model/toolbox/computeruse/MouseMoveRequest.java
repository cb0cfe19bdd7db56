package io.daytona.model.toolbox.computeruse;

/** The body of {@code POST /computeruse/mouse/move}: where to put the pointer. */
public record MouseMoveRequest(Integer x, Integer y) {}
