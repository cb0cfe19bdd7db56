package io.daytona.controlplane.sandbox;

import static java.util.Objects.requireNonNull;

import io.daytona.model.runner.NetworkPolicy;
import io.daytona.model.runner.RunnerSandboxState;
import java.util.List;
import java.util.Map;
import io.daytona.model.runner.SandboxSpec;
import io.daytona.model.runner.StartedSandbox;
import io.daytona.model.sandbox.SandboxDesiredState;
import io.daytona.model.sandbox.SandboxState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves each sandbox's actual state towards its desired state through the runner, and records
 * every state it enters. API calls only record desired states and wake it; a periodic scan
 * catches everything else, including work left half-done by a crash, because every runner call
 * is idempotent and is simply made again. The same scan runs the {@link LifecycleTimers}.
 */
public final class Reconciler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    private static final int MAX_STEPS = 10;
    private static final Duration OBSERVATION_INTERVAL = Duration.ofSeconds(10);

    private final SandboxRepository repository;
    private final Fleet fleet;
    /** Runners whose containers are being compared with the database, so that a slow runner is not asked twice at once. */
    private final Set<String> observing = ConcurrentHashMap.newKeySet();
    private final Clock clock;
    private final Duration scanInterval;
    private final BlockingQueue<String> wakeups = new LinkedBlockingQueue<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("reconcile-", 0).factory());
    private final Object progress = new Object();
    private final Thread scanner;
    private final LifecycleTimers timers;
    private volatile boolean running = true;
    private Instant nextObservation = Instant.EPOCH;

    private final WarmPool pool;

    public Reconciler(SandboxRepository repository, SandboxRuntime runtime, Clock clock, Duration scanInterval) {
        this(repository, runtime, clock, scanInterval, null);
    }

    /** A reconciler whose scan also keeps the warm pool full ({@code pool} null: no pool), on one runner. */
    public Reconciler(SandboxRepository repository, SandboxRuntime runtime, Clock clock, Duration scanInterval, WarmPool pool) {
        this(repository, Fleet.of(runtime), clock, scanInterval, pool);
    }

    /** A reconciler driving each sandbox through the runner of {@code fleet} that hosts it. */
    public Reconciler(SandboxRepository repository, Fleet fleet, Clock clock, Duration scanInterval, WarmPool pool) {
        this.pool = pool;
        this.repository = requireNonNull(repository, "repository is null");
        this.fleet = requireNonNull(fleet, "fleet is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.scanInterval = requireNonNull(scanInterval, "scanInterval is null");
        this.timers = new LifecycleTimers(repository, clock);
        this.scanner = Thread.ofVirtual().name("reconcile-scanner").unstarted(this::scanLoop);
    }

    public void start() {
        scanner.start();
    }

    /** Asks for a sandbox to be reconciled now rather than at the next scan. */
    public void wake(String sandboxId) {
        wakeups.add(sandboxId);
    }

    /**
     * Waits until the sandbox is settled, has failed, or {@code timeout} passes; returns its
     * latest record.
     */
    public Optional<SandboxRecord> awaitSettled(String sandboxId, Duration timeout) throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        synchronized (progress) {
            while (true) {
                Optional<SandboxRecord> current = repository.findById(sandboxId);
                if (!running || current.isEmpty() || current.get().isSettled() || current.get().state() == SandboxState.ERROR
                        || current.get().state() == SandboxState.BUILD_FAILED) {
                    return current;
                }
                long remaining = Duration.between(clock.instant(), deadline).toMillis();
                if (remaining <= 0) {
                    return current;
                }
                progress.wait(Math.min(remaining, 500));
            }
        }
    }

    private void scanLoop() {
        long nextScan = System.nanoTime();
        while (running) {
            try {
                String woken = wakeups.poll(Math.max(0, nextScan - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (woken != null) {
                    submit(woken);
                    // A steady stream of wake-ups must not starve the scan, and with it the timers.
                    if (System.nanoTime() - nextScan < 0) {
                        continue;
                    }
                }
                nextScan = System.nanoTime() + scanInterval.toNanos();
                scan();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("reconciler scan failed; retrying at the next scan", e);
            }
        }
    }

    /** The periodic scan: lifecycle timers first, so what they decide is acted on at once, then unsettled sandboxes. */
    private void scan() {
        try {
            timers.apply().forEach(this::submit);
        } catch (RuntimeException e) {
            LOG.warn("lifecycle timers failed; retrying at the next scan", e);
        }
        if (pool != null) {
            try {
                pool.refill().forEach(this::submit);
            } catch (RuntimeException e) {
                LOG.warn("could not refill the warm pool; retrying at the next scan", e);
            }
        }
        recordLostRunners();
        repository.findUnsettled().forEach(this::submit);
        observeRunnersIfDue();
    }

    /** Sandboxes of runners that stopped reporting become recoverable errors: nothing can reach them now. */
    private void recordLostRunners() {
        try {
            for (Fleet.LostRunner lost : fleet.detectLost()) {
                List<String> ids = repository.recordRunnerLost(lost.id(), ("Runner %s stopped reporting (last healthcheck: %s); "
                        + "the sandbox's files are on that runner: recover the sandbox once the runner reports again")
                        .formatted(lost.name(), lost.lastChecked() == null ? "never" : lost.lastChecked()), clock.instant());
                if (!ids.isEmpty()) {
                    LOG.warn("runner {} is unresponsive: {} sandbox(es) recorded in error", lost.name(), ids.size());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("could not check the runners' healthchecks; retrying at the next scan", e);
        }
    }

    /**
     * Compares what each reachable runner hosts with what the database says, now and then: a
     * started sandbox whose container no longer runs is recorded as stopped, and containers of
     * sandboxes the database does not place on that runner are removed. Each runner is asked on
     * a thread of its own, so a slow one delays nothing else.
     */
    private void observeRunnersIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextObservation)) {
            return;
        }
        nextObservation = now.plus(OBSERVATION_INTERVAL);
        Map<String, SandboxRuntime> runners;
        try {
            runners = fleet.reachable();
        } catch (RuntimeException e) {
            LOG.warn("could not list the runners to observe: {}", e.getMessage());
            return;
        }
        runners.forEach((runnerId, runtime) -> {
            if (!observing.add(runnerId)) {
                return;
            }
            try {
                workers.submit(() -> {
                    try {
                        observe(runnerId, runtime, now);
                    } finally {
                        observing.remove(runnerId);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                observing.remove(runnerId);
            }
        });
    }

    private void observe(String runnerId, SandboxRuntime runtime, Instant now) {
        try {
            // The database first: a sandbox it lists had its container before the runner is asked.
            List<String> started = repository.startedIds(runnerId);
            List<String> stopped = repository.stoppedIds(runnerId);
            List<String> paused = repository.pausedIds(runnerId);
            Map<String, RunnerSandboxState> hosted = runtime.observe();
            for (String id : started) {
                RunnerSandboxState seen = hosted.getOrDefault(id, RunnerSandboxState.MISSING);
                // Paused by someone else than the platform: its processes are there, so is the sandbox.
                if (inFlight.contains(id) || seen == RunnerSandboxState.RUNNING || seen == RunnerSandboxState.PAUSED) {
                    continue;
                }
                if (seen == RunnerSandboxState.MISSING) {
                    recordVanished(id, SandboxState.STARTED, now);
                } else if (repository.recordStoppedByItself(id, "The sandbox stopped by itself"
                        + runtime.exitDescription(id).map(d -> " (" + d + ")").orElse(" (its main process exited)"), now)) {
                    LOG.warn("sandbox {} stopped by itself; recorded as stopped", id);
                }
            }
            for (String id : stopped) {
                if (!inFlight.contains(id) && !hosted.containsKey(id)) {
                    recordVanished(id, SandboxState.STOPPED, now);
                }
            }
            for (String id : paused) {
                RunnerSandboxState seen = hosted.getOrDefault(id, RunnerSandboxState.MISSING);
                if (inFlight.contains(id) || seen == RunnerSandboxState.PAUSED || seen == RunnerSandboxState.RUNNING) {
                    continue;
                }
                if (seen == RunnerSandboxState.MISSING) {
                    recordVanished(id, SandboxState.PAUSED, now);
                } else if (repository.recordStoppedByItself(id, "The sandbox stopped by itself while paused"
                        + runtime.exitDescription(id).map(d -> " (" + d + ")").orElse(""), now)) {
                    LOG.warn("paused sandbox {} stopped by itself; recorded as stopped", id);
                }
            }
            List<String> removed = runtime.removeOrphans(repository.liveIds(runnerId));
            if (!removed.isEmpty()) {
                LOG.info("removed containers of unknown sandboxes from runner {}: {}", runnerId, removed);
            }
        } catch (Exception e) {
            if (running) {
                LOG.warn("could not compare the sandboxes of runner {} with the database: {}", runnerId, e.getMessage());
            }
        }
    }

    private void recordVanished(String id, SandboxState state, Instant now) {
        Optional<SandboxRecord> backedUp = repository.findById(id)
                .filter(s -> SandboxRecord.BACKUP_COMPLETED.equals(s.backupState()) && s.backupCreatedAt() != null);
        boolean vanished = backedUp.isPresent()
                ? repository.recordVanished(id, state, "The sandbox's container was removed outside the platform; recover restores "
                        + "its files from its backup of " + backedUp.get().backupCreatedAt() + " (later changes are lost)",
                        SandboxState.ARCHIVED, now)
                : repository.recordVanished(id, state, "The sandbox's container was removed outside the platform; recover creates it "
                        + "again from its snapshot over its disk (the files it wrote are kept unless its disk was removed too)", now);
        if (vanished) {
            LOG.warn("the container of sandbox {} vanished; recorded as a recoverable error", id);
        }
    }

    private void submit(String sandboxId) {
        if (!inFlight.add(sandboxId)) {
            return;
        }
        workers.submit(() -> {
            try {
                reconcile(sandboxId);
            } finally {
                inFlight.remove(sandboxId);
                signalProgress();
            }
        });
    }

    private void reconcile(String sandboxId) {
        for (int step = 0; step < MAX_STEPS && running; step++) {
            Optional<SandboxRecord> found = repository.findById(sandboxId);
            if (found.isEmpty() || found.get().isSettled() && !found.get().backupDue() || !needsWork(found.get())) {
                return;
            }
            SandboxRecord sandbox = found.get();
            try {
                if (!act(sandbox)) {
                    return;
                }
            } catch (SandboxSnapshots.BuildFailedException e) {
                LOG.warn("sandbox {}: the build of its image failed: {}", sandboxId, e.getMessage());
                repository.recordState(sandboxId, SandboxState.BUILD_FAILED, e.getMessage(), clock.instant());
                return;
            } catch (Exception e) {
                if (!running) {
                    // Shutting down interrupts runner calls; the work is idempotent and resumes at the next start.
                    LOG.info("sandbox {}: left {} for the next start", sandboxId, sandbox.state().wireValue());
                    return;
                }
                boolean recoverable = !(e instanceof SandboxRuntimeException failure) || failure.recoverable();
                LOG.warn("sandbox {} failed to reach {} (recoverable: {}): {}", sandboxId, sandbox.desiredState().wireValue(),
                        recoverable, e.getMessage());
                repository.recordError(sandboxId, reason(e), recoverable, recoveryState(sandbox), clock.instant());
                return;
            } finally {
                signalProgress();
            }
        }
    }

    private static boolean needsWork(SandboxRecord sandbox) {
        return switch (sandbox.state()) {
            case DESTROYED -> false;
            case ERROR, BUILD_FAILED -> sandbox.desiredState() == SandboxDesiredState.DESTROYED;
            default -> true;
        };
    }

    /** Takes the sandbox one step towards its desired state; false when it can only wait (for another piece of work to end). */
    private boolean act(SandboxRecord sandbox) throws Exception {
        String id = sandbox.id();
        if (sandbox.state() == SandboxState.SNAPSHOTTING) {
            // SandboxService commits the container and ends the state; the container stays as it is.
            return false;
        }
        if (sandbox.isSettled()) {
            // Settled sandboxes come here only for a backup asked for.
            backup(sandbox);
            return true;
        }
        if (sandbox.state() == SandboxState.FORKING) {
            return fork(sandbox);
        }
        if (sandbox.state() == SandboxState.RESIZING) {
            resize(sandbox);
            return true;
        }
        switch (sandbox.desiredState()) {
            case STARTED -> {
                SandboxState entering = switch (sandbox.state()) {
                    case UNKNOWN, CREATING -> SandboxState.CREATING;
                    case ARCHIVED, RESTORING -> SandboxState.RESTORING;
                    case PAUSED, RESUMING -> SandboxState.RESUMING;
                    case PENDING_BUILD, BUILDING_SNAPSHOT -> SandboxState.BUILDING_SNAPSHOT;
                    default -> SandboxState.STARTING;
                };
                repository.recordState(id, entering, null, clock.instant());
                String runnerId = hostFor(sandbox, entering);
                SandboxRuntime runtime = fleet.runtime(runnerId);
                StartedSandbox started = entering == SandboxState.RESTORING
                        ? runtime.ensureRestored(spec(sandbox))
                        : runtime.ensureStarted(spec(sandbox));
                repository.recordStarted(id, runnerId, started.daemonVersion(), clock.instant());
                if (entering == SandboxState.RESTORING) {
                    // The restore used the archive up (the runner deletes it once the sandbox runs).
                    repository.recordBackupState(id, SandboxRecord.NO_BACKUP, clock.instant());
                }
            }
            case PAUSED -> {
                repository.recordState(id, SandboxState.PAUSING, null, clock.instant());
                fleet.runtime(sandbox.runnerId()).ensurePaused(id);
                repository.recordPaused(id, clock.instant());
            }
            case ARCHIVED -> {
                repository.recordState(id, SandboxState.ARCHIVING, null, clock.instant());
                Instant archivedAt = fleet.runtime(sandbox.runnerId()).ensureArchived(id);
                repository.recordArchived(id, archivedAt, clock.instant());
            }
            case STOPPED -> {
                repository.recordState(id, SandboxState.STOPPING, null, clock.instant());
                fleet.runtime(sandbox.runnerId()).ensureStopped(id, sandbox.forceStop());
                repository.recordStopped(id, clock.instant());
            }
            case DESTROYED -> {
                repository.recordState(id, SandboxState.DESTROYING, null, clock.instant());
                destroy(sandbox);
                repository.recordState(id, SandboxState.DESTROYED, null, clock.instant());
            }
            case RESIZED -> throw new UnsupportedOperationException(
                    "desired state " + sandbox.desiredState().wireValue() + " is not supported yet");
        }
        return true;
    }

    /**
     * A sandbox in {@code forking}: a fork waiting for its files gets its copy of its source's
     * disk (then it is created on it), or is destroyed if deleted meanwhile; a source waits while a
     * fork of it waits, and goes back to its desired state once none does.
     */
    private boolean fork(SandboxRecord sandbox) throws Exception {
        if (!sandbox.forkPending()) {
            if (repository.pendingForks(sandbox.id()) > 0) {
                return false;
            }
            LOG.info("sandbox {}: no fork waits for its files any more; back towards {}", sandbox.id(), sandbox.desiredState().wireValue());
            repository.releaseAbandonedForkSource(sandbox.id(), clock.instant());
            return true;
        }
        if (sandbox.desiredState() == SandboxDesiredState.DESTROYED) {
            repository.cancelFork(sandbox.id(), sandbox.parentId(), clock.instant());
            return true;
        }
        Optional<SandboxRecord> source = repository.findById(sandbox.parentId()).filter(s -> s.state() == SandboxState.FORKING);
        if (source.isEmpty()) {
            repository.endForkCopy(sandbox.id(), sandbox.parentId(), Optional.of("The sandbox it was forked from changed before its files "
                    + "were copied; delete this sandbox and fork again"), clock.instant());
            return true;
        }
        Optional<String> failure = Optional.empty();
        try {
            fleet.runtime(sandbox.runnerId()).ensureForked(sandbox.parentId(),
                    source.get().desiredState() == SandboxDesiredState.PAUSED, spec(sandbox));
        } catch (Exception e) {
            if (!running) {
                throw e;
            }
            failure = Optional.of("Could not copy the files of sandbox %s: %s; delete this sandbox and fork again"
                    .formatted(sandbox.parentId(), reason(e)));
            LOG.warn("fork {} of sandbox {} failed: {}", sandbox.id(), sandbox.parentId(), failure.get());
        }
        repository.endForkCopy(sandbox.id(), sandbox.parentId(), failure, clock.instant());
        return true;
    }

    /**
     * Makes the backup a caller asked for: the sandbox's files go to the archive store while it
     * stays as it is. A failure is recorded on the backup ({@code Error}), not on the sandbox.
     */
    private void backup(SandboxRecord sandbox) throws Exception {
        String id = sandbox.id();
        repository.recordBackupState(id, SandboxRecord.BACKUP_IN_PROGRESS, clock.instant());
        try {
            Instant createdAt = fleet.runtime(sandbox.runnerId()).ensureBackedUp(id, sandbox.state() == SandboxState.PAUSED);
            repository.recordBackedUp(id, createdAt, clock.instant());
        } catch (Exception e) {
            if (!running) {
                throw e;
            }
            LOG.warn("backup of sandbox {} failed: {}", id, reason(e));
            repository.recordBackupState(id, SandboxRecord.BACKUP_ERROR, clock.instant());
        }
    }

    /**
     * The runner a sandbox starts on: the one it is placed on, or one chosen now for a sandbox on
     * none (a create, a restore after archive). A create whose runner cannot be used any more is
     * placed again (its container, if any, is an orphan there); a sandbox with files on a runner
     * stays on it.
     */
    private String hostFor(SandboxRecord sandbox, SandboxState entering) throws Exception {
        if (sandbox.runnerId() == null) {
            return fleet.place(sandbox);
        }
        // A fork's files were copied on its source's runner: it is never placed elsewhere.
        if (entering == SandboxState.CREATING && sandbox.parentId() == null) {
            try {
                fleet.runtime(sandbox.runnerId());
            } catch (SandboxRuntimeException unusable) {
                LOG.info("sandbox {}: runner {} cannot be used ({}); placing it again", sandbox.id(), sandbox.runnerId(),
                        unusable.getMessage());
                return fleet.place(sandbox);
            }
        }
        return sandbox.runnerId();
    }

    /**
     * Removes the sandbox from its runner. A sandbox on no runner (archived, or never placed) has
     * at most an archive, which any runner can delete from the shared store. A sandbox whose
     * runner stopped reporting is recorded destroyed at once: the runner removes the container,
     * which no sandbox then owns, once it is back.
     */
    private void destroy(SandboxRecord sandbox) throws Exception {
        if (sandbox.runnerId() != null) {
            SandboxRuntime runtime;
            try {
                runtime = fleet.runtime(sandbox.runnerId());
            } catch (SandboxRuntimeException unusable) {
                LOG.warn("sandbox {}: destroyed without its runner ({}); the runner removes its container when it is back",
                        sandbox.id(), unusable.getMessage());
                return;
            }
            runtime.ensureDestroyed(sandbox.id());
            return;
        }
        var any = fleet.reachable().values().stream().findFirst();
        if (any.isEmpty()) {
            LOG.warn("sandbox {}: no runner can remove its archive now; recorded destroyed (the archive stays in the store)", sandbox.id());
            return;
        }
        any.get().ensureDestroyed(sandbox.id());
    }

    /**
     * Applies the resources a resize asked for: CPU and memory reach the runner (live if the
     * sandbox runs); disk is only recorded. The sandbox goes back to the state it was in.
     */
    private void resize(SandboxRecord sandbox) throws Exception {
        int cpu = sandbox.resizeCpu() == null ? sandbox.cpu() : sandbox.resizeCpu();
        int memory = sandbox.resizeMemory() == null ? sandbox.memory() : sandbox.resizeMemory();
        int disk = sandbox.resizeDisk() == null ? sandbox.disk() : sandbox.resizeDisk();
        if (cpu != sandbox.cpu() || memory != sandbox.memory()) {
            fleet.runtime(sandbox.runnerId()).ensureResources(sandbox.id(), cpu, memory);
        }
        repository.recordResized(sandbox.id(), cpu, memory, disk,
                sandbox.desiredState() == SandboxDesiredState.STARTED ? SandboxState.STARTED : SandboxState.STOPPED, clock.instant());
    }

    /** The stable state a recover sends the sandbox back to, after it failed on the way to its desired state. */
    static SandboxState recoveryState(SandboxRecord sandbox) {
        return switch (sandbox.state()) {
            case UNKNOWN, CREATING -> SandboxState.UNKNOWN;
            case ARCHIVED, RESTORING -> SandboxState.ARCHIVED;
            case RESIZING -> sandbox.desiredState() == SandboxDesiredState.STARTED ? SandboxState.STARTED : SandboxState.STOPPED;
            default -> SandboxState.STOPPED;
        };
    }

    /** What a runner needs to run the sandbox, its snapshot's name not yet resolved to an image. */
    public static SandboxSpec spec(SandboxRecord sandbox) {
        return new SandboxSpec(sandbox.id(), sandbox.organizationId() == null ? SandboxSpec.WARM_POOL : sandbox.organizationId(),
                sandbox.snapshot(), sandbox.user(), sandbox.env(),
                sandbox.cpu(), sandbox.memory(), sandbox.disk(),
                new NetworkPolicy(sandbox.networkBlockAll(), NetworkAllowList.parse(sandbox.networkAllowList())));
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private void signalProgress() {
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    @Override
    public void close() {
        running = false;
        scanner.interrupt();
        // Like a crash: runner calls under way are interrupted, and picked up again at the next start.
        workers.shutdownNow();
        signalProgress();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
