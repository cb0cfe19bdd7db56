package io.daytona.model.toolbox.computeruse;

/** The answer to {@code POST /computeruse/mouse/scroll}. */
public record ScrollResponse(boolean success) {}
