package io.daytona.runner;

import static java.util.Objects.requireNonNull;

import io.daytona.runner.engine.OciRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of one runner.
 *
 * @param runnerId this runner's id, written on every container it owns
 * @param daemonPort the port the daemon listens on inside sandboxes
 * @param daemonStartTimeout how long a sandbox's daemon may take to answer after start
 * @param stopGrace how long stop waits for processes to exit before killing them
 * @param pidsLimit the most processes one sandbox may run
 * @param dataDirectory the runner's own directory (sandbox disks, their mounts, the runtime's
 *     script); when empty, sandboxes are made from images directly and their disk is not limited
 *     (a runner that cannot mount filesystems, and the daemon's training run)
 * @param runtime the OCI runtime sandboxes run on
 */
public record RunnerConfig(String runnerId, int daemonPort, Duration daemonStartTimeout, Duration stopGrace, long pidsLimit,
                           Optional<Path> dataDirectory, OciRuntime runtime) {
    public RunnerConfig {
        requireNonNull(runnerId, "runnerId is null");
        requireNonNull(daemonStartTimeout, "daemonStartTimeout is null");
        requireNonNull(stopGrace, "stopGrace is null");
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(runtime, "runtime is null");
        if (runtime.isGvisor() && dataDirectory.isEmpty()) {
            throw new IllegalArgumentException("the runsc runtime needs the runner's data directory (its sandboxes run on prepared root filesystems)");
        }
    }

    public static RunnerConfig defaults(String runnerId) {
        return new RunnerConfig(runnerId, 2280, Duration.ofSeconds(60), Duration.ofSeconds(10), 4096, Optional.empty(), OciRuntime.crun());
    }

    /** These settings with sandbox disks (and their mounts) under {@code directory}. */
    public RunnerConfig withDataDirectory(Path directory) {
        return new RunnerConfig(runnerId, daemonPort, daemonStartTimeout, stopGrace, pidsLimit, Optional.of(directory), runtime);
    }

    public RunnerConfig withRuntime(OciRuntime value) {
        return new RunnerConfig(runnerId, daemonPort, daemonStartTimeout, stopGrace, pidsLimit, dataDirectory, value);
    }

    /** A runtime slower to start than crun (gVisor) gets more time for the daemon's first answer. */
    public RunnerConfig withDaemonStartTimeout(Duration value) {
        return new RunnerConfig(runnerId, daemonPort, value, stopGrace, pidsLimit, dataDirectory, runtime);
    }
}
