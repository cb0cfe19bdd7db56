package io.daytona.server;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.sandbox.SandboxRuntime;
import io.daytona.model.runner.NetworkPolicy;
import io.daytona.model.runner.SandboxSpec;
import io.daytona.model.runner.StartedSandbox;
import io.daytona.runner.SandboxRunner;

/** The control plane's view of the runner living in the same process. */
final class LocalRunner implements SandboxRuntime {
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
    public void ensureStopped(String sandboxId) {
        runner.ensureStopped(sandboxId);
    }

    @Override
    public void ensureDestroyed(String sandboxId) {
        runner.ensureDestroyed(sandboxId);
    }

    @Override
    public void applyNetwork(String sandboxId, NetworkPolicy policy) throws Exception {
        runner.applyNetwork(sandboxId, policy);
    }
}
