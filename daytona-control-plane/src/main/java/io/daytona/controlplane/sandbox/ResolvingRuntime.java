package io.daytona.controlplane.sandbox;

import static java.util.Objects.requireNonNull;

import io.daytona.model.runner.NetworkPolicy;
import io.daytona.model.runner.RunnerSandboxState;
import io.daytona.model.runner.SandboxSpec;
import io.daytona.model.runner.StartedSandbox;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The runtime as the reconciler uses it: before a sandbox starts, its snapshot's name becomes the
 * image to run (waiting for a build if one is under way) and its volumes become mounts.
 */
public final class ResolvingRuntime implements SandboxRuntime {
    private final SandboxRuntime runtime;
    private final SandboxSnapshots snapshots;
    private final SandboxVolumes volumes;

    public ResolvingRuntime(SandboxRuntime runtime, SandboxSnapshots snapshots, SandboxVolumes volumes) {
        this.runtime = requireNonNull(runtime, "runtime is null");
        this.snapshots = requireNonNull(snapshots, "snapshots is null");
        this.volumes = requireNonNull(volumes, "volumes is null");
    }

    @Override
    public StartedSandbox ensureStarted(SandboxSpec spec) throws Exception {
        return runtime.ensureStarted(snapshots.resolve(spec).withVolumes(volumes.mounts(spec.sandboxId())));
    }

    @Override
    public String runnerId() {
        return runtime.runnerId();
    }

    @Override
    public boolean hasImage(String image) {
        return runtime.hasImage(image);
    }

    @Override
    public void ensureStopped(String sandboxId, boolean force) throws Exception {
        runtime.ensureStopped(sandboxId, force);
    }

    @Override
    public void ensureDestroyed(String sandboxId) throws Exception {
        runtime.ensureDestroyed(sandboxId);
    }

    @Override
    public Map<String, RunnerSandboxState> observe() throws Exception {
        return runtime.observe();
    }

    @Override
    public List<String> removeOrphans(Set<String> known) throws Exception {
        return runtime.removeOrphans(known);
    }

    @Override
    public void applyNetwork(String sandboxId, NetworkPolicy policy) throws Exception {
        runtime.applyNetwork(sandboxId, policy);
    }

    @Override
    public java.time.Instant ensureArchived(String sandboxId) throws Exception {
        return runtime.ensureArchived(sandboxId);
    }

    /** A restored sandbox gets a new container: its image and volume mounts are resolved as for a start. */
    @Override
    public StartedSandbox ensureRestored(SandboxSpec spec) throws Exception {
        return runtime.ensureRestored(snapshots.resolve(spec).withVolumes(volumes.mounts(spec.sandboxId())));
    }

    @Override
    public void claim(SandboxSpec spec, int poolCpu, int poolMemoryGiB) throws Exception {
        runtime.claim(snapshots.resolve(spec), poolCpu, poolMemoryGiB);
    }

    @Override
    public void commit(String sandboxId, String image) throws Exception {
        runtime.commit(sandboxId, image);
    }

    @Override
    public void ensurePaused(String sandboxId) throws Exception {
        runtime.ensurePaused(sandboxId);
    }

    /** The fork's image is resolved as for a start: the runner checks it is the one below the source's files. */
    @Override
    public void ensureForked(String sourceId, boolean sourcePaused, SandboxSpec fork) throws Exception {
        runtime.ensureForked(sourceId, sourcePaused, snapshots.resolve(fork));
    }

    @Override
    public java.time.Instant ensureBackedUp(String sandboxId, boolean paused) throws Exception {
        return runtime.ensureBackedUp(sandboxId, paused);
    }

    @Override
    public void ensureResources(String sandboxId, int cpu, int memoryGiB) throws Exception {
        runtime.ensureResources(sandboxId, cpu, memoryGiB);
    }

    @Override
    public java.util.Optional<String> exitDescription(String sandboxId) {
        return runtime.exitDescription(sandboxId);
    }

    @Override
    public java.util.Optional<io.daytona.model.runner.RunnerHealthcheck> health() {
        return runtime.health();
    }
}
