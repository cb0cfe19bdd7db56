package io.daytona.model.toolbox.computeruse;

/**
 * The answer to {@code GET /computeruse/process/{processName}/status}.
 *
 * @param processName the process asked about
 * @param running whether it is alive now
 */
public record ProcessStatusResponse(String processName, boolean running) {}
