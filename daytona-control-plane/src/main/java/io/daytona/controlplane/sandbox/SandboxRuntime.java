package io.daytona.controlplane.sandbox;

import io.daytona.model.runner.NetworkPolicy;
import io.daytona.model.runner.SandboxSpec;
import io.daytona.model.runner.StartedSandbox;

/**
 * What the control plane asks of runners. Every call is idempotent: it ensures a state, so the
 * reconciler can repeat it after a crash. Implemented in-process in the single-JVM server and
 * over the runner's HTTP API when runners are separate.
 */
public interface SandboxRuntime {
    /** The runner that would host new sandboxes. */
    String runnerId();

    /** Whether a snapshot's image can be run. */
    boolean hasImage(String image);

    StartedSandbox ensureStarted(SandboxSpec spec) throws Exception;

    void ensureStopped(String sandboxId) throws Exception;

    void ensureDestroyed(String sandboxId) throws Exception;

    /** Replaces a running sandbox's egress rules. */
    void applyNetwork(String sandboxId, NetworkPolicy policy) throws Exception;
}
