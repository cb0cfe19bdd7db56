package io.daytona.controlplane.sandbox;

import io.daytona.model.runner.NetworkPolicy;
import io.daytona.model.runner.RunnerSandboxState;
import io.daytona.model.runner.SandboxSpec;
import io.daytona.model.runner.StartedSandbox;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A runner in memory: sandboxes are entries that are running or not. Records what it was asked. */
public final class FakeRuntime implements SandboxRuntime {
    public final Map<String, Boolean> running = new ConcurrentHashMap<>();
    public final List<Set<String>> orphanChecks = new CopyOnWriteArrayList<>();
    /** Every stop asked, as {@code id} or {@code id (forced)}, in order. */
    public final List<String> stops = new CopyOnWriteArrayList<>();
    public volatile boolean failStarts;
    public volatile boolean failArchives;
    /** When set, archives wait for it: a test holds a sandbox in state archiving. */
    public volatile java.util.concurrent.CountDownLatch archiveGate;
    /** Sandboxes whose files are in the (pretend) archive store, which fakes of several runners may share. */
    public final Set<String> archived;
    private final String id;
    /** What {@link #health()} answers; empty by default. */
    public volatile java.util.Optional<io.daytona.model.runner.RunnerHealthcheck> health = java.util.Optional.empty();

    public FakeRuntime() {
        this("fake", ConcurrentHashMap.newKeySet());
    }

    /** The fake of runner {@code id}, whose archives are in {@code archiveStore}. */
    public FakeRuntime(String id, Set<String> archiveStore) {
        this.id = id;
        this.archived = archiveStore;
    }
    /** The last CPU/memory applied to each sandbox, as {@code cpu/memory}. */
    public final Map<String, String> resources = new ConcurrentHashMap<>();
    /** Images committed, with the sandbox each was made of. */
    public final Map<String, String> commits = new ConcurrentHashMap<>();
    /** When set, commits wait for it: a test holds a sandbox in state snapshotting. */
    public volatile java.util.concurrent.CountDownLatch commitGate;
    public volatile boolean failCommits;

    @Override
    public String runnerId() {
        return id;
    }

    @Override
    public java.util.Optional<io.daytona.model.runner.RunnerHealthcheck> health() {
        return health;
    }

    @Override
    public boolean hasImage(String image) {
        return true;
    }

    @Override
    public StartedSandbox ensureStarted(SandboxSpec spec) throws Exception {
        if (failStarts) {
            throw new Exception("engine says no");
        }
        running.put(spec.sandboxId(), true);
        paused.remove(spec.sandboxId());
        return new StartedSandbox(URI.create("http://daemon"), "test");
    }

    @Override
    public void ensureStopped(String sandboxId, boolean force) {
        stops.add(force ? sandboxId + " (forced)" : sandboxId);
        paused.remove(sandboxId);
        running.computeIfPresent(sandboxId, (id, was) -> false);
    }

    @Override
    public void ensureDestroyed(String sandboxId) {
        running.remove(sandboxId);
        paused.remove(sandboxId);
        forks.remove(sandboxId);
    }

    @Override
    public java.time.Instant ensureArchived(String sandboxId) throws Exception {
        java.util.concurrent.CountDownLatch gate = archiveGate;
        if (gate != null) {
            gate.await();
        }
        if (failArchives) {
            throw new SandboxRuntimeException("archive store full", true, null);
        }
        running.remove(sandboxId);
        archived.add(sandboxId);
        return java.time.Instant.parse("2030-01-01T00:00:00Z");
    }

    @Override
    public StartedSandbox ensureRestored(SandboxSpec spec) throws Exception {
        if (!archived.remove(spec.sandboxId())) {
            throw new SandboxRuntimeException("no archive", false, null);
        }
        return ensureStarted(spec);
    }

    /** Every claim, as {@code id env}. */
    public final List<String> claims = new CopyOnWriteArrayList<>();

    @Override
    public void claim(SandboxSpec spec, int poolCpu, int poolMemoryGiB) {
        claims.add(spec.sandboxId() + " " + spec.env());
        resources.put(spec.sandboxId(), spec.cpu() + "/" + spec.memoryGiB());
    }

    @Override
    public void commit(String sandboxId, String image) throws Exception {
        var gate = commitGate;
        if (gate != null) {
            gate.await();
        }
        if (failCommits) {
            throw new SandboxRuntimeException("no space left on device", true, null);
        }
        commits.put(image, sandboxId);
    }

    /** Sandboxes whose processes are frozen. */
    public final Set<String> paused = ConcurrentHashMap.newKeySet();
    /** Forks made, fork id to source id. */
    public final Map<String, String> forks = new ConcurrentHashMap<>();
    /** Sandboxes backed up, with how many times. */
    public final Map<String, Integer> backups = new ConcurrentHashMap<>();
    /** When set, pauses, forks and backups wait for it: a test holds a sandbox in state pausing or forking. */
    public volatile java.util.concurrent.CountDownLatch transitionGate;
    public volatile boolean failForks;
    public volatile boolean failBackups;

    private void awaitGate() throws InterruptedException {
        var gate = transitionGate;
        if (gate != null) {
            gate.await();
        }
    }

    @Override
    public void ensurePaused(String sandboxId) throws Exception {
        awaitGate();
        if (!Boolean.TRUE.equals(running.get(sandboxId))) {
            throw new SandboxRuntimeException("Sandbox " + sandboxId + " is not running, so it cannot be paused", true, null);
        }
        paused.add(sandboxId);
    }

    @Override
    public void ensureForked(String sourceId, boolean sourcePaused, SandboxSpec fork) throws Exception {
        awaitGate();
        if (failForks) {
            throw new SandboxRuntimeException("no space left on device", true, null);
        }
        if (!running.containsKey(sourceId)) {
            throw new SandboxRuntimeException("Sandbox " + sourceId + " has no container on this runner", false, null);
        }
        forks.put(fork.sandboxId(), sourceId);
    }

    @Override
    public java.time.Instant ensureBackedUp(String sandboxId, boolean paused) throws Exception {
        awaitGate();
        if (failBackups) {
            throw new SandboxRuntimeException("archive store full", true, null);
        }
        backups.merge(sandboxId, 1, Integer::sum);
        archived.add(sandboxId);
        return java.time.Instant.parse("2030-01-02T00:00:00Z");
    }

    @Override
    public void ensureResources(String sandboxId, int cpu, int memoryGiB) {
        resources.put(sandboxId, cpu + "/" + memoryGiB);
    }

    @Override
    public Map<String, RunnerSandboxState> observe() {
        Map<String, RunnerSandboxState> states = new ConcurrentHashMap<>();
        running.forEach((id, up) -> states.put(id, paused.contains(id) ? RunnerSandboxState.PAUSED
                : up ? RunnerSandboxState.RUNNING : RunnerSandboxState.STOPPED));
        return states;
    }

    @Override
    public List<String> removeOrphans(Set<String> known) {
        orphanChecks.add(Set.copyOf(known));
        return List.of();
    }

    @Override
    public void applyNetwork(String sandboxId, NetworkPolicy policy) {
        // no network in a fake
    }
}
