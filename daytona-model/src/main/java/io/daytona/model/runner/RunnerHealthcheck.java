package io.daytona.model.runner;

import java.util.List;

/**
 * {@code POST /api/runners/healthcheck}: a runner's periodic report. {@code capacity} is this
 * platform's addition to the reference's body: the capacity the runner's operator declared
 * (absent: not limited).
 *
 * @param apiUrl where the control plane (and the proxy) reach the runner's API
 */
public record RunnerHealthcheck(RunnerHealthMetrics metrics, List<RunnerServiceHealth> serviceHealth, String domain, String proxyUrl,
                                String apiUrl, String appVersion, RunnerCapacity capacity) {
    public RunnerHealthcheck {
        serviceHealth = serviceHealth == null ? List.of() : List.copyOf(serviceHealth);
    }

    /** Whether every service the runner reported on is healthy. */
    public boolean healthy() {
        return serviceHealth.stream().allMatch(RunnerServiceHealth::healthy);
    }
}
