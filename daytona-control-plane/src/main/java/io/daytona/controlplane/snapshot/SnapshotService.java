package io.daytona.controlplane.snapshot;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.auth.Caller;
import io.daytona.controlplane.registry.RegistryHosts;
import io.daytona.controlplane.sandbox.SandboxDefaults;
import io.daytona.controlplane.sandbox.SandboxSnapshots;
import io.daytona.http.ServiceException;
import io.daytona.model.runner.SandboxSpec;
import io.daytona.model.sandbox.CreateBuildInfo;
import io.daytona.model.snapshot.CreateSnapshot;
import io.daytona.model.snapshot.SnapshotState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshot use cases: create from an image or a Dockerfile build, get, list, delete, activate,
 * deactivate; and the snapshots of sandboxes (resolve, build on demand). Pulls and builds run on
 * virtual threads and record every state they enter, with their output in {@link BuildLogs}.
 */
public final class SnapshotService implements SandboxSnapshots, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotService.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,254}");
    private static final List<String> DEFAULT_ENTRYPOINT = List.of("sleep", "infinity");
    /** Snapshots unused this long become inactive, as upstream. */
    static final Duration INACTIVE_AFTER = Duration.ofDays(14);
    /** How long the image of a sandbox's own build stays cached after its last use, as upstream. */
    static final Duration SANDBOX_BUILD_CACHE = Duration.ofHours(24);
    private static final Duration BUILD_POLL = Duration.ofMillis(250);
    private static final Duration IMAGE_REMOVAL_RETRY = Duration.ofSeconds(2);
    private static final int IMAGE_REMOVAL_ATTEMPTS = 60;
    static final int DEFAULT_CPU = 1;
    static final int DEFAULT_MEMORY = 1;
    static final int DEFAULT_DISK = 3;

    private final SnapshotRepository repository;
    private final ImageRuntime images;
    private final BuildContexts contexts;
    private final BuildLogs logs;
    private final SandboxDefaults defaults;
    private final Clock clock;
    private final Thread housekeeping;
    private final PullCredentials credentials;

    public SnapshotService(SnapshotRepository repository, ImageRuntime images, BuildContexts contexts, BuildLogs logs,
                           SandboxDefaults defaults, Clock clock) {
        this(repository, images, contexts, logs, defaults, clock, PullCredentials.none());
    }

    /** A service whose pulls log in to the registries {@code credentials} names for each image. */
    public SnapshotService(SnapshotRepository repository, ImageRuntime images, BuildContexts contexts, BuildLogs logs,
                           SandboxDefaults defaults, Clock clock, PullCredentials credentials) {
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.repository = requireNonNull(repository, "repository is null");
        this.images = requireNonNull(images, "images is null");
        this.contexts = requireNonNull(contexts, "contexts is null");
        this.logs = requireNonNull(logs, "logs is null");
        this.defaults = requireNonNull(defaults, "defaults is null");
        this.clock = requireNonNull(clock, "clock is null");
        ensureDefaultSnapshot();
        repository.unfinished().forEach(this::prepareInBackground);
        this.housekeeping = Thread.ofVirtual().name("snapshot-housekeeping").start(this::deactivateUnusedPeriodically);
    }

    /** The default snapshot is a general one: every organization sees and uses it. */
    private void ensureDefaultSnapshot() {
        Instant now = clock.instant();
        var info = images.inspect(defaults.defaultSnapshot());
        var existing = repository.findGeneral(defaults.defaultSnapshot());
        if (existing.isPresent()) {
            if (existing.get().state() == SnapshotState.ERROR && info.isPresent()) {
                repository.recordActive(existing.get().id(), entrypointOf(info.get().command()), gigabytes(info.get().sizeBytes()), now);
            }
            return;
        }
        repository.insert(new SnapshotRecord(UUID.randomUUID().toString(), null, true, defaults.defaultSnapshot(),
                defaults.defaultSnapshot(), defaults.defaultSnapshot(),
                info.isPresent() ? SnapshotState.ACTIVE : SnapshotState.ERROR,
                info.isPresent() ? null : "The image is not on the runner; run ./scripts/setup.sh",
                info.map(i -> entrypointOf(i.command())).orElse(DEFAULT_ENTRYPOINT),
                SandboxDefaults.DEFAULT_CPU, 0, SandboxDefaults.DEFAULT_MEMORY, SandboxDefaults.DEFAULT_DISK,
                info.map(i -> gigabytes(i.sizeBytes())).orElse(null), null, List.of(), false, now, now, now));
    }

    public SnapshotRecord create(Caller caller, CreateSnapshot request) {
        if (request == null) {
            throw ServiceException.badRequest("send {\"name\": ..., \"imageName\": ...} or {\"name\": ..., \"buildInfo\": {...}}");
        }
        checkName(request.name());
        boolean build = request.buildInfo() != null;
        if (build == (request.imageName() != null)) {
            throw ServiceException.badRequest("send either imageName (an image with a tag) or buildInfo (a Dockerfile), not %s",
                    build ? "both" : "neither");
        }
        if (build) {
            checkBuild(caller.organizationId(), request.buildInfo());
        } else {
            ImageNamePolicy.check(request.imageName());
        }
        int cpu = resource("cpu", request.cpu(), DEFAULT_CPU, defaults.maxCpu());
        int memory = resource("memory", request.memory(), DEFAULT_MEMORY, defaults.maxMemory());
        int disk = resource("disk", request.disk(), DEFAULT_DISK, defaults.maxDisk());
        if (request.gpu() != null && request.gpu() != 0) {
            throw ServiceException.badRequest("gpu must be 0: this server has no GPU runners");
        }
        if (request.regionId() != null && !request.regionId().isBlank() && !request.regionId().equals(defaults.defaultRegion())) {
            throw ServiceException.badRequest("Region %s not found; this server has region %s", request.regionId(), defaults.defaultRegion());
        }
        if (request.entrypoint() != null && request.entrypoint().stream().anyMatch(Objects::isNull)) {
            throw ServiceException.badRequest("entrypoint must be a list of strings, e.g. [\"sleep\", \"infinity\"]");
        }
        if (repository.nameTaken(caller.organizationId(), request.name())) {
            throw ServiceException.conflict("Snapshot with name %s already exists; choose another name or delete it", request.name());
        }
        Instant now = clock.instant();
        SnapshotRecord record = new SnapshotRecord(UUID.randomUUID().toString(), caller.organizationId(), false, request.name(),
                build ? null : request.imageName(),
                build ? buildTag(caller.organizationId(), request.buildInfo()) : request.imageName(),
                build ? SnapshotState.BUILDING : SnapshotState.PENDING, null,
                request.entrypoint(), cpu, 0, memory, disk, null,
                build ? request.buildInfo().dockerfileContent() : null,
                build ? Objects.requireNonNullElse(request.buildInfo().contextHashes(), List.of()) : List.of(),
                false, now, now, null);
        try {
            repository.insert(record);
        } catch (RuntimeException e) {
            if (repository.nameTaken(caller.organizationId(), request.name())) {
                throw ServiceException.conflict("Snapshot with name %s already exists; choose another name or delete it", request.name());
            }
            throw e;
        }
        prepareInBackground(record);
        return repository.findById(record.id()).orElseThrow();
    }

    @Override
    public PendingCommit reserveCommit(String organizationId, String name, String sourceSnapshot, int cpu, int memory, int disk) {
        checkName(name);
        if (repository.nameTaken(organizationId, name)) {
            throw ServiceException.conflict("Snapshot with name %s already exists; choose another name or delete it", name);
        }
        List<String> entrypoint = repository.find(organizationId, sourceSnapshot, true).map(SnapshotRecord::entrypoint).orElse(List.of());
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        // The committed container's own entrypoint is the daemon's wrapper: the source snapshot's is the one to keep.
        SnapshotRecord record = new SnapshotRecord(id, organizationId, false, name, null, "daytona-snapshots/" + id + ":1",
                SnapshotState.PENDING, null, entrypoint.isEmpty() ? DEFAULT_ENTRYPOINT : entrypoint, cpu, 0, memory, disk, null,
                null, List.of(), false, now, now, null);
        try {
            repository.insert(record);
        } catch (RuntimeException e) {
            if (repository.nameTaken(organizationId, name)) {
                throw ServiceException.conflict("Snapshot with name %s already exists; choose another name or delete it", name);
            }
            throw e;
        }
        return new PendingCommit(id, record.imageRef());
    }

    @Override
    public void commitFinished(PendingCommit commit, java.util.Optional<String> failure) {
        var snapshot = repository.findById(commit.snapshotId());
        if (snapshot.isEmpty()) {
            return;
        }
        var info = failure.isEmpty() ? images.inspect(commit.image()) : java.util.Optional.<ImageRuntime.ImageInfo>empty();
        if (info.isPresent()) {
            repository.recordActive(commit.snapshotId(), snapshot.get().entrypoint(), gigabytes(info.get().sizeBytes()), clock.instant());
        } else {
            repository.recordState(commit.snapshotId(), SnapshotState.ERROR,
                    "Could not snapshot the sandbox: " + failure.orElse("the image is missing after the commit"), clock.instant());
        }
    }

    public SnapshotRecord get(Caller caller, String idOrName) {
        return repository.find(caller.organizationId(), idOrName, false)
                .orElseThrow(() -> ServiceException.notFound("Snapshot %s not found", idOrName));
    }

    /**
     * Makes a snapshot general (every organization sees and starts it, none may delete it) or the
     * organization's own again; for system administrators. The server's built-in snapshots belong
     * to no organization and stay general.
     */
    public SnapshotRecord setGeneral(String id, Boolean general) {
        if (general == null) {
            throw ServiceException.badRequest("general is required: send {\"general\": true} or {\"general\": false}");
        }
        SnapshotRecord snapshot = repository.findById(id).filter(s -> !s.sandboxBuild())
                .orElseThrow(() -> ServiceException.notFound("Snapshot %s not found", id));
        if (!general && snapshot.organizationId() == null) {
            throw ServiceException.badRequest("Snapshot %s belongs to no organization (it comes with the server) and must stay general",
                    snapshot.name());
        }
        repository.setGeneral(id, general, clock.instant());
        return repository.findById(id).orElseThrow();
    }

    /** Whether no snapshot of any organization uses {@code image}, so that runners may remove it. */
    public boolean canCleanUpImage(String image) {
        if (image == null || image.isBlank()) {
            throw ServiceException.badRequest("imageName is required, e.g. ?imageName=registry.example.com/team/app:1.0");
        }
        return !repository.imageInUse(image.strip());
    }

    public List<SnapshotRecord> list(Caller caller, String nameContains) {
        return repository.list(caller.organizationId(), nameContains == null ? "" : nameContains);
    }

    public void delete(Caller caller, String idOrName) {
        SnapshotRecord snapshot = ownSnapshot(caller, idOrName, "deleted");
        repository.recordState(snapshot.id(), SnapshotState.REMOVING, null, clock.instant());
        repository.delete(snapshot.id());
        try {
            logs.delete(snapshot.id());
            // Only images this server built are removed: a named image may serve other snapshots or users.
            if (snapshot.ownsImage() && !repository.imageShared(snapshot.imageRef(), snapshot.id())) {
                Thread.ofVirtual().name("remove-image-" + snapshot.id()).start(() -> removeWhenUnused(snapshot.imageRef()));
            }
        } catch (Exception e) {
            LOG.info("snapshot {} deleted; its image {} stays: {}", snapshot.id(), snapshot.imageRef(), e.getMessage());
        }
    }

    public SnapshotRecord activate(Caller caller, String idOrName) {
        SnapshotRecord snapshot = ownSnapshot(caller, idOrName, "activated");
        if (snapshot.state() == SnapshotState.ACTIVE) {
            throw ServiceException.badRequest("Snapshot %s is already active", snapshot.name());
        }
        if (!repository.transition(snapshot.id(), SnapshotState.INACTIVE, SnapshotState.ACTIVE, clock.instant())) {
            throw ServiceException.badRequest("Snapshot %s is %s, not inactive; only inactive snapshots can be activated",
                    snapshot.name(), snapshot.state().wireValue());
        }
        repository.recordUse(snapshot.id(), clock.instant());
        return repository.findById(snapshot.id()).orElseThrow();
    }

    public void deactivate(Caller caller, String idOrName) {
        SnapshotRecord snapshot = ownSnapshot(caller, idOrName, "deactivated");
        if (snapshot.state() == SnapshotState.INACTIVE) {
            return;
        }
        if (!repository.transition(snapshot.id(), SnapshotState.ACTIVE, SnapshotState.INACTIVE, clock.instant())) {
            throw ServiceException.badRequest("Snapshot %s is %s; only active snapshots can be deactivated",
                    snapshot.name(), snapshot.state().wireValue());
        }
    }

    /** Whether the snapshot's pull or build is over (or the snapshot is gone), for followers of its logs. */
    public boolean finished(String snapshotId) {
        return repository.findById(snapshotId).map(s -> s.state().isTerminal()).orElse(true);
    }

    public BuildLogs logs() {
        return logs;
    }

    /** The build of a sandbox created with {@code buildInfo}, by the name stored with the sandbox. */
    public java.util.Optional<SnapshotRecord> sandboxBuild(String organizationId, String name) {
        return repository.find(organizationId, name, true);
    }

    @Override
    public java.util.Optional<io.daytona.model.sandbox.BuildInfo> buildInfo(String organizationId, String snapshot) {
        return sandboxBuild(organizationId, snapshot).map(build -> build.toDto(defaults.defaultRegion()).buildInfo());
    }

    private SnapshotRecord ownSnapshot(Caller caller, String idOrName, String verb) {
        SnapshotRecord snapshot = get(caller, idOrName);
        if (snapshot.general()) {
            throw ServiceException.forbidden("Snapshot %s is a general snapshot shared by every organization and cannot be %s",
                    snapshot.name(), verb);
        }
        return snapshot;
    }

    @Override
    public String use(String organizationId, String snapshotName) {
        SnapshotRecord snapshot = repository.find(organizationId, snapshotName, false)
                .orElseThrow(() -> ServiceException.badRequest("Snapshot %s not found; use an existing snapshot (the default is %s)",
                        snapshotName, defaults.defaultSnapshot()));
        if (snapshot.state() == SnapshotState.ERROR && snapshot.organizationId() == null && snapshot.name().equals(defaults.defaultSnapshot())) {
            // Its image was missing at start; runners that registered since may have it.
            ensureDefaultSnapshot();
            snapshot = repository.findById(snapshot.id()).orElse(snapshot);
        }
        switch (snapshot.state()) {
            case ACTIVE -> { }
            case INACTIVE -> throw ServiceException.badRequest(
                    "Snapshot %s is inactive (unused for a while or deactivated); activate it with POST /api/snapshots/%s/activate",
                    snapshot.name(), snapshot.id());
            case ERROR, BUILD_FAILED -> throw ServiceException.badRequest("Snapshot %s failed (%s); fix it and create it again",
                    snapshot.name(), snapshot.errorReason());
            default -> throw ServiceException.badRequest("Snapshot %s is %s; wait until it is active",
                    snapshot.name(), snapshot.state().wireValue());
        }
        repository.recordUse(snapshot.id(), clock.instant());
        return snapshot.name();
    }

    @Override
    public Optional<Resources> resources(String organizationId, String snapshotName) {
        return repository.find(organizationId, snapshotName, false)
                .map(snapshot -> new Resources(snapshot.cpu(), snapshot.mem(), snapshot.disk()));
    }

    @Override
    public String build(String organizationId, CreateBuildInfo buildInfo) {
        checkBuild(organizationId, buildInfo);
        String tag = buildTag(organizationId, buildInfo);
        String name = tag.substring(tag.lastIndexOf('/') + 1).replace(':', '-');
        var existing = repository.find(organizationId, name, true);
        if (existing.isPresent() && existing.get().state() != SnapshotState.BUILD_FAILED) {
            repository.recordUse(existing.get().id(), clock.instant());
            return name;
        }
        existing.ifPresent(failed -> repository.delete(failed.id()));
        Instant now = clock.instant();
        SnapshotRecord record = new SnapshotRecord(UUID.randomUUID().toString(), organizationId, false, name, null, tag,
                SnapshotState.BUILDING, null, List.of(), DEFAULT_CPU, 0, DEFAULT_MEMORY, DEFAULT_DISK, null,
                buildInfo.dockerfileContent(), Objects.requireNonNullElse(buildInfo.contextHashes(), List.of()), true, now, now, now);
        try {
            repository.insert(record);
            prepareInBackground(record);
        } catch (RuntimeException e) {
            if (repository.find(organizationId, name, true).isEmpty()) {
                throw e;
            }
            // another create of the same build won the race; share its build
        }
        return name;
    }

    @Override
    public SandboxSpec resolve(SandboxSpec spec) throws Exception {
        var found = repository.find(spec.organizationId(), spec.image(), true)
                .or(() -> repository.find(spec.organizationId(), spec.image(), false));
        if (found.isEmpty()) {
            return spec;
        }
        SnapshotRecord snapshot = found.get();
        while (!snapshot.state().isTerminal()) {
            Thread.sleep(BUILD_POLL);
            snapshot = repository.findById(snapshot.id()).orElseThrow(() -> new BuildFailedException("The snapshot was deleted during its build"));
        }
        if (snapshot.state() == SnapshotState.BUILD_FAILED || snapshot.state() == SnapshotState.ERROR) {
            throw new BuildFailedException(Objects.requireNonNullElse(snapshot.errorReason(), "the build failed"));
        }
        return spec.withImage(snapshot.imageRef(), snapshot.entrypoint());
    }

    private void checkBuild(String organizationId, CreateBuildInfo buildInfo) {
        if (buildInfo.dockerfileContent() == null || buildInfo.dockerfileContent().isBlank()) {
            throw ServiceException.badRequest("buildInfo.dockerfileContent is required: the Dockerfile to build");
        }
        for (String hash : Objects.requireNonNullElse(buildInfo.contextHashes(), List.<String>of())) {
            if (hash == null || !hash.matches("[A-Za-z0-9]{1,128}") || contexts.context(organizationId, hash).isEmpty()) {
                throw ServiceException.badRequest("build context %s not found; upload it first to the object storage of GET /api/object-storage/push-access",
                        hash);
            }
        }
    }

    /** One image per organization, Dockerfile and contexts: an identical build reuses it. */
    private static String buildTag(String organizationId, CreateBuildInfo buildInfo) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(organizationId.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(buildInfo.dockerfileContent().getBytes(StandardCharsets.UTF_8));
            for (String hash : Objects.requireNonNullElse(buildInfo.contextHashes(), List.<String>of())) {
                digest.update((byte) 0);
                digest.update(hash.getBytes(StandardCharsets.UTF_8));
            }
            return "daytona-builds/build-" + HexFormat.of().formatHex(digest.digest()).substring(0, 24) + ":1";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void prepareInBackground(SnapshotRecord snapshot) {
        Thread.ofVirtual().name("snapshot-" + snapshot.id()).start(() -> prepare(snapshot));
    }

    private void prepare(SnapshotRecord snapshot) {
        Consumer<String> log;
        try {
            log = logs.writer(snapshot.id());
        } catch (Exception e) {
            log = line -> { };
            LOG.warn("no build log for snapshot {}", snapshot.id(), e);
        }
        try {
            if (snapshot.isBuild()) {
                runBuild(snapshot, log);
            } else {
                pullIfMissing(snapshot, log);
            }
            var info = images.inspect(snapshot.imageRef())
                    .orElseThrow(() -> new IllegalStateException("the image " + snapshot.imageRef() + " is missing after it was made"));
            List<String> entrypoint = snapshot.entrypoint().isEmpty() ? entrypointOf(info.command()) : snapshot.entrypoint();
            repository.recordActive(snapshot.id(), entrypoint, gigabytes(info.sizeBytes()), clock.instant());
            log.accept("Snapshot " + snapshot.name() + " is active");
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.warn("snapshot {} failed: {}", snapshot.id(), reason);
            try {
                log.accept("ERROR: " + reason);
            } catch (RuntimeException ignored) {
                // the state below still records the reason
            }
            repository.recordState(snapshot.id(), snapshot.isBuild() ? SnapshotState.BUILD_FAILED : SnapshotState.ERROR,
                    reason, clock.instant());
        }
    }

    private void runBuild(SnapshotRecord snapshot, Consumer<String> log) throws Exception {
        if (images.inspect(snapshot.imageRef()).isPresent()) {
            log.accept("Reusing the image of an identical earlier build: " + snapshot.imageRef());
            return;
        }
        List<Path> archives = new ArrayList<>();
        for (String hash : snapshot.contextHashes()) {
            archives.add(contexts.context(Objects.requireNonNullElse(snapshot.organizationId(), ""), hash)
                    .orElseThrow(() -> new IllegalStateException("build context " + hash + " is no longer in the object storage")));
        }
        log.accept("Building " + snapshot.imageRef());
        images.build(snapshot.dockerfile(), archives, snapshot.imageRef(), log);
    }

    /**
     * Pulls the snapshot's image unless the runner has it and its name carries no remote
     * registry. An image of a remote registry is pulled every time, with the organization's login:
     * the registry, not the runner's cache, decides whether this organization may read it (layers
     * the runner has are not downloaded again).
     */
    private void pullIfMissing(SnapshotRecord snapshot, Consumer<String> log) throws Exception {
        if (!RegistryHosts.namesRemoteRegistry(snapshot.imageRef()) && images.inspect(snapshot.imageRef()).isPresent()) {
            log.accept("Image " + snapshot.imageRef() + " is on the runner");
            return;
        }
        repository.recordState(snapshot.id(), SnapshotState.PULLING, null, clock.instant());
        var login = snapshot.organizationId() == null ? java.util.Optional.<ImageRuntime.RegistryCredentials>empty()
                : credentials.forImage(snapshot.organizationId(), snapshot.imageRef());
        log.accept("Pulling " + snapshot.imageRef()
                + login.map(l -> " as " + l.username() + " at " + l.registryAddress()).orElse(""));
        try {
            images.pull(snapshot.imageRef(), login, log);
        } catch (Exception e) {
            throw new IllegalStateException("Could not pull " + snapshot.imageRef() + " (is its registry reachable from the runner, "
                    + "and does it exist?): " + e.getMessage(), e);
        }
    }

    /**
     * Removes an image this server made, retrying for a while: a sandbox just deleted may still
     * have its container on the runner, and the engine refuses to remove an image in use.
     */
    private void removeWhenUnused(String image) {
        for (int attempt = 1; ; attempt++) {
            try {
                images.remove(image);
                return;
            } catch (Exception e) {
                if (attempt == IMAGE_REMOVAL_ATTEMPTS || repository.imageShared(image, "")) {
                    LOG.info("the image {} of a deleted snapshot stays: {}", image, e.getMessage());
                    return;
                }
            }
            try {
                Thread.sleep(IMAGE_REMOVAL_RETRY);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ServiceException.badRequest("name %s is invalid: use 1-255 letters, digits, '.', '_', ':', '/', '@' or '-', starting with a letter or digit",
                    name == null ? "(missing)" : "'" + name + "'");
        }
    }

    private static List<String> entrypointOf(List<String> imageCommand) {
        return imageCommand.isEmpty() ? DEFAULT_ENTRYPOINT : imageCommand;
    }

    private static double gigabytes(long bytes) {
        return Math.round(bytes / 1e9 * 100) / 100.0;
    }

    private static int resource(String field, Integer value, int fallback, int max) {
        if (value == null) {
            return fallback;
        }
        if (value < 1 || value > max) {
            throw ServiceException.badRequest("%s must be from 1 to %d, got %d", field, max, value);
        }
        return value;
    }

    private void deactivateUnusedPeriodically() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Instant now = clock.instant();
                int count = repository.deactivateUnusedSince(now.minus(INACTIVE_AFTER), now);
                if (count > 0) {
                    LOG.info("{} snapshots unused for {} days became inactive", count, INACTIVE_AFTER.toDays());
                }
                expireSandboxBuilds(now);
                Thread.sleep(Duration.ofMinutes(10));
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("could not deactivate unused snapshots", e);
            }
        }
    }

    /** Removes the cached images of sandbox builds unused for {@link #SANDBOX_BUILD_CACHE}. */
    void expireSandboxBuilds(Instant now) {
        for (SnapshotRecord build : repository.expiredSandboxBuilds(now.minus(SANDBOX_BUILD_CACHE))) {
            repository.delete(build.id());
            try {
                logs.delete(build.id());
                if (!repository.imageShared(build.imageRef(), build.id())) {
                    images.remove(build.imageRef());
                }
                LOG.info("removed the cached image {} of a sandbox build unused since {}", build.imageRef(), build.lastUsedAt());
            } catch (Exception e) {
                LOG.warn("could not remove the cached image {}: {}", build.imageRef(), e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        housekeeping.interrupt();
    }
}
