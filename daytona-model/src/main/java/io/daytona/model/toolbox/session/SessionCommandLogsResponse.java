package io.daytona.model.toolbox.session;

/** The logs of a session command so far: combined, stdout and stderr. */
public record SessionCommandLogsResponse(String output, String stdout, String stderr) {}
