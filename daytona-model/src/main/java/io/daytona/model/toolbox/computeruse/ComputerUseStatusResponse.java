package io.daytona.model.toolbox.computeruse;

/**
 * The answer to {@code GET /computeruse/status} and {@code GET /computeruse/process-status}.
 *
 * @param status {@code active} (every required process runs), {@code partial} (some do) or {@code inactive}
 */
public record ComputerUseStatusResponse(String status) {}
