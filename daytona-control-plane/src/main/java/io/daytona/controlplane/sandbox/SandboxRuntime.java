package io.daytona.controlplane.sandbox;

import io.daytona.model.runner.NetworkPolicy;
import io.daytona.model.runner.RunnerSandboxState;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.daytona.model.runner.SandboxSpec;
import io.daytona.model.runner.StartedSandbox;

/**
 * What the control plane asks of runners. Every call is idempotent: it ensures a state, so the
 * reconciler can repeat it after a crash. A call that fails for good throws a
 * {@link SandboxRuntimeException}, which says whether the sandbox can be recovered. Implemented in-process in the single-JVM server and
 * over the runner's HTTP API when runners are separate.
 */
public interface SandboxRuntime {
    /** The runner that would host new sandboxes. */
    String runnerId();

    /** Whether a snapshot's image can be run. */
    boolean hasImage(String image);

    StartedSandbox ensureStarted(SandboxSpec spec) throws Exception;

    /**
     * Stops the sandbox: its processes get a grace period to exit, or none when {@code force},
     * in which case they are killed at once.
     */
    void ensureStopped(String sandboxId, boolean force) throws Exception;

    /** Removes the sandbox's container and its archive, whichever exist. */
    void ensureDestroyed(String sandboxId) throws Exception;

    /**
     * Moves a stopped sandbox's files to the archive store and frees the runner of it.
     *
     * @return when the archive was made
     */
    java.time.Instant ensureArchived(String sandboxId) throws Exception;

    /** Brings an archived sandbox back onto a runner, files intact, and starts it. */
    StartedSandbox ensureRestored(SandboxSpec spec) throws Exception;

    /**
     * Hands a started warm-pool sandbox to its owner as {@code spec} describes it: environment to
     * its daemon, and limits and network rules where they differ from the pool's.
     */
    void claim(SandboxSpec spec, int poolCpu, int poolMemoryGiB) throws Exception;

    /**
     * Makes {@code image} (with a tag) of the sandbox's filesystem as it is now, on the runner
     * that hosts it; mounted volumes are not part of it.
     */
    void commit(String sandboxId, String image) throws Exception;

    /**
     * Freezes a running sandbox's processes: they keep their memory and use no CPU until
     * {@link #ensureStarted} resumes them.
     */
    void ensurePaused(String sandboxId) throws Exception;

    /**
     * Gives the new sandbox {@code fork} a copy of sandbox {@code sourceId}'s files as they are
     * now, on the runner hosting the source (a running source is paused for the copy); the fork is
     * then started with {@link #ensureStarted}. A fork that has its files already is left alone.
     *
     * @param sourcePaused whether the source is meant to stay paused after the copy (else it runs
     *     on, also when an interrupted copy left it frozen)
     */
    void ensureForked(String sourceId, boolean sourcePaused, SandboxSpec fork) throws Exception;

    /**
     * Copies a sandbox's files to the archive store without stopping it (a backup), so that a
     * later restore or recover can bring them back.
     *
     * @param paused whether the sandbox is meant to stay paused (a running one is paused for the copy of its disk)
     * @return when the backup was made
     */
    java.time.Instant ensureBackedUp(String sandboxId, boolean paused) throws Exception;

    /** Changes a sandbox's CPU and memory: at once if it runs, else from its next start. */
    void ensureResources(String sandboxId, int cpu, int memoryGiB) throws Exception;

    /**
     * Why a sandbox's container stopped without being asked to (exit code, killed for memory),
     * when the runner can tell.
     */
    default java.util.Optional<String> exitDescription(String sandboxId) {
        return java.util.Optional.empty();
    }

    /** The state of every sandbox the runner hosts, by sandbox id. */
    Map<String, RunnerSandboxState> observe() throws Exception;

    /** Removes the runner's containers of sandboxes not in {@code known}; returns their ids. */
    List<String> removeOrphans(Set<String> known) throws Exception;

    /** Replaces a running sandbox's egress rules. */
    void applyNetwork(String sandboxId, NetworkPolicy policy) throws Exception;

    /**
     * What the runner measures of its host, its sandboxes and its engine, for the runners'
     * registry; empty when it cannot tell (the registry then shows no figures). Runners in other
     * processes report by themselves ({@code POST /api/runners/healthcheck}); this serves the one
     * in the control plane's process.
     */
    default java.util.Optional<io.daytona.model.runner.RunnerHealthcheck> health() {
        return java.util.Optional.empty();
    }
}
