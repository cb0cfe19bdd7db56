package io.daytona.runner;

import static java.util.Objects.requireNonNull;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.HostConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.model.json.Json;
import io.daytona.model.runner.NetworkPolicy;
import io.daytona.model.runner.RunnerSandboxState;
import io.daytona.model.runner.SandboxSpec;
import io.daytona.model.runner.StartedSandbox;
import io.daytona.model.toolbox.VersionResponse;
import io.daytona.runner.archive.LayerArchiver;
import io.daytona.runner.attach.AttachRequest;
import io.daytona.runner.attach.ExecAttachment;
import io.daytona.runner.daemon.DaemonRuntime;
import io.daytona.runner.disk.ImageHolds;
import io.daytona.runner.disk.ImageUsers;
import io.daytona.runner.disk.SandboxDisks;
import io.daytona.runner.network.NamespaceSocket;
import io.daytona.runner.engine.ContainerEngine;
import io.daytona.runner.engine.ImageNames;
import io.daytona.runner.network.SandboxFirewall;
import io.daytona.runner.volume.VolumeBinds;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs sandboxes as containers on the local engine. Every operation is idempotent (ensure this
 * state), so a caller that crashed half-way can simply ask again.
 */
public final class SandboxRunner {
    public static final String LABEL_PLATFORM = "io.daytona.platform";
    public static final String LABEL_SANDBOX = "io.daytona.sandbox-id";
    public static final String LABEL_RUNNER = "io.daytona.runner-id";
    public static final String LABEL_ORGANIZATION = "io.daytona.organization-id";
    /** On containers started for the warm pool: their environment comes from the daemon, not the container. */
    public static final String LABEL_WARM_POOL = "io.daytona.warm-pool";

    private static final ObjectMapper JSON = Json.newMapper();
    private static final long CPU_PERIOD = 100_000;
    private static final long GIB = 1L << 30;
    private static final Duration INSPECT_INTERVAL = Duration.ofMillis(250);

    private final RunnerConfig config;
    private final ContainerEngine engine;
    private final DaemonRuntime daemon;
    private final LayerArchiver archiver;
    private final HttpClient http;
    private final Map<String, URI> daemonUris = new ConcurrentHashMap<>();
    /** Present when the runner has a data directory: sandboxes then run on their own capped disks. */
    private final Optional<SandboxDisks> disks;
    private final ImageHolds holds;

    public SandboxRunner(RunnerConfig config, ContainerEngine engine, DaemonRuntime daemon, LayerArchiver archiver) {
        this.config = requireNonNull(config, "config is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.daemon = requireNonNull(daemon, "daemon is null");
        this.archiver = requireNonNull(archiver, "archiver is null");
        try {
            this.disks = config.dataDirectory().isEmpty() ? Optional.empty() : Optional.of(new SandboxDisks(config.dataDirectory().get()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot prepare the runner's disk directory: " + e.getMessage(), e);
        }
        this.holds = new ImageHolds(engine, config.runnerId(), Map.of(LABEL_PLATFORM, "daytona", LABEL_RUNNER, config.runnerId()));
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    public String runnerId() {
        return config.runnerId();
    }

    /** Whether the engine has the image of a snapshot. */
    public boolean hasImage(String image) {
        return engine.imageCommand(ImageNames.local(image)).isPresent();
    }

    /** Creates the sandbox's container if needed, starts it, and waits for its daemon. */
    public StartedSandbox ensureStarted(SandboxSpec spec) throws SandboxRunnerException {
        String name = spec.sandboxId();
        Optional<InspectContainerResponse> existing = engine.inspect(name);
        // A paused sandbox is resumed: its processes go on where they were frozen.
        existing.filter(SandboxRunner::isPaused).ifPresent(paused -> engine.unpause(name));
        if (existing.isEmpty()) {
            create(spec);
        } else if (onOwnDisk(existing.get()) && !Boolean.TRUE.equals(existing.get().getState().getRunning())) {
            prepareRoot(name, spec, existing.get());
        }
        startContainer(name);
        // A resize outlives the container's cgroup only in the database: apply it at every start.
        if (existing.isPresent() && !limitsMatch(existing.get().getHostConfig(), spec.cpu(), spec.memoryGiB())) {
            updateLimits(name, spec.cpu(), spec.memoryGiB());
        }
        applyNetwork(name, spec.network());
        StartedSandbox started = awaitDaemon(name);
        if (SandboxSpec.WARM_POOL.equals(spec.organizationId())) {
            warmUp(name, started.daemonUri());
        }
        // A claimed warm-pool sandbox's container was made before its owner's environment was known.
        if (existing.isPresent() && existing.get().getConfig().getLabels() != null
                && existing.get().getConfig().getLabels().containsKey(LABEL_WARM_POOL) && !SandboxSpec.WARM_POOL.equals(spec.organizationId())) {
            pushEnvironment(name, started.daemonUri(), spec);
        }
        return started;
    }

    /**
     * Starts the container; its root filesystem, when on its own disk, is then held by the
     * container alone (see {@link SandboxDisks}), also when the start fails.
     */
    private void startContainer(String name) throws SandboxRunnerException {
        try {
            engine.start(name);
        } finally {
            if (disks.isPresent()) {
                try {
                    disks.get().detach(name);
                } catch (IOException e) {
                    throw new SandboxRunnerException("Could not detach the disk of sandbox %s from the host: %s".formatted(name, e.getMessage()), e);
                }
            }
        }
    }

    /** Whether the container runs on a root filesystem of its own disk (the image is only below it). */
    private static boolean onOwnDisk(InspectContainerResponse container) {
        return container.getConfig().getLabels() != null && container.getConfig().getLabels().containsKey(ImageHolds.LABEL_IMAGE);
    }

    private SandboxDisks disks(String sandboxId) throws SandboxRunnerException {
        return disks.orElseThrow(() -> new SandboxRunnerException(
                "Sandbox %s runs on its own disk, but this runner has no data directory for disks".formatted(sandboxId)));
    }

    /**
     * Mounts a stopped sandbox's root filesystem for its start, after growing its disk if it was
     * resized (a disk grows only while its sandbox is stopped).
     */
    private void prepareRoot(String name, SandboxSpec spec, InspectContainerResponse container) throws SandboxRunnerException {
        SandboxDisks sandboxDisks = disks(name);
        String imageId = container.getConfig().getLabels().get(ImageHolds.LABEL_IMAGE);
        try {
            ContainerEngine.ImageFilesystem image = engine.imageFilesystem(imageId).orElseThrow(() -> new SandboxRunnerException(
                    "The image %s below sandbox %s is no longer on this runner; its files on top of it cannot be used".formatted(imageId, name)));
            if (!sandboxDisks.exists(name)) {
                throw new SandboxRunnerException("The disk of sandbox %s is missing from %s; its files are lost"
                        .formatted(name, sandboxDisks.image(name)), false);
            }
            sandboxDisks.grow(name, spec.diskGiB());
            holds.whileHeld(imageId, () -> sandboxDisks.mountRoot(name, image.layers()));
        } catch (Exception e) {
            try {
                sandboxDisks.detach(name);
            } catch (IOException detach) {
                e.addSuppressed(detach);
            }
            if (e instanceof SandboxRunnerException runnerException) {
                throw runnerException;
            }
            throw new SandboxRunnerException("Could not prepare the disk of sandbox %s: %s".formatted(name, e.getMessage()), e);
        }
    }

    /** Removes the holds of images no sandbox of this runner uses any more; a failure only delays that. */
    private void releaseUnusedImages() {
        try {
            holds.releaseUnused(LABEL_RUNNER);
        } catch (IOException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(SandboxRunner.class).warn("could not release unused image holds: {}", e.getMessage());
        }
    }

    /**
     * Hands a started warm-pool sandbox to its owner: its environment goes to the daemon (so every
     * process started from now on has it), its limits and network rules are applied if they differ
     * from the pool's.
     */
    public void claim(SandboxSpec spec, int poolCpu, int poolMemoryGiB) throws SandboxRunnerException {
        String id = spec.sandboxId();
        URI daemonUri = daemonUri(id).orElseThrow(() -> new SandboxRunnerException("Warm-pool sandbox %s is not running".formatted(id)));
        pushEnvironment(id, daemonUri, spec);
        if (spec.cpu() != poolCpu || spec.memoryGiB() != poolMemoryGiB) {
            updateLimits(id, spec.cpu(), spec.memoryGiB());
        }
        if (!spec.network().equals(NetworkPolicy.OPEN)) {
            applyNetwork(id, spec.network());
        }
    }

    /**
     * Runs the paths a claim and a first command take once, while the sandbox waits in the pool:
     * a cold daemon spends hundreds of milliseconds on its first environment change (binding
     * {@code setenv}) and its first command, which would otherwise land on the caller.
     */
    private void warmUp(String name, URI daemonUri) throws SandboxRunnerException {
        post(name, daemonUri.resolve("/daytona/environment"), "{}", 204);
        post(name, daemonUri.resolve("/process/execute"), "{\"command\":\"true\"}", 200);
    }

    private void post(String name, URI uri, String body, int expected) throws SandboxRunnerException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new SandboxRunnerException("The daemon of sandbox %s answered HTTP %d to %s: %s"
                        .formatted(name, response.statusCode(), uri.getPath(), response.body()));
            }
        } catch (IOException e) {
            throw new SandboxRunnerException("Could not reach the daemon of sandbox %s: %s".formatted(name, e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxRunnerException("interrupted while calling the daemon of sandbox " + name, e);
        }
    }

    private void pushEnvironment(String name, URI daemonUri, SandboxSpec spec) throws SandboxRunnerException {
        Map<String, String> env = new HashMap<>(spec.env());
        env.put("DAYTONA_ORGANIZATION_ID", spec.organizationId());
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(daemonUri.resolve("/daytona/environment"))
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(env)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 204) {
                throw new SandboxRunnerException("The daemon of sandbox %s refused its environment (HTTP %d): %s"
                        .formatted(name, response.statusCode(), response.body()));
            }
        } catch (IOException e) {
            throw new SandboxRunnerException("Could not give sandbox %s its environment: %s".formatted(name, e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxRunnerException("interrupted while giving sandbox " + name + " its environment", e);
        }
    }

    /**
     * Changes a sandbox's CPU and memory limits: at once if it runs, else at its next start
     * (which compares them with the container's).
     */
    /**
     * Makes {@code image} (a name with a tag) of the sandbox's filesystem as it is now; mounted
     * volumes and the daemon's read-only mount are not part of it.
     */
    public void commit(String sandboxId, String image) throws SandboxRunnerException {
        String local = ImageNames.local(image);
        int colon = local.lastIndexOf(':');
        if (colon < local.lastIndexOf('/') || colon < 0) {
            throw new SandboxRunnerException("image %s has no tag".formatted(image), false);
        }
        Optional<InspectContainerResponse> container = engine.inspect(sandboxId);
        try {
            if (container.isPresent() && onOwnDisk(container.get())) {
                commitOwnDisk(container.get(), local.substring(0, colon), local.substring(colon + 1));
            } else {
                engine.commit(sandboxId, local.substring(0, colon), local.substring(colon + 1));
            }
        } catch (com.github.dockerjava.api.exception.DockerException | IOException e) {
            throw new SandboxRunnerException("Could not commit sandbox %s to %s: %s".formatted(sandboxId, image, e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxRunnerException("interrupted while committing sandbox " + sandboxId, e);
        }
    }

    /**
     * The engine cannot commit a container it did not make from an image. Instead: a container
     * of the sandbox's image that never runs receives a copy of the sandbox's writable layer
     * (taken while the sandbox is paused, if it runs) and is committed, then removed.
     */
    private void commitOwnDisk(InspectContainerResponse container, String repository, String tag)
            throws SandboxRunnerException, IOException, InterruptedException {
        String sandboxId = container.getName().replaceFirst("^/", "");
        String imageId = container.getConfig().getLabels().get(ImageHolds.LABEL_IMAGE);
        SandboxDisks sandboxDisks = disks(sandboxId);
        String copy = "daytona-commit-" + java.util.UUID.randomUUID();
        List<String> command = engine.imageCommand(imageId).filter(c -> !c.isEmpty()).orElse(List.of("/bin/true"));
        // Labelled as a hold of the same image: if the runner dies half-way, the sweep of holds removes it.
        engine.createPlaceholder(copy, imageId, command, Map.of(LABEL_PLATFORM, "daytona", LABEL_RUNNER, config.runnerId(),
                ImageHolds.LABEL_HOLD, imageId));
        try {
            Path target = engine.writableLayer(copy).orElseThrow(() -> new IOException("the container " + copy + " disappeared")).upperDir();
            boolean running = Boolean.TRUE.equals(container.getState().getRunning());
            if (running) {
                engine.pause(sandboxId);
            }
            try {
                Path upper = sandboxDisks.mountDisk(sandboxId);
                try {
                    LayerArchiver.copy(upper, target);
                } finally {
                    sandboxDisks.detach(sandboxId);
                }
            } finally {
                if (running) {
                    engine.unpause(sandboxId);
                }
            }
            engine.commit(copy, repository, tag, false);
        } finally {
            engine.remove(copy);
        }
    }

    /**
     * Freezes every process of a running sandbox (the cgroup freezer): they keep their memory and
     * use no CPU until {@link #ensureStarted} resumes them. Pausing a paused sandbox changes nothing.
     */
    public void ensurePaused(String sandboxId) throws SandboxRunnerException {
        InspectContainerResponse container = engine.inspect(sandboxId).orElseThrow(() -> new SandboxRunnerException(
                "Sandbox %s has no container on this runner; its files are lost".formatted(sandboxId), false));
        if (isPaused(container)) {
            return;
        }
        if (!Boolean.TRUE.equals(container.getState().getRunning())) {
            throw new SandboxRunnerException("Sandbox %s is not running, so it cannot be paused; start it first".formatted(sandboxId));
        }
        daemonUris.remove(sandboxId);
        engine.pause(sandboxId);
    }

    /**
     * Gives the sandbox {@code fork} describes a copy of sandbox {@code sourceId}'s disk, as it is
     * now; the fork is then started like any sandbox whose disk exists ({@link #ensureStarted}).
     * A running source is paused for the copy (its filesystem flushed first), so the copy is one
     * moment of it; a paused one stays paused. Idempotent: a fork that has its disk (or its
     * container) is left alone, and a copy interrupted half-way is made again.
     */
    public void ensureForked(String sourceId, boolean sourcePaused, SandboxSpec fork) throws SandboxRunnerException {
        String id = fork.sandboxId();
        SandboxDisks sandboxDisks = disks(id);
        if (sandboxDisks.exists(id) || engine.inspect(id).isPresent()) {
            return;
        }
        InspectContainerResponse source = ownDiskContainer(sourceId, "forked");
        String imageId = source.getConfig().getLabels().get(ImageHolds.LABEL_IMAGE);
        String image = ImageNames.local(fork.image());
        String forkImage = engine.imageId(image).orElseThrow(() -> new SandboxRunnerException(
                "Image %s of snapshot %s is not on this runner".formatted(image, fork.image())));
        if (!sameImage(forkImage, imageId)) {
            throw new SandboxRunnerException(("Snapshot %s is now image %s, not the image %s that sandbox %s runs on; "
                    + "its files only make sense on their own image").formatted(fork.image(), forkImage, imageId, sourceId), false);
        }
        try {
            whileStill(source, sourcePaused, () -> sandboxDisks.copy(sourceId, id));
            sandboxDisks.grow(id, fork.diskGiB());
        } catch (IOException e) {
            throw new SandboxRunnerException("Could not copy the disk of sandbox %s for its fork %s: %s".formatted(sourceId, id, e.getMessage()), e);
        }
    }

    /**
     * Backs a sandbox's files up to the archive store without stopping it: its disk is copied (the
     * sandbox paused for the copy if it runs, as for a fork), and the writable layer of the copy
     * is archived as {@link #ensureArchived} archives it, so that a later restore or recover can
     * bring the files back. The container keeps running. A newer backup or archive replaces it.
     */
    public LayerArchiver.Metadata ensureBackedUp(String sandboxId, boolean paused) throws SandboxRunnerException {
        InspectContainerResponse container = ownDiskContainer(sandboxId, "backed up");
        String imageId = container.getConfig().getLabels().get(ImageHolds.LABEL_IMAGE);
        SandboxDisks sandboxDisks = disks(sandboxId);
        try {
            whileStill(container, paused, () -> sandboxDisks.makeCopy(sandboxId));
            try {
                return archiver.archive(sandboxId, sandboxDisks.mountCopy(sandboxId), imageId);
            } finally {
                sandboxDisks.releaseCopy(sandboxId);
            }
        } catch (IOException e) {
            throw new SandboxRunnerException("Backing up sandbox %s failed: %s".formatted(sandboxId, e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxRunnerException("interrupted while backing up sandbox " + sandboxId, e);
        }
    }

    private InspectContainerResponse ownDiskContainer(String sandboxId, String what) throws SandboxRunnerException {
        InspectContainerResponse container = engine.inspect(sandboxId).orElseThrow(() -> new SandboxRunnerException(
                "Sandbox %s has no container on this runner, so it cannot be %s".formatted(sandboxId, what), false));
        if (!onOwnDisk(container)) {
            throw new SandboxRunnerException(("Sandbox %s was made before sandboxes had disks of their own, so it cannot be %s; "
                    + "archive and restore it once to move it onto its own disk").formatted(sandboxId, what), false);
        }
        disks(sandboxId);
        return container;
    }

    /** What is done to a disk while nothing writes to it. */
    @FunctionalInterface
    private interface DiskWork {
        void run() throws IOException;
    }

    /**
     * Runs {@code work} on the sandbox's disk file while its processes are frozen (if it runs) and
     * its filesystem's state in memory is written to the file. Afterwards a running sandbox runs
     * on unless it is meant to stay paused: a container an interrupted copy left frozen is resumed.
     */
    private void whileStill(InspectContainerResponse container, boolean stayPaused, DiskWork work) throws IOException {
        String sandboxId = container.getName().replaceFirst("^/", "");
        boolean running = Boolean.TRUE.equals(container.getState().getRunning());
        if (running && !isPaused(container)) {
            engine.pause(sandboxId);
        }
        try {
            disks.orElseThrow().flush(sandboxId);
            work.run();
        } finally {
            if (running && !stayPaused) {
                engine.unpause(sandboxId);
            }
        }
    }

    public void ensureResources(String sandboxId, int cpu, int memoryGiB) throws SandboxRunnerException {
        if (state(sandboxId) == RunnerSandboxState.RUNNING) {
            updateLimits(sandboxId, cpu, memoryGiB);
        }
    }

    private void updateLimits(String name, int cpu, int memoryGiB) throws SandboxRunnerException {
        try {
            if (config.runtime().isGvisor()) {
                // runsc cannot update a container; the host cgroup around the whole sandbox can be written directly.
                String cgroup = engine.cgroupPath(name).orElseThrow(() -> new IOException("sandbox " + name + " is not running"));
                io.daytona.runner.engine.CgroupLimits.apply(cgroup, cpu * CPU_PERIOD, CPU_PERIOD, memoryGiB * GIB);
                return;
            }
            engine.updateLimits(name, cpu * CPU_PERIOD, CPU_PERIOD, memoryGiB * GIB);
        } catch (IOException e) {
            throw new SandboxRunnerException("Could not change the limits of sandbox %s: %s".formatted(name, e.getMessage()), e);
        }
    }

    private static boolean limitsMatch(HostConfig host, int cpu, int memoryGiB) {
        return host != null && host.getCpuQuota() != null && host.getCpuQuota() == cpu * CPU_PERIOD
                && host.getMemory() != null && host.getMemory() == memoryGiB * GIB;
    }

    /**
     * Moves a stopped sandbox's files to the archive store and removes its container, freeing
     * the host. Idempotent: a sandbox without a container but with a complete archive is archived.
     */
    public LayerArchiver.Metadata ensureArchived(String sandboxId) throws SandboxRunnerException {
        daemonUris.remove(sandboxId);
        try {
            Optional<InspectContainerResponse> container = engine.inspect(sandboxId);
            if (container.isPresent() && onOwnDisk(container.get())) {
                return archiveOwnDisk(sandboxId, container.get().getConfig().getLabels().get(ImageHolds.LABEL_IMAGE));
            }
            Optional<ContainerEngine.WritableLayer> layer = engine.writableLayer(sandboxId);
            if (layer.isEmpty()) {
                return archiver.metadata(sandboxId).orElseThrow(() -> new SandboxRunnerException(
                        "Sandbox %s has neither a container nor an archive on this runner; its files are lost".formatted(sandboxId), false));
            }
            engine.stop(sandboxId, config.stopGrace());
            LayerArchiver.Metadata metadata = archiver.archive(sandboxId, layer.get().upperDir(), layer.get().imageId());
            engine.remove(sandboxId);
            return metadata;
        } catch (IOException e) {
            throw new SandboxRunnerException("Archiving sandbox %s failed: %s".formatted(sandboxId, e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxRunnerException("interrupted while archiving sandbox " + sandboxId, e);
        }
    }

    /** Archives the upper directory of the sandbox's disk, then removes the container and the disk. */
    private LayerArchiver.Metadata archiveOwnDisk(String sandboxId, String imageId)
            throws SandboxRunnerException, IOException, InterruptedException {
        SandboxDisks sandboxDisks = disks(sandboxId);
        engine.stop(sandboxId, config.stopGrace());
        LayerArchiver.Metadata metadata;
        Path upper = sandboxDisks.mountDisk(sandboxId);
        try {
            metadata = archiver.archive(sandboxId, upper, imageId);
        } finally {
            sandboxDisks.detach(sandboxId);
        }
        engine.remove(sandboxId);
        sandboxDisks.delete(sandboxId);
        releaseUnusedImages();
        return metadata;
    }

    /**
     * Brings an archived sandbox back: a new container of the same image, the archived files
     * unpacked into its writable layer before it first starts, then started like any other.
     * The archive is removed once the container has it. A container found next to an archive is
     * what an interrupted restore left, and is made again.
     */
    public StartedSandbox ensureRestored(SandboxSpec spec) throws SandboxRunnerException {
        String id = spec.sandboxId();
        try {
            Optional<LayerArchiver.Metadata> archive = archiver.metadata(id);
            if (archive.isPresent()) {
                engine.remove(id);
                String image = ImageNames.local(spec.image());
                String imageId = engine.imageId(image).orElseThrow(() -> new SandboxRunnerException(
                        "Image %s of snapshot %s is not on this runner; put it back, then recover the sandbox".formatted(image, spec.image())));
                if (!sameImage(imageId, archive.get().imageId())) {
                    throw new SandboxRunnerException(("Snapshot %s is not the image sandbox %s was archived from (%s, now %s); "
                            + "restore the original image, then recover the sandbox").formatted(spec.image(), id, archive.get().imageId(), imageId));
                }
                if (disks.isPresent()) {
                    restoreOwnDisk(spec);
                } else {
                    create(spec);
                    Path upper = engine.writableLayer(id).orElseThrow(() -> new SandboxRunnerException(
                            "The container of sandbox %s disappeared while restoring".formatted(id))).upperDir();
                    archiver.restore(id, upper);
                }
            } else if (engine.inspect(id).isEmpty()) {
                throw new SandboxRunnerException("Sandbox %s has neither an archive nor a container on this runner; its files are lost"
                        .formatted(id), false);
            }
            StartedSandbox started = ensureStarted(spec);
            archiver.delete(id);
            return started;
        } catch (IOException e) {
            throw new SandboxRunnerException("Restoring sandbox %s failed: %s".formatted(id, e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxRunnerException("interrupted while restoring sandbox " + id, e);
        }
    }

    /**
     * Unpacks the archive into the upper directory of a new disk (of the sandbox's current disk
     * size: an archive larger than that fails with ENOSPC, recoverably), then makes the container
     * on it. A disk left by an interrupted restore is made again.
     */
    private void restoreOwnDisk(SandboxSpec spec) throws SandboxRunnerException, IOException, InterruptedException {
        String id = spec.sandboxId();
        SandboxDisks sandboxDisks = disks(id);
        sandboxDisks.delete(id);
        sandboxDisks.create(id, spec.diskGiB());
        Path upper = sandboxDisks.mountDisk(id);
        try {
            archiver.restore(id, upper);
        } catch (IOException | InterruptedException e) {
            sandboxDisks.detach(id);
            throw e;
        }
        create(spec);
    }

    private static boolean sameImage(String a, String b) {
        return a.replaceFirst("^sha256:", "").equals(b.replaceFirst("^sha256:", ""));
    }

    /**
     * Sets the sandbox's egress rules; done at every start, because a started container gets a
     * new network namespace. A sandbox whose rules cannot be set is not left running open.
     */
    public void applyNetwork(String sandboxId, NetworkPolicy policy) throws SandboxRunnerException {
        InspectContainerResponse container = engine.inspect(sandboxId)
                .filter(c -> Boolean.TRUE.equals(c.getState().getRunning()))
                .orElseThrow(() -> new SandboxRunnerException("Sandbox %s is not running; its network rules apply when it starts".formatted(sandboxId)));
        ContainerNetwork network = container.getNetworkSettings().getNetworks().values().stream()
                .filter(n -> n.getIpAddress() != null && !n.getIpAddress().isBlank())
                .findFirst()
                .orElseThrow(() -> new SandboxRunnerException("Sandbox %s has no network address".formatted(sandboxId)));
        try {
            SandboxFirewall.apply(container.getState().getPidLong(), policy,
                    SandboxFirewall.subnet(network.getIpAddress(), network.getIpPrefixLen()));
        } catch (IOException e) {
            engine.stop(sandboxId, Duration.ZERO);
            throw new SandboxRunnerException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxRunnerException("interrupted while setting network rules", e);
        }
    }

    public void ensureStopped(String sandboxId) {
        ensureStopped(sandboxId, false);
    }

    /** Stops the sandbox's container; {@code force} kills its processes at once instead of after the stop grace. */
    public void ensureStopped(String sandboxId, boolean force) {
        daemonUris.remove(sandboxId);
        // The engine cannot stop a paused container, and frozen processes could not take the grace period to exit.
        engine.inspect(sandboxId).filter(SandboxRunner::isPaused).ifPresent(paused -> engine.unpause(sandboxId));
        engine.stop(sandboxId, force ? Duration.ZERO : config.stopGrace());
        // A start that failed half-way may have left the host's mounts of the disk.
        disks.ifPresent(d -> {
            try {
                d.detach(sandboxId);
            } catch (IOException | IllegalArgumentException e) {
                org.slf4j.LoggerFactory.getLogger(SandboxRunner.class).warn("could not detach the disk of {}: {}", sandboxId, e.getMessage());
            }
        });
    }

    /** Removes the sandbox's container and its archive, whichever exist. */
    public void ensureDestroyed(String sandboxId) throws SandboxRunnerException {
        daemonUris.remove(sandboxId);
        engine.remove(sandboxId);
        try {
            if (disks.isPresent()) {
                disks.get().delete(sandboxId);
                releaseUnusedImages();
            }
            archiver.delete(sandboxId);
        } catch (IOException e) {
            throw new SandboxRunnerException("Could not remove the disk or archive of sandbox %s: %s".formatted(sandboxId, e.getMessage()), e);
        }
    }

    /** What this runner sees of every sandbox it hosts, from one engine call. */
    public Map<String, RunnerSandboxState> observe() {
        Map<String, RunnerSandboxState> states = new HashMap<>();
        for (ContainerEngine.ContainerSummary container : engine.containersLabelled(Map.of(LABEL_RUNNER, config.runnerId()))) {
            if (ImageHolds.isHold(container.labels())) {
                continue;
            }
            String sandboxId = container.labels().getOrDefault(LABEL_SANDBOX, container.name());
            states.put(sandboxId, container.paused() ? RunnerSandboxState.PAUSED
                    : container.running() ? RunnerSandboxState.RUNNING : RunnerSandboxState.STOPPED);
        }
        return states;
    }

    /**
     * Removes containers of this runner whose sandbox the control plane no longer knows, once
     * they are older than {@code grace} (a crash between creating a container and recording it
     * leaves such orphans).
     */
    public List<String> removeOrphans(Set<String> knownSandboxIds, Duration grace) {
        Instant cutoff = Instant.now().minus(grace);
        List<String> removed = new java.util.ArrayList<>();
        Set<String> withContainer = new java.util.HashSet<>();
        for (ContainerEngine.ContainerSummary container : engine.containersLabelled(Map.of(LABEL_RUNNER, config.runnerId()))) {
            if (ImageHolds.isHold(container.labels())) {
                continue;
            }
            String sandboxId = container.labels().getOrDefault(LABEL_SANDBOX, container.name());
            withContainer.add(sandboxId);
            if (!knownSandboxIds.contains(sandboxId) && container.created().isBefore(cutoff)) {
                daemonUris.remove(sandboxId);
                engine.remove(container.name());
                removeDisk(sandboxId);
                removed.add(sandboxId);
            }
        }
        // Disks whose container is gone and whose sandbox nobody knows (a crash before the container was made).
        if (disks.isPresent()) {
            try {
                for (SandboxDisks.Disk disk : disks.get().disks()) {
                    if (!withContainer.contains(disk.sandboxId()) && !knownSandboxIds.contains(disk.sandboxId()) && disk.created().isBefore(cutoff)) {
                        removeDisk(disk.sandboxId());
                        removed.add(disk.sandboxId());
                    }
                }
            } catch (IOException e) {
                org.slf4j.LoggerFactory.getLogger(SandboxRunner.class).warn("could not list the sandbox disks: {}", e.getMessage());
            }
            releaseUnusedImages();
        }
        return removed.stream().distinct().toList();
    }

    private void removeDisk(String sandboxId) {
        if (disks.isEmpty()) {
            return;
        }
        try {
            disks.get().delete(sandboxId);
        } catch (IOException | IllegalArgumentException e) {
            org.slf4j.LoggerFactory.getLogger(SandboxRunner.class).warn("could not remove the disk of {}: {}", sandboxId, e.getMessage());
        }
    }

    /**
     * Why a sandbox's stopped container exited, e.g. {@code exit code 137, killed for exceeding its
     * memory limit}; empty if it runs or does not exist.
     */
    public Optional<String> exitDescription(String sandboxId) {
        return engine.inspect(sandboxId)
                .filter(c -> !Boolean.TRUE.equals(c.getState().getRunning()))
                .map(c -> "exit code " + c.getState().getExitCodeLong()
                        + (Boolean.TRUE.equals(c.getState().getOOMKilled())
                                ? ", killed by the kernel: the sandbox as a whole ran out of its memory limit" : ""));
    }

    public RunnerSandboxState state(String sandboxId) {
        return engine.inspect(sandboxId)
                .map(c -> isPaused(c) ? RunnerSandboxState.PAUSED
                        : Boolean.TRUE.equals(c.getState().getRunning()) ? RunnerSandboxState.RUNNING : RunnerSandboxState.STOPPED)
                .orElse(RunnerSandboxState.MISSING);
    }

    /** Whether the container's processes are frozen; the engine still calls a paused container running. */
    private static boolean isPaused(InspectContainerResponse container) {
        return Boolean.TRUE.equals(container.getState().getPaused());
    }

    /** Where the sandbox's daemon listens, if the sandbox is running. */
    public Optional<URI> daemonUri(String sandboxId) {
        URI known = daemonUris.get(sandboxId);
        if (known != null) {
            return Optional.of(known);
        }
        // A paused daemon would take a request and never answer it: callers are told it is not running.
        return engine.inspect(sandboxId)
                .filter(c -> Boolean.TRUE.equals(c.getState().getRunning()) && !isPaused(c))
                .flatMap(this::address)
                .map(uri -> {
                    daemonUris.put(sandboxId, uri);
                    return uri;
                });
    }

    /**
     * Starts a process in a running sandbox, as the sandbox's user, with its streams attached to
     * the caller (the SSH gateway's shells, commands and SFTP).
     */
    public ExecAttachment attach(String sandboxId, AttachRequest request) throws IOException {
        return ExecAttachment.start(engine, runningContainer(sandboxId).getId(), request);
    }

    /** Opens a TCP connection from inside the sandbox (its loopback is its own), for SSH port forwarding. */
    public Socket connect(String sandboxId, String host, int port) throws IOException {
        long pid = runningContainer(sandboxId).getState().getPidLong();
        InetSocketAddress target = new InetSocketAddress(host.equals("localhost") ? "127.0.0.1" : host, port);
        if (target.isUnresolved()) {
            throw new IOException("unknown host " + host);
        }
        return NamespaceSocket.connect(pid, target, 5_000);
    }

    private InspectContainerResponse runningContainer(String sandboxId) throws IOException {
        InspectContainerResponse container = engine.inspect(sandboxId)
                .filter(c -> Boolean.TRUE.equals(c.getState().getRunning()))
                .orElseThrow(() -> new IOException("Sandbox %s is not running".formatted(sandboxId)));
        if (isPaused(container)) {
            throw new IOException("Sandbox %s is paused; start it to resume it".formatted(sandboxId));
        }
        return container;
    }

    private void create(SandboxSpec spec) throws SandboxRunnerException {
        String image = ImageNames.local(spec.image());
        List<String> ownCommand = engine.imageCommand(image).orElseThrow(() -> new SandboxRunnerException(
                "Image %s of snapshot %s is not on this runner; build or pull it first (./scripts/setup.sh builds the default one)"
                        .formatted(image, spec.image())));
        List<String> imageCommand = spec.entrypoint().isEmpty() ? ownCommand : spec.entrypoint();
        Map<String, String> env = new HashMap<>(spec.env());
        env.put("DAYTONA_SANDBOX_ID", spec.sandboxId());
        env.put("DAYTONA_SANDBOX_SNAPSHOT", spec.image());
        env.put("DAYTONA_SANDBOX_USER", spec.user());
        env.put("DAYTONA_ORGANIZATION_ID", spec.organizationId());
        env.put("DAYTONA_DAEMON_PORT", String.valueOf(config.daemonPort()));
        // Java encodes file names and command arguments in the locale's charset, ASCII when none is
        // set, so without this the daemon could not touch a file named "ü.txt". Go's daemon uses bytes.
        if (!env.containsKey("LANG") && !env.containsKey("LC_ALL")) {
            env.put("LANG", "C.UTF-8");
        }
        Map<String, String> labels = new HashMap<>(Map.of(
                LABEL_PLATFORM, "daytona",
                LABEL_SANDBOX, spec.sandboxId(),
                LABEL_RUNNER, config.runnerId(),
                LABEL_ORGANIZATION, spec.organizationId()));
        if (SandboxSpec.WARM_POOL.equals(spec.organizationId())) {
            labels.put(LABEL_WARM_POOL, "true");
        }
        HostConfig host = HostConfig.newHostConfig()
                .withBinds(binds(spec))
                .withCpuPeriod(CPU_PERIOD)
                .withCpuQuota(spec.cpu() * CPU_PERIOD)
                .withMemory(spec.memoryGiB() * GIB)
                .withMemorySwap(spec.memoryGiB() * GIB)
                .withPidsLimit(config.pidsLimit())
                .withInit(true);
        ContainerEngine.ContainerSpec container = new ContainerEngine.ContainerSpec(spec.sandboxId(), image, spec.user(),
                daemon.entrypoint(imageCommand), env, labels, host);
        if (disks.isPresent()) {
            createOnOwnDisk(spec, container);
        } else {
            engine.create(container);
        }
    }

    /**
     * Makes the sandbox's disk (of its disk size) and the container on the overlay of the image
     * and that disk, while the image is held. The image's environment and working directory,
     * which the engine applies only to containers made from images, are applied here.
     */
    private void createOnOwnDisk(SandboxSpec spec, ContainerEngine.ContainerSpec container) throws SandboxRunnerException {
        String id = spec.sandboxId();
        SandboxDisks sandboxDisks = disks.orElseThrow();
        try {
            ContainerEngine.ImageFilesystem image = engine.imageFilesystem(container.image()).orElseThrow(() -> new SandboxRunnerException(
                    "Image %s of snapshot %s is not on this runner".formatted(container.image(), spec.image())));
            Map<String, String> env = new java.util.LinkedHashMap<>();
            for (String variable : image.env()) {
                int equals = variable.indexOf('=');
                if (equals > 0) {
                    env.put(variable.substring(0, equals), variable.substring(equals + 1));
                }
            }
            env.put("container", "podman");
            env.putAll(container.env());
            Map<String, String> labels = new HashMap<>(container.labels());
            labels.put(ImageHolds.LABEL_IMAGE, image.imageId());
            holds.whileHeld(image.imageId(), () -> {
                sandboxDisks.create(id, spec.diskGiB());
                Path root = sandboxDisks.mountRoot(id, image.layers());
                // Numeric ids: the engine looks a user name up in the root directory at every exec,
                // and the host's view of it is gone once the sandbox runs.
                ImageUsers.User user = ImageUsers.resolve(root, container.user());
                ImageUsers.ensureWorkingDirectory(root, image.workingDir(), user);
                env.putIfAbsent("HOME", user.home());
                ContainerEngine.ContainerSpec onDisk = new ContainerEngine.ContainerSpec(container.name(), container.image(), user.ids(),
                        container.entrypoint(), env, labels, container.hostConfig());
                engine.createOnRootfs(onDisk, new ContainerEngine.RootfsOptions(root, image.workingDir(),
                        Optional.of(config.runtime().engineValue())));
            });
        } catch (Exception e) {
            try {
                sandboxDisks.detach(id);
            } catch (IOException detach) {
                e.addSuppressed(detach);
            }
            if (e instanceof SandboxRunnerException runnerException) {
                throw runnerException;
            }
            throw new SandboxRunnerException("Could not create sandbox %s on its own disk: %s".formatted(id, e.getMessage()), e);
        }
    }

    private List<com.github.dockerjava.api.model.Bind> binds(SandboxSpec spec) throws SandboxRunnerException {
        List<com.github.dockerjava.api.model.Bind> binds = new java.util.ArrayList<>(daemon.binds());
        binds.addAll(VolumeBinds.of(spec.volumes()));
        return binds;
    }

    private StartedSandbox awaitDaemon(String name) throws SandboxRunnerException {
        Instant deadline = Instant.now().plus(config.daemonStartTimeout());
        URI base = null;
        Instant nextInspect = Instant.now();
        while (Instant.now().isBefore(deadline)) {
            if (Thread.currentThread().isInterrupted()) {
                throw new SandboxRunnerException("interrupted while waiting for the daemon of sandbox " + name);
            }
            // Polling the daemon is cheap; inspecting the container costs an engine call, so it
            // only runs until the address is known and then now and then to notice an early exit.
            if (base == null || Instant.now().isAfter(nextInspect)) {
                InspectContainerResponse container = engine.inspect(name).orElseThrow(() ->
                        new SandboxRunnerException("The container of sandbox %s disappeared while starting".formatted(name)));
                if (!Boolean.TRUE.equals(container.getState().getRunning())) {
                    throw new SandboxRunnerException("Sandbox %s exited while starting (exit code %s, OOM killed: %s). Last output:%n%s"
                            .formatted(name, container.getState().getExitCodeLong(), container.getState().getOOMKilled(), engine.tail(name, 20)));
                }
                base = address(container).orElse(null);
                nextInspect = Instant.now().plus(INSPECT_INTERVAL);
            }
            Optional<String> version = base == null ? Optional.empty() : version(base);
            if (version.isPresent()) {
                daemonUris.put(name, base);
                return new StartedSandbox(base, version.get());
            }
            sleep(Duration.ofMillis(5));
        }
        throw new SandboxRunnerException("The daemon of sandbox %s did not answer within %s. Last output:%n%s"
                .formatted(name, config.daemonStartTimeout(), engine.tail(name, 20)));
    }

    private Optional<URI> address(InspectContainerResponse container) {
        String ip = container.getNetworkSettings().getIpAddress();
        if (ip == null || ip.isBlank()) {
            ip = container.getNetworkSettings().getNetworks().values().stream()
                    .map(ContainerNetwork::getIpAddress)
                    .filter(a -> a != null && !a.isBlank())
                    .findFirst()
                    .orElse(null);
        }
        return ip == null ? Optional.empty() : Optional.of(URI.create("http://" + ip + ":" + config.daemonPort()));
    }

    private Optional<String> version(URI base) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(base.resolve("/version")).timeout(Duration.ofSeconds(1)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            return Optional.of(JSON.readValue(response.body(), VersionResponse.class).version());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
