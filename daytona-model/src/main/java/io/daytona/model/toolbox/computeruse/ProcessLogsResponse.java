package io.daytona.model.toolbox.computeruse;

/**
 * The answer to {@code GET /computeruse/process/{processName}/logs}.
 *
 * @param processName the process asked about
 * @param logs the end of what it wrote to stdout
 */
public record ProcessLogsResponse(String processName, String logs) {}
