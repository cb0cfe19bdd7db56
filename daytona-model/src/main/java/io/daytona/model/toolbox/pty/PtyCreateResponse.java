package io.daytona.model.toolbox.pty;

/** The answer of {@code POST /process/pty}. */
public record PtyCreateResponse(String sessionId) {}
