package io.daytona.model.toolbox.computeruse;

/**
 * The answer to {@code POST /computeruse/process/{processName}/restart}.
 *
 * @param message what happened, in words
 * @param processName the process restarted
 */
public record ProcessRestartResponse(String message, String processName) {}
