package io.daytona.server;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.sandbox.SandboxRuntime;
import io.daytona.controlplane.sandbox.SandboxRuntimeException;
import io.daytona.model.runner.NetworkPolicy;
import io.daytona.model.runner.RunnerSandboxState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import io.daytona.model.runner.SandboxSpec;
import io.daytona.model.runner.StartedSandbox;
import io.daytona.runner.SandboxRunner;
import io.daytona.runner.SandboxRunnerException;
import io.daytona.runner.engine.ContainerEngine;
import io.daytona.runner.health.HostMetrics;
import io.daytona.model.runner.RunnerHealthcheck;
import java.nio.file.Path;

/** The control plane's view of the runner living in the same process. */
final class LocalRunner implements SandboxRuntime {
    /** Long enough that a container being created is never taken for an orphan. */
    private static final Duration ORPHAN_GRACE = Duration.ofMinutes(2);

    private final SandboxRunner runner;
    private final HostMetrics metrics;

    LocalRunner(SandboxRunner runner, ContainerEngine engine, Path dataDirectory) {
        this.runner = requireNonNull(runner, "runner is null");
        this.metrics = new HostMetrics(engine, runner.runnerId(), dataDirectory, Optional.empty());
    }

    /** The host and the runner's containers, measured as a runner process measures itself for its healthcheck. */
    @Override
    public Optional<RunnerHealthcheck> health() {
        String version = LocalRunner.class.getPackage().getImplementationVersion();
        return Optional.of(metrics.measure(null, version == null ? "dev" : version));
    }

    @Override
    public String runnerId() {
        return runner.runnerId();
    }

    @Override
    public boolean hasImage(String image) {
        return runner.hasImage(image);
    }

    @Override
    public StartedSandbox ensureStarted(SandboxSpec spec) throws Exception {
        try {
            return runner.ensureStarted(spec);
        } catch (SandboxRunnerException e) {
            throw translate(e);
        }
    }

    @Override
    public void ensureStopped(String sandboxId, boolean force) {
        runner.ensureStopped(sandboxId, force);
    }

    @Override
    public void ensureDestroyed(String sandboxId) throws Exception {
        try {
            runner.ensureDestroyed(sandboxId);
        } catch (SandboxRunnerException e) {
            throw translate(e);
        }
    }

    @Override
    public Instant ensureArchived(String sandboxId) throws Exception {
        try {
            return runner.ensureArchived(sandboxId).createdAt();
        } catch (SandboxRunnerException e) {
            throw translate(e);
        }
    }

    @Override
    public StartedSandbox ensureRestored(SandboxSpec spec) throws Exception {
        try {
            return runner.ensureRestored(spec);
        } catch (SandboxRunnerException e) {
            throw translate(e);
        }
    }

    @Override
    public void claim(SandboxSpec spec, int poolCpu, int poolMemoryGiB) throws Exception {
        try {
            runner.claim(spec, poolCpu, poolMemoryGiB);
        } catch (SandboxRunnerException e) {
            throw translate(e);
        }
    }

    @Override
    public void commit(String sandboxId, String image) throws Exception {
        try {
            runner.commit(sandboxId, image);
        } catch (SandboxRunnerException e) {
            throw translate(e);
        }
    }

    @Override
    public void ensurePaused(String sandboxId) throws Exception {
        try {
            runner.ensurePaused(sandboxId);
        } catch (SandboxRunnerException e) {
            throw translate(e);
        }
    }

    @Override
    public void ensureForked(String sourceId, boolean sourcePaused, SandboxSpec fork) throws Exception {
        try {
            runner.ensureForked(sourceId, sourcePaused, fork);
        } catch (SandboxRunnerException e) {
            throw translate(e);
        }
    }

    @Override
    public Instant ensureBackedUp(String sandboxId, boolean paused) throws Exception {
        try {
            return runner.ensureBackedUp(sandboxId, paused).createdAt();
        } catch (SandboxRunnerException e) {
            throw translate(e);
        }
    }

    @Override
    public void ensureResources(String sandboxId, int cpu, int memoryGiB) throws Exception {
        try {
            runner.ensureResources(sandboxId, cpu, memoryGiB);
        } catch (SandboxRunnerException e) {
            throw translate(e);
        }
    }

    @Override
    public Optional<String> exitDescription(String sandboxId) {
        return runner.exitDescription(sandboxId);
    }

    @Override
    public Map<String, RunnerSandboxState> observe() {
        return runner.observe();
    }

    @Override
    public List<String> removeOrphans(Set<String> known) {
        return runner.removeOrphans(known, ORPHAN_GRACE);
    }

    @Override
    public void applyNetwork(String sandboxId, NetworkPolicy policy) throws Exception {
        runner.applyNetwork(sandboxId, policy);
    }

    private static SandboxRuntimeException translate(SandboxRunnerException e) {
        return new SandboxRuntimeException(e.getMessage(), e.recoverable(), e);
    }
}
