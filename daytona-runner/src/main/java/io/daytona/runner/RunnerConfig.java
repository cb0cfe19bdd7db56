package io.daytona.runner;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Settings of one runner.
 *
 * @param runnerId this runner's id, written on every container it owns
 * @param daemonPort the port the daemon listens on inside sandboxes
 * @param daemonStartTimeout how long a sandbox's daemon may take to answer after start
 * @param stopGrace how long stop waits for processes to exit before killing them
 * @param pidsLimit the most processes one sandbox may run
 */
public record RunnerConfig(String runnerId, int daemonPort, Duration daemonStartTimeout, Duration stopGrace, long pidsLimit) {
    public RunnerConfig {
        requireNonNull(runnerId, "runnerId is null");
        requireNonNull(daemonStartTimeout, "daemonStartTimeout is null");
        requireNonNull(stopGrace, "stopGrace is null");
    }

    public static RunnerConfig defaults(String runnerId) {
        return new RunnerConfig(runnerId, 2280, Duration.ofSeconds(60), Duration.ofSeconds(10), 4096);
    }
}
