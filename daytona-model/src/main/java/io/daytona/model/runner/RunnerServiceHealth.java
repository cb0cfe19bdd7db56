package io.daytona.model.runner;

/** The health of one service a runner depends on (its container engine). */
public record RunnerServiceHealth(String serviceName, boolean healthy, String errorReason) {}
