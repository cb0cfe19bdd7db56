package io.daytona.model.toolbox.pty;

/** The body of {@code POST /process/pty/{id}/resize}. */
public record PtyResizeRequest(Integer cols, Integer rows) {}
