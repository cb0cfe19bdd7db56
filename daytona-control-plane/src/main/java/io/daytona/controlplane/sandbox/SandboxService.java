package io.daytona.controlplane.sandbox;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.auth.ApiKeys;
import io.daytona.controlplane.auth.Caller;
import io.daytona.http.ServiceException;
import io.daytona.model.runner.NetworkPolicy;
import io.daytona.model.sandbox.CreateSandbox;
import io.daytona.model.sandbox.UpdateSandboxNetworkSettings;
import io.daytona.model.sandbox.SandboxDesiredState;
import io.daytona.model.sandbox.SandboxState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Sandbox use cases: validate, record the desired state, wake the reconciler. Never touches a container. */
public final class SandboxService {
    /** How long create waits for the sandbox to start before answering with its current state. */
    static final Duration CREATE_WAIT = Duration.ofSeconds(30);

    private final SandboxRepository repository;
    private final Reconciler reconciler;
    private final SandboxRuntime runtime;
    private final SandboxDefaults defaults;
    private final SandboxActivity activity;
    private final Clock clock;
    private final SandboxQuota quota;

    public SandboxService(SandboxRepository repository, Reconciler reconciler, SandboxRuntime runtime,
                          SandboxDefaults defaults, SandboxActivity activity, Clock clock) {
        this(repository, reconciler, runtime, defaults, activity, clock, SandboxQuota.unlimited());
    }

    public SandboxService(SandboxRepository repository, Reconciler reconciler, SandboxRuntime runtime,
                          SandboxDefaults defaults, SandboxActivity activity, Clock clock, SandboxQuota quota) {
        this.quota = requireNonNull(quota, "quota is null");
        this.repository = requireNonNull(repository, "repository is null");
        this.reconciler = requireNonNull(reconciler, "reconciler is null");
        this.runtime = requireNonNull(runtime, "runtime is null");
        this.defaults = requireNonNull(defaults, "defaults is null");
        this.activity = requireNonNull(activity, "activity is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public SandboxRecord create(Caller caller, CreateSandbox request) throws InterruptedException {
        CreateSandboxValidator.validate(request, defaults);
        String snapshot = request.snapshot() == null || request.snapshot().isBlank() ? defaults.defaultSnapshot() : request.snapshot();
        if (!runtime.hasImage(snapshot)) {
            throw ServiceException.badRequest("Snapshot %s not found; use an existing snapshot (the default is %s)",
                    snapshot, defaults.defaultSnapshot());
        }
        if (request.target() != null && !request.target().isBlank() && !request.target().equals(defaults.defaultRegion())) {
            throw ServiceException.badRequest("Region %s not found; this server has region %s", request.target(), defaults.defaultRegion());
        }
        String id = UUID.randomUUID().toString();
        String name = request.name() == null ? id : request.name();
        if (repository.nameTaken(caller.organizationId(), name)) {
            throw ServiceException.conflict("Sandbox with name %s already exists; choose another name or delete it", name);
        }
        quota.checkCreate(caller.organizationId(), Objects.requireNonNullElse(request.cpu(), SandboxDefaults.DEFAULT_CPU),
                Objects.requireNonNullElse(request.memory(), SandboxDefaults.DEFAULT_MEMORY),
                Objects.requireNonNullElse(request.disk(), SandboxDefaults.DEFAULT_DISK));
        Instant now = clock.instant();
        SandboxRecord record = new SandboxRecord(id, caller.organizationId(), name, snapshot,
                Objects.requireNonNullElse(request.user(), SandboxDefaults.DEFAULT_USER),
                Objects.requireNonNullElse(request.env(), Map.of()),
                Objects.requireNonNullElse(request.labels(), Map.of()),
                Boolean.TRUE.equals(request.isPublic()),
                Boolean.TRUE.equals(request.networkBlockAll()),
                request.networkAllowList() == null || request.networkAllowList().isBlank()
                        ? null : String.join(",", NetworkAllowList.parse(request.networkAllowList())),
                defaults.defaultRegion(),
                Objects.requireNonNullElse(request.cpu(), SandboxDefaults.DEFAULT_CPU),
                0,
                Objects.requireNonNullElse(request.memory(), SandboxDefaults.DEFAULT_MEMORY),
                Objects.requireNonNullElse(request.disk(), SandboxDefaults.DEFAULT_DISK),
                SandboxState.UNKNOWN,
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
        try {
            repository.insert(record);
        } catch (RuntimeException e) {
            if (repository.nameTaken(caller.organizationId(), name)) {
                throw ServiceException.conflict("Sandbox with name %s already exists; choose another name or delete it", name);
            }
            throw e;
        }
        reconciler.wake(id);
        return reconciler.awaitSettled(id, CREATE_WAIT).orElse(record);
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
            throw ServiceException.badRequest("Sandbox %s is in an error state (%s); delete it and create a new one",
                    sandbox.id(), sandbox.errorReason());
        }
        if (sandbox.state() != SandboxState.STOPPED || sandbox.desiredState() != SandboxDesiredState.STOPPED) {
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
        if (sandbox.state() != SandboxState.STARTED || sandbox.desiredState() != SandboxDesiredState.STARTED) {
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
            runtime.applyNetwork(sandbox.id(), new NetworkPolicy(blockAll, NetworkAllowList.parse(allowList)));
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

    public String toolboxProxyUrl() {
        return defaults.toolboxProxyUrl();
    }
}
