package io.daytona.model.toolbox.computeruse;

/**
 * The answer to {@code GET /computeruse/process/{processName}/errors}.
 *
 * @param processName the process asked about
 * @param errors the end of what it wrote to stderr
 */
public record ProcessErrorsResponse(String processName, String errors) {}
