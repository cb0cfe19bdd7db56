package io.daytona.controlplane.sandbox;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.auth.ApiKeys;
import io.daytona.controlplane.auth.Caller;
import io.daytona.http.ServiceException;
import io.daytona.model.runner.NetworkPolicy;
import io.daytona.model.sandbox.CreateSandbox;
import io.daytona.model.sandbox.ResizeSandbox;
import io.daytona.model.sandbox.UpdateSandboxNetworkSettings;
import io.daytona.model.sandbox.SandboxDesiredState;
import io.daytona.model.sandbox.SandboxState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.UUID;

/** Sandbox use cases: validate, record the desired state, wake the reconciler. Never touches a container. */
public final class SandboxService {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxService.class);
    /** How long create waits for the sandbox to start before answering with its current state. */
    static final Duration CREATE_WAIT = Duration.ofSeconds(30);

    private final SandboxRepository repository;
    private final Reconciler reconciler;
    private final Fleet fleet;
    private final SandboxRegions regions;
    private final SandboxDefaults defaults;
    private final SandboxActivity activity;
    private final Clock clock;
    private final WarmPool pool;
    private final SandboxSnapshots snapshots;
    private final SandboxVolumes volumes;
    private final SandboxQuota quota;

    /** A service whose snapshots are the engine's images and which has no volumes. */
    public SandboxService(SandboxRepository repository, Reconciler reconciler, SandboxRuntime runtime,
                          SandboxDefaults defaults, SandboxActivity activity, Clock clock) {
        this(repository, reconciler, runtime, defaults, activity, clock, null, SandboxQuota.unlimited());
    }

    /** A service that serves creates with default parameters from {@code pool} when it can (null: never). */
    public SandboxService(SandboxRepository repository, Reconciler reconciler, SandboxRuntime runtime,
                          SandboxDefaults defaults, SandboxActivity activity, Clock clock, WarmPool pool) {
        this(repository, reconciler, runtime, defaults, activity, clock, SandboxSnapshots.images(runtime, defaults), SandboxVolumes.NONE, pool,
                SandboxQuota.unlimited());
    }

    /** With the organizations' quotas checked on create, start and resize, and no snapshots service. */
    public SandboxService(SandboxRepository repository, Reconciler reconciler, SandboxRuntime runtime,
                          SandboxDefaults defaults, SandboxActivity activity, Clock clock, WarmPool pool, SandboxQuota quota) {
        this(repository, reconciler, runtime, defaults, activity, clock, SandboxSnapshots.images(runtime, defaults), SandboxVolumes.NONE, pool,
                quota);
    }

    public SandboxService(SandboxRepository repository, Reconciler reconciler, SandboxRuntime runtime,
                          SandboxDefaults defaults, SandboxActivity activity, Clock clock,
                          SandboxSnapshots snapshots, SandboxVolumes volumes) {
        this(repository, reconciler, runtime, defaults, activity, clock, snapshots, volumes, null, SandboxQuota.unlimited());
    }

    /** Snapshots, volumes, the warm pool (null: none) and the organizations' quotas, on one runner in the default region. */
    public SandboxService(SandboxRepository repository, Reconciler reconciler, SandboxRuntime runtime,
                          SandboxDefaults defaults, SandboxActivity activity, Clock clock,
                          SandboxSnapshots snapshots, SandboxVolumes volumes, WarmPool pool, SandboxQuota quota) {
        this(repository, reconciler, Fleet.of(runtime), SandboxRegions.only(defaults.defaultRegion()), defaults, activity, clock,
                snapshots, volumes, pool, quota);
    }

    /** The full service: sandboxes placed on the runners of {@code fleet}, in the regions {@code regions} resolves. */
    public SandboxService(SandboxRepository repository, Reconciler reconciler, Fleet fleet, SandboxRegions regions,
                          SandboxDefaults defaults, SandboxActivity activity, Clock clock,
                          SandboxSnapshots snapshots, SandboxVolumes volumes, WarmPool pool, SandboxQuota quota) {
        this.fleet = requireNonNull(fleet, "fleet is null");
        this.regions = requireNonNull(regions, "regions is null");
        this.snapshots = requireNonNull(snapshots, "snapshots is null");
        this.volumes = requireNonNull(volumes, "volumes is null");
        this.pool = pool;
        this.quota = requireNonNull(quota, "quota is null");
        this.repository = requireNonNull(repository, "repository is null");
        this.reconciler = requireNonNull(reconciler, "reconciler is null");
        this.defaults = requireNonNull(defaults, "defaults is null");
        this.activity = requireNonNull(activity, "activity is null");
        this.clock = requireNonNull(clock, "clock is null");
        int interrupted = repository.endInterruptedSnapshots(clock.instant());
        if (interrupted > 0) {
            LOG.info("{} sandboxes were snapshotting when the server stopped; they are back in their desired state", interrupted);
        }
    }

    /**
     * Starts a snapshot of a started or stopped sandbox's filesystem, named {@code request.name()}:
     * the sandbox is {@code snapshotting} until the runner has committed its container, then
     * back where it was; the snapshot is {@code pending}, then {@code active} (or {@code error}).
     */
    public SandboxRecord snapshot(Caller caller, String idOrName, io.daytona.model.sandbox.CreateSandboxSnapshot request) {
        if (request == null || request.name() == null || request.name().isBlank()) {
            throw ServiceException.badRequest("send {\"name\": \"my-snapshot\"}, the name of the snapshot to make");
        }
        if (Boolean.TRUE.equals(request.includeMemory())) {
            throw ServiceException.badRequest("includeMemory is not supported: a snapshot holds the sandbox's files, not its memory");
        }
        SandboxRecord sandbox = get(caller, idOrName);
        SandboxState settled = sandbox.state();
        boolean stable = settled == SandboxState.STARTED && sandbox.desiredState() == SandboxDesiredState.STARTED
                || settled == SandboxState.STOPPED && sandbox.desiredState() == SandboxDesiredState.STOPPED;
        if (!stable) {
            throw ServiceException.conflict("Sandbox %s is %s; snapshot a started or stopped sandbox once its state change has finished",
                    sandbox.id(), SandboxViews.shownState(sandbox).wireValue());
        }
        var commit = snapshots.reserveCommit(caller.organizationId(), request.name(), sandbox.snapshot(),
                sandbox.cpu(), sandbox.memory(), sandbox.disk());
        if (!repository.requestSnapshotting(sandbox.id(), settled, clock.instant())) {
            snapshots.commitFinished(commit, Optional.of("the sandbox changed state before its snapshot began"));
            throw ServiceException.conflict("Sandbox state change in progress; wait for it to finish and try again");
        }
        Thread.ofVirtual().name("snapshot-of-" + sandbox.id()).start(() -> commit(sandbox.id(), sandbox.runnerId(), settled, commit));
        return repository.findById(sandbox.id()).orElseThrow();
    }

    private void commit(String sandboxId, String runnerId, SandboxState back, SandboxSnapshots.PendingCommit commit) {
        Optional<String> failure = Optional.empty();
        try {
            fleet.runtime(runnerId).commit(sandboxId, commit.image());
        } catch (Exception e) {
            failure = Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            LOG.warn("snapshot of sandbox {} failed: {}", sandboxId, failure.get());
        }
        try {
            // The snapshot settles first, so that a client seeing the sandbox back finds the snapshot final.
            snapshots.commitFinished(commit, failure);
        } finally {
            repository.endSnapshotting(sandboxId, back, clock.instant());
            reconciler.wake(sandboxId);
        }
    }

    public SandboxRecord create(Caller caller, CreateSandbox request) throws InterruptedException {
        CreateSandboxValidator.validate(request, defaults);
        volumes.check(caller.organizationId(), request.volumes());
        if (request.buildInfo() != null && request.snapshot() != null && !request.snapshot().isBlank()) {
            throw ServiceException.badRequest("send either snapshot or buildInfo, not both");
        }
        String region = regions.resolve(caller.organizationId(), request.target());
        String id = UUID.randomUUID().toString();
        String name = request.name() == null ? id : request.name();
        if (repository.nameTaken(caller.organizationId(), name)) {
            throw ServiceException.conflict("Sandbox with name %s already exists; choose another name or delete it", name);
        }
        String named = request.snapshot() == null || request.snapshot().isBlank() ? defaults.defaultSnapshot() : request.snapshot();
        SandboxSnapshots.Resources resources = resources(caller, request, named);
        quota.checkCreate(caller.organizationId(), resources.cpu(), resources.memory(), resources.disk());
        String snapshot = request.buildInfo() != null
                ? snapshots.build(caller.organizationId(), request.buildInfo())
                : snapshots.use(caller.organizationId(), named);
        boolean poolable = pool != null && region.equals(defaults.defaultRegion()) && pool.canServe(request, snapshot);
        Instant now = clock.instant();
        SandboxRecord record = new SandboxRecord(id, caller.organizationId(), name, snapshot,
                Objects.requireNonNullElse(request.user(), SandboxDefaults.DEFAULT_USER),
                Objects.requireNonNullElse(request.env(), Map.of()),
                Objects.requireNonNullElse(request.labels(), Map.of()),
                Boolean.TRUE.equals(request.isPublic()),
                Boolean.TRUE.equals(request.networkBlockAll()),
                request.networkAllowList() == null || request.networkAllowList().isBlank()
                        ? null : String.join(",", NetworkAllowList.parse(request.networkAllowList())),
                region,
                resources.cpu(),
                0,
                resources.memory(),
                resources.disk(),
                request.buildInfo() != null ? SandboxState.PENDING_BUILD : SandboxState.UNKNOWN,
                SandboxDesiredState.STARTED,
                null,
                false,
                Objects.requireNonNullElse(request.autoStopInterval(), SandboxDefaults.DEFAULT_AUTO_STOP),
                defaults.resolveAutoArchiveInterval(Objects.requireNonNullElse(request.autoArchiveInterval(), SandboxDefaults.DEFAULT_AUTO_ARCHIVE)),
                Objects.requireNonNullElse(request.autoDeleteInterval(), SandboxDefaults.DEFAULT_AUTO_DELETE),
                null,
                null,
                ApiKeys.randomToken(32),
                now,
                now,
                now,
                false);
        if (poolable) {
            Optional<SandboxRecord> claimed = claimFromPool(record);
            if (claimed.isPresent()) {
                return claimed.get();
            }
        }
        fleet.requireRoom(region, record.cpu(), record.memory(), record.disk());
        try {
            repository.insert(record);
        } catch (RuntimeException e) {
            if (repository.nameTaken(caller.organizationId(), name)) {
                throw ServiceException.conflict("Sandbox with name %s already exists; choose another name or delete it", name);
            }
            throw e;
        }
        volumes.attach(id, request.volumes());
        reconciler.wake(id);
        if (request.buildInfo() != null) {
            // The official SDKs stream build logs only when create answers pending_build.
            return record;
        }
        return reconciler.awaitSettled(id, CREATE_WAIT).orElse(record);
    }

    /**
     * A sandbox's resources: those of the request, else those of its snapshot (a snapshot is
     * created with the resources its sandboxes need), else the defaults. A build's sandbox takes
     * the request's or the defaults.
     */
    private SandboxSnapshots.Resources resources(Caller caller, CreateSandbox request, String snapshot) {
        var fromSnapshot = request.buildInfo() == null ? snapshots.resources(caller.organizationId(), snapshot) : Optional.<SandboxSnapshots.Resources>empty();
        return new SandboxSnapshots.Resources(
                Objects.requireNonNullElse(request.cpu(), fromSnapshot.map(SandboxSnapshots.Resources::cpu).orElse(SandboxDefaults.DEFAULT_CPU)),
                Objects.requireNonNullElse(request.memory(), fromSnapshot.map(SandboxSnapshots.Resources::memory).orElse(SandboxDefaults.DEFAULT_MEMORY)),
                Objects.requireNonNullElse(request.disk(), fromSnapshot.map(SandboxSnapshots.Resources::disk).orElse(SandboxDefaults.DEFAULT_DISK)));
    }

    /**
     * Takes a started sandbox from the warm pool for {@code wanted} and applies its settings; the
     * reconciler finishes the job if this process dies half-way (the claimed row is {@code starting}).
     */
    private Optional<SandboxRecord> claimFromPool(SandboxRecord wanted) {
        Optional<SandboxRecord> claimed;
        try {
            claimed = repository.claimPooled(wanted);
        } catch (RuntimeException e) {
            if (repository.nameTaken(wanted.organizationId(), wanted.name())) {
                throw ServiceException.conflict("Sandbox with name %s already exists; choose another name or delete it", wanted.name());
            }
            throw e;
        }
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        SandboxRecord sandbox = claimed.get();
        try {
            fleet.runtime(sandbox.runnerId()).claim(Reconciler.spec(sandbox), SandboxDefaults.DEFAULT_CPU, SandboxDefaults.DEFAULT_MEMORY);
            repository.recordStarted(sandbox.id(), sandbox.runnerId(), sandbox.daemonVersion(), clock.instant());
        } catch (Exception e) {
            // The reconciler starts it again the ordinary way, which applies the settings too.
            LOG.warn("sandbox {} claimed from the warm pool could not take its settings at once: {}", sandbox.id(), e.getMessage());
        }
        reconciler.wake(sandbox.id());
        return repository.findById(sandbox.id());
    }

    public SandboxRecord get(Caller caller, String idOrName) {
        return repository.findLive(caller.organizationId(), idOrName)
                .orElseThrow(() -> ServiceException.notFound("Sandbox with ID or name %s not found", idOrName));
    }

    public List<SandboxRecord> list(Caller caller) {
        return repository.listLive(caller.organizationId());
    }

    public SandboxRecord start(Caller caller, String idOrName) {
        SandboxRecord sandbox = get(caller, idOrName);
        if (sandbox.state() == SandboxState.STARTED && sandbox.desiredState() == SandboxDesiredState.STARTED) {
            return sandbox;
        }
        if (sandbox.state() == SandboxState.ERROR) {
            throw ServiceException.badRequest(sandbox.recoverable()
                            ? "Sandbox %s is in a recoverable error state (%s); recover it with POST /api/sandbox/%s/recover, or delete it"
                            : "Sandbox %s is in an error state (%s); delete it and create a new one (%s)",
                    sandbox.id(), sandbox.errorReason(), sandbox.recoverable() ? sandbox.id() : "it cannot be recovered");
        }
        if (sandbox.isSettledIn(SandboxState.PAUSED)) {
            // Resuming: a paused sandbox holds its CPU and memory already, so no quota is asked again.
            return request(sandbox, SandboxDesiredState.STARTED);
        }
        boolean archived = sandbox.state() == SandboxState.ARCHIVED && sandbox.desiredState() == SandboxDesiredState.ARCHIVED;
        boolean stopped = sandbox.state() == SandboxState.STOPPED && sandbox.desiredState() == SandboxDesiredState.STOPPED;
        if (!archived && !stopped) {
            throw ServiceException.conflict("Sandbox state change in progress (state %s); wait for it to finish",
                    SandboxViews.shownState(sandbox).wireValue());
        }
        quota.checkStart(sandbox);
        return request(sandbox, SandboxDesiredState.STARTED);
    }

    public SandboxRecord stop(Caller caller, String idOrName) {
        return stop(caller, idOrName, false);
    }

    /**
     * Stops a started sandbox; {@code force} kills its processes at once instead of giving them
     * the grace period. An ephemeral sandbox (auto-delete interval 0) is deleted instead.
     */
    public SandboxRecord stop(Caller caller, String idOrName, boolean force) {
        SandboxRecord sandbox = get(caller, idOrName);
        if (sandbox.state() == SandboxState.STOPPED && sandbox.desiredState() == SandboxDesiredState.STOPPED) {
            return sandbox;
        }
        // A paused sandbox is resumed by the runner for its stop, so that its processes get their grace period.
        if (!sandbox.isSettledIn(SandboxState.STARTED) && !sandbox.isSettledIn(SandboxState.PAUSED)) {
            throw ServiceException.conflict("Sandbox state change in progress (state %s); wait for it to finish",
                    SandboxViews.shownState(sandbox).wireValue());
        }
        if (sandbox.isEphemeral()) {
            return destroy(sandbox);
        }
        if (!repository.requestStop(sandbox.id(), sandbox.state(), sandbox.desiredState(), force, clock.instant())) {
            throw ServiceException.conflict("Sandbox state change in progress; wait for it to finish and try again");
        }
        reconciler.wake(sandbox.id());
        return repository.findById(sandbox.id()).orElseThrow();
    }

    /**
     * Pauses a started sandbox: its processes are frozen (they keep their memory and use no CPU)
     * until {@link #start} resumes them. The answer is the sandbox in state {@code pausing}; pausing
     * a paused sandbox changes nothing.
     */
    public SandboxRecord pause(Caller caller, String idOrName) {
        SandboxRecord sandbox = get(caller, idOrName);
        if (sandbox.isSettledIn(SandboxState.PAUSED)) {
            return sandbox;
        }
        if (!sandbox.isSettledIn(SandboxState.STARTED)) {
            throw ServiceException.conflict("Sandbox %s is %s; only a started sandbox can be paused%s", sandbox.id(),
                    SandboxViews.shownState(sandbox).wireValue(),
                    sandbox.isSettledIn(SandboxState.STOPPED) ? ": start it first" : ": wait for its state change to finish");
        }
        return request(sandbox, SandboxDesiredState.PAUSED);
    }

    /**
     * Forks a started, paused or stopped sandbox: a new sandbox, on the same runner, with a copy
     * of the source's files as they are now (a running source is paused for the copy) and its
     * snapshot, user, environment, labels, network rules, resources and lifecycle intervals. The
     * answer is the fork in state {@code forking}; the source is {@code forking} too until its
     * files are copied, then the fork is created on its copy and started.
     */
    public SandboxRecord fork(Caller caller, String idOrName, io.daytona.model.sandbox.ForkSandbox request) {
        String requestedName = request == null ? null : request.name();
        CreateSandboxValidator.name(requestedName);
        SandboxRecord source = get(caller, idOrName);
        SandboxState settled = source.state();
        if (!source.isSettledIn(SandboxState.STARTED) && !source.isSettledIn(SandboxState.PAUSED)
                && !source.isSettledIn(SandboxState.STOPPED)) {
            throw ServiceException.conflict("Sandbox %s is %s; fork a started, paused or stopped sandbox%s", source.id(),
                    SandboxViews.shownState(source).wireValue(), source.isSettledIn(SandboxState.ARCHIVED)
                            ? " (an archived sandbox's files are in the archive store: start it first)"
                            : " once its state change has finished");
        }
        String id = UUID.randomUUID().toString();
        String name = requestedName == null ? id : requestedName;
        if (repository.nameTaken(caller.organizationId(), name)) {
            throw ServiceException.conflict("Sandbox with name %s already exists; choose another name or delete it", name);
        }
        quota.checkCreate(caller.organizationId(), source.cpu(), source.memory(), source.disk());
        fleet.requireRoomOn(source.runnerId(), source.cpu(), source.memory(), source.disk());
        Instant now = clock.instant();
        SandboxRecord fork = new SandboxRecord(id, caller.organizationId(), name, source.snapshot(), source.user(), source.env(),
                source.labels(), source.isPublic(), source.networkBlockAll(), source.networkAllowList(), source.region(),
                source.cpu(), source.gpu(), source.memory(), source.disk(), SandboxState.FORKING, SandboxDesiredState.STARTED,
                null, false, source.autoStopInterval(), source.autoArchiveInterval(), source.autoDeleteInterval(),
                source.runnerId(), null, ApiKeys.randomToken(32), now, now, now, false, null, SandboxRecord.NO_BACKUP, null,
                null, null, null, source.id(), true);
        boolean inserted;
        try {
            inserted = repository.insertFork(fork, settled, now);
        } catch (RuntimeException e) {
            if (repository.nameTaken(caller.organizationId(), name)) {
                throw ServiceException.conflict("Sandbox with name %s already exists; choose another name or delete it", name);
            }
            throw e;
        }
        if (!inserted) {
            throw ServiceException.conflict("Sandbox state change in progress; wait for it to finish and try again");
        }
        // Volumes are shared, not copied: the fork mounts the source's.
        volumes.attach(id, volumes.of(source.id()));
        reconciler.wake(id);
        return repository.findById(id).orElseThrow();
    }

    /** The sandbox's forks, oldest first; deleted ones too when {@code includeDestroyed}. */
    public List<SandboxRecord> forks(Caller caller, String idOrName, boolean includeDestroyed) {
        return repository.forksOf(caller.organizationId(), get(caller, idOrName).id(), includeDestroyed);
    }

    /** The sandbox this one was forked from; 404 if it was created, or its parent was deleted. */
    public SandboxRecord parent(Caller caller, String idOrName) {
        SandboxRecord sandbox = get(caller, idOrName);
        if (sandbox.parentId() == null) {
            throw ServiceException.notFound("Sandbox %s was not forked from another sandbox: it has no parent", sandbox.id());
        }
        return repository.findInOrganization(caller.organizationId(), sandbox.parentId())
                .filter(parent -> parent.desiredState() != SandboxDesiredState.DESTROYED)
                .orElseThrow(() -> ServiceException.notFound("Sandbox %s was forked from sandbox %s, which was deleted",
                        sandbox.id(), sandbox.parentId()));
    }

    /**
     * The sandbox's ancestors, its parent first, then the parent's parent and so on; deleted
     * ones are left out, and the line goes on through them.
     */
    public List<SandboxRecord> ancestors(Caller caller, String idOrName) {
        SandboxRecord sandbox = get(caller, idOrName);
        List<SandboxRecord> ancestors = new java.util.ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>(List.of(sandbox.id()));
        String next = sandbox.parentId();
        while (next != null && seen.add(next)) {
            Optional<SandboxRecord> ancestor = repository.findInOrganization(caller.organizationId(), next);
            if (ancestor.isEmpty()) {
                break;
            }
            if (ancestor.get().desiredState() != SandboxDesiredState.DESTROYED) {
                ancestors.add(ancestor.get());
            }
            next = ancestor.get().parentId();
        }
        return List.copyOf(ancestors);
    }

    /**
     * Backs a started, paused or stopped sandbox's files up to the archive store while it stays as
     * it is: its {@code backupState} goes {@code Pending}, {@code InProgress}, then
     * {@code Completed} (with {@code backupCreatedAt}) or {@code Error}. Asking while a backup is
     * under way changes nothing.
     */
    public SandboxRecord backup(Caller caller, String idOrName) {
        SandboxRecord sandbox = get(caller, idOrName);
        if (sandbox.backupDue()) {
            return sandbox;
        }
        SandboxState settled = sandbox.state();
        if (!sandbox.isSettledIn(SandboxState.STARTED) && !sandbox.isSettledIn(SandboxState.PAUSED)
                && !sandbox.isSettledIn(SandboxState.STOPPED)) {
            throw ServiceException.conflict("Sandbox %s is %s; back up a started, paused or stopped sandbox%s", sandbox.id(),
                    SandboxViews.shownState(sandbox).wireValue(), sandbox.isSettledIn(SandboxState.ARCHIVED)
                            ? " (an archived sandbox's files are in the archive store already)"
                            : " once its state change has finished");
        }
        if (!repository.requestBackup(sandbox.id(), settled, clock.instant())) {
            throw ServiceException.conflict("Sandbox state change in progress; wait for it to finish and try again");
        }
        reconciler.wake(sandbox.id());
        return repository.findById(sandbox.id()).orElseThrow();
    }

    /**
     * Archives a stopped sandbox: its files move to the archive store and its runner is freed.
     * Archiving an archived sandbox changes nothing.
     */
    public SandboxRecord archive(Caller caller, String idOrName) {
        SandboxRecord sandbox = get(caller, idOrName);
        if (sandbox.state() == SandboxState.ARCHIVED && sandbox.desiredState() == SandboxDesiredState.ARCHIVED) {
            return sandbox;
        }
        if (sandbox.state() != SandboxState.STOPPED || sandbox.desiredState() != SandboxDesiredState.STOPPED) {
            throw ServiceException.conflict("Sandbox %s is %s; only a stopped sandbox can be archived: stop it first and wait until it is stopped",
                    sandbox.id(), SandboxViews.shownState(sandbox).wireValue());
        }
        return request(sandbox, SandboxDesiredState.ARCHIVED);
    }

    /**
     * Changes a sandbox's resources: CPU and memory of a started sandbox at once and only
     * upwards (as the reference's hot resize), of a stopped one from its next start; disk only while stopped, and only upwards. Answers with the
     * sandbox in state {@code resizing}, or unchanged if nothing changes.
     */
    public SandboxRecord resize(Caller caller, String idOrName, ResizeSandbox request) {
        if (request == null || request.cpu() == null && request.memory() == null && request.disk() == null) {
            throw ServiceException.badRequest("Send at least one of cpu, memory (GiB) and disk (GiB), e.g. {\"cpu\": 2, \"memory\": 4}");
        }
        positiveWithin("cpu", request.cpu(), defaults.maxCpu(), "cores");
        positiveWithin("memory", request.memory(), defaults.maxMemory(), "GiB");
        positiveWithin("disk", request.disk(), defaults.maxDisk(), "GiB");
        SandboxRecord sandbox = get(caller, idOrName);
        boolean started = sandbox.state() == SandboxState.STARTED && sandbox.desiredState() == SandboxDesiredState.STARTED;
        boolean stopped = sandbox.state() == SandboxState.STOPPED && sandbox.desiredState() == SandboxDesiredState.STOPPED;
        if (!started && !stopped) {
            throw ServiceException.conflict("Sandbox %s is %s; resize a started or stopped sandbox once its state change has finished",
                    sandbox.id(), SandboxViews.shownState(sandbox).wireValue());
        }
        int cpu = Objects.requireNonNullElse(request.cpu(), sandbox.cpu());
        int memory = Objects.requireNonNullElse(request.memory(), sandbox.memory());
        int disk = Objects.requireNonNullElse(request.disk(), sandbox.disk());
        if (started && (cpu < sandbox.cpu() || memory < sandbox.memory())) {
            throw ServiceException.badRequest("A started sandbox's cpu and memory can only grow (it has %d cores, %d GiB); stop it to shrink them",
                    sandbox.cpu(), sandbox.memory());
        }
        if (disk < sandbox.disk()) {
            throw ServiceException.badRequest("disk can only grow: the sandbox has %d GiB, got %d", sandbox.disk(), disk);
        }
        if (disk != sandbox.disk() && !stopped) {
            throw ServiceException.badRequest("disk can only change while the sandbox is stopped; stop it first (cpu and memory change while it runs)");
        }
        if (cpu == sandbox.cpu() && memory == sandbox.memory() && disk == sandbox.disk()) {
            return sandbox;
        }
        quota.checkResize(sandbox, cpu, memory, disk);
        if (!repository.requestResize(sandbox.id(), sandbox.state(), sandbox.desiredState(), cpu, memory, disk, clock.instant())) {
            throw ServiceException.conflict("Sandbox state change in progress; wait for it to finish and try again");
        }
        reconciler.wake(sandbox.id());
        return repository.findById(sandbox.id()).orElseThrow();
    }

    private static void positiveWithin(String field, Integer value, int max, String unit) {
        if (value != null && (value < 1 || value > max)) {
            throw ServiceException.badRequest("%s must be from 1 to %d %s (the per-sandbox maximum of this server), got %d", field, max, unit, value);
        }
    }

    /**
     * Sends a sandbox in a recoverable error back to the last stable state it had, then starts it
     * unless {@code skipStart}.
     */
    public SandboxRecord recover(Caller caller, String idOrName, boolean skipStart) {
        return recover(get(caller, idOrName), skipStart, true);
    }

    /**
     * A system administrator's recovery of any organization's sandbox in {@code error}, also one
     * not marked recoverable (the administrator knows the cause is gone; if not, it fails again).
     */
    public SandboxRecord adminRecover(String sandboxId) {
        SandboxRecord sandbox = repository.findById(sandboxId).filter(s -> s.desiredState() != SandboxDesiredState.DESTROYED)
                .orElseThrow(() -> ServiceException.notFound("Sandbox %s not found", sandboxId));
        return recover(sandbox, false, false);
    }

    private SandboxRecord recover(SandboxRecord sandbox, boolean skipStart, boolean requireRecoverable) {
        if (sandbox.state() != SandboxState.ERROR || requireRecoverable && !sandbox.recoverable()) {
            throw ServiceException.conflict(sandbox.state() == SandboxState.ERROR
                            ? "Sandbox %s cannot be recovered (%s); delete it"
                            : "Sandbox %s is %s, not in a recoverable error state; only a sandbox in state error with recoverable true can be recovered",
                    sandbox.id(), sandbox.state() == SandboxState.ERROR ? sandbox.errorReason() : SandboxViews.shownState(sandbox).wireValue());
        }
        SandboxState back = Objects.requireNonNullElse(sandbox.recoveryState(), SandboxState.STOPPED);
        SandboxDesiredState desired = !skipStart || back == SandboxState.UNKNOWN ? SandboxDesiredState.STARTED
                : back == SandboxState.ARCHIVED ? SandboxDesiredState.ARCHIVED
                : back == SandboxState.STARTED ? SandboxDesiredState.STARTED
                : SandboxDesiredState.STOPPED;
        if (!repository.requestRecover(sandbox.id(), back, desired, requireRecoverable, clock.instant())) {
            throw ServiceException.conflict("Sandbox %s changed meanwhile; get it again and retry", sandbox.id());
        }
        reconciler.wake(sandbox.id());
        return repository.findById(sandbox.id()).orElseThrow();
    }

    /** Replaces every label of the sandbox; returns the labels now set. */
    public Map<String, String> replaceLabels(Caller caller, String idOrName, Map<String, String> labels) {
        if (labels == null) {
            throw ServiceException.badRequest("labels is required: send {\"labels\": {\"key\": \"value\"}}, or {\"labels\": {}} to remove all");
        }
        CreateSandboxValidator.labels(labels);
        SandboxRecord sandbox = get(caller, idOrName);
        repository.replaceLabels(sandbox.id(), labels, clock.instant());
        return repository.findById(sandbox.id()).orElseThrow().labels();
    }

    /**
     * Sets a lifecycle interval in minutes. Auto-stop: 0 never stops. Auto-archive: 0 means the
     * maximum, and longer intervals are cut to it. Auto-delete: negative never deletes, 0 deletes
     * right after stop.
     */
    public SandboxRecord setInterval(Caller caller, String idOrName, LifecycleInterval interval, int minutes) {
        int stored = switch (interval) {
            case AUTO_STOP -> nonNegative(interval, minutes, "0 turns auto-stop off");
            case AUTO_ARCHIVE -> defaults.resolveAutoArchiveInterval(nonNegative(interval, minutes, "0 means the maximum, "
                    + defaults.maxAutoArchiveInterval()));
            case AUTO_DELETE -> minutes;
        };
        SandboxRecord sandbox = get(caller, idOrName);
        repository.setInterval(sandbox.id(), interval, stored, clock.instant());
        return repository.findById(sandbox.id()).orElseThrow();
    }

    private static int nonNegative(LifecycleInterval interval, int minutes, String hint) {
        if (minutes < 0) {
            throw ServiceException.badRequest("%s must be a non-negative integer number of minutes (%s), got %d",
                    interval.wireName(), hint, minutes);
        }
        return minutes;
    }

    public SandboxRecord setPublic(Caller caller, String idOrName, boolean isPublic) {
        SandboxRecord sandbox = get(caller, idOrName);
        repository.setPublic(sandbox.id(), isPublic, clock.instant());
        return repository.findById(sandbox.id()).orElseThrow();
    }

    /** Resets the sandbox's idle time, deferring its auto-stop and auto-delete, without changing its state. */
    public void refreshActivity(Caller caller, String idOrName) {
        activity.refresh(get(caller, idOrName).id());
    }

    /**
     * Changes where a sandbox may connect to; a running sandbox gets the new rules at once, a
     * stopped one when it starts.
     */
    public SandboxRecord updateNetwork(Caller caller, String idOrName, UpdateSandboxNetworkSettings settings) throws Exception {
        SandboxRecord sandbox = get(caller, idOrName);
        boolean blockAll = settings.networkBlockAll() == null ? sandbox.networkBlockAll() : settings.networkBlockAll();
        String allowList = settings.networkAllowList() == null
                ? sandbox.networkAllowList()
                : String.join(",", NetworkAllowList.parse(settings.networkAllowList()));
        repository.updateNetwork(sandbox.id(), blockAll, allowList == null || allowList.isBlank() ? null : allowList, clock.instant());
        if (sandbox.state() == SandboxState.STARTED) {
            fleet.runtime(sandbox.runnerId()).applyNetwork(sandbox.id(), new NetworkPolicy(blockAll, NetworkAllowList.parse(allowList)));
        }
        return repository.findById(sandbox.id()).orElseThrow();
    }

    public SandboxRecord delete(Caller caller, String idOrName) {
        return destroy(get(caller, idOrName));
    }

    private SandboxRecord destroy(SandboxRecord sandbox) {
        repository.requestDestroy(sandbox.id(), clock.instant());
        reconciler.wake(sandbox.id());
        return repository.findById(sandbox.id()).orElseThrow();
    }

    private SandboxRecord request(SandboxRecord sandbox, SandboxDesiredState desired) {
        if (!repository.requestState(sandbox.id(), sandbox.state(), sandbox.desiredState(), desired, clock.instant())) {
            throw ServiceException.conflict("Sandbox state change in progress; wait for it to finish and try again");
        }
        reconciler.wake(sandbox.id());
        return repository.findById(sandbox.id()).orElseThrow();
    }

    /** The preview URL of a port: {@code {protocol}://{port}-{sandboxId}.{proxy domain}}. */
    public String previewUrl(SandboxRecord sandbox, int port) {
        return defaults.previewUrl(port, sandbox.id());
    }

    /** The build a sandbox was created from, if it was created with {@code buildInfo}. */
    public io.daytona.model.sandbox.BuildInfo buildInfoOf(SandboxRecord sandbox) {
        return snapshots.buildInfo(sandbox.organizationId(), sandbox.snapshot()).orElse(null);
    }

    /** The volumes a sandbox mounts. */
    public List<io.daytona.model.sandbox.SandboxVolume> volumesOf(SandboxRecord sandbox) {
        return volumes.of(sandbox.id());
    }

    public String toolboxProxyUrl() {
        return defaults.toolboxProxyUrl();
    }
}
