package io.daytona.model.toolbox.port;

/** Whether something listens on a port in the sandbox. */
public record IsPortInUseResponse(boolean isInUse) {}
