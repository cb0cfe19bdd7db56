package io.daytona.model.toolbox.session;

/** The body of {@code POST /process/session}: the caller chooses the session's id. */
public record CreateSessionRequest(String sessionId) {}
