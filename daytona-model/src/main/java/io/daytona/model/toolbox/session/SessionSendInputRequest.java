package io.daytona.model.toolbox.session;

/** The body of {@code POST .../command/{commandId}/input}: text written to the command's stdin. */
public record SessionSendInputRequest(String data) {}
