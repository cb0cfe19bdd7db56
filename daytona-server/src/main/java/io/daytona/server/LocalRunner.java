package io.daytona.server;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.sandbox.SandboxRuntime;
import io.daytona.model.runner.NetworkPolicy;
import io.daytona.model.runner.RunnerSandboxState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.daytona.model.runner.SandboxSpec;
import io.daytona.model.runner.StartedSandbox;
import io.daytona.runner.SandboxRunner;

/** The control plane's view of the runner living in the same process. */
final class LocalRunner implements SandboxRuntime {
    /** Long enough that a container being created is never taken for an orphan. */
    private static final Duration ORPHAN_GRACE = Duration.ofMinutes(2);

    private final SandboxRunner runner;

    LocalRunner(SandboxRunner runner) {
        this.runner = requireNonNull(runner, "runner is null");
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
        return runner.ensureStarted(spec);
    }

    @Override
    public void ensureStopped(String sandboxId, boolean force) {
        runner.ensureStopped(sandboxId, force);
    }

    @Override
    public void ensureDestroyed(String sandboxId) {
        runner.ensureDestroyed(sandboxId);
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
}
