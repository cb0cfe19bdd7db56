package io.daytona.model.toolbox;

/** The result of {@code POST /process/execute}: exit code and combined stdout and stderr. */
public record ExecuteResponse(int exitCode, String result) {}
