package io.daytona.controlplane.volume;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.auth.Caller;
import io.daytona.controlplane.sandbox.SandboxVolumes;
import io.daytona.http.ServiceException;
import io.daytona.model.runner.VolumeMount;
import io.daytona.model.sandbox.SandboxVolume;
import io.daytona.model.volume.VolumeState;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Volume use cases, and the volumes of sandboxes for sandbox create and the reconciler. */
public final class VolumeService implements SandboxVolumes {
    private static final Logger LOG = LoggerFactory.getLogger(VolumeService.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    private final VolumeRepository repository;
    private final VolumeStore store;
    private final Clock clock;

    public VolumeService(VolumeRepository repository, VolumeStore store, Clock clock) {
        this.repository = requireNonNull(repository, "repository is null");
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Creates the volume's storage at once; the volume is {@code ready} when this returns, or {@code error}. */
    public VolumeRecord create(Caller caller, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ServiceException.badRequest("name %s is invalid: use 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit",
                    name == null ? "(missing)" : "'" + name + "'");
        }
        if (repository.nameTaken(caller.organizationId(), name)) {
            throw ServiceException.conflict("Volume with name %s already exists; choose another name or use the existing volume", name);
        }
        Instant now = clock.instant();
        VolumeRecord record = new VolumeRecord(UUID.randomUUID().toString(), caller.organizationId(), name,
                VolumeState.PENDING_CREATE, null, now, now, null);
        try {
            repository.insert(record);
        } catch (RuntimeException e) {
            if (repository.nameTaken(caller.organizationId(), name)) {
                throw ServiceException.conflict("Volume with name %s already exists; choose another name or use the existing volume", name);
            }
            throw e;
        }
        repository.recordState(record.id(), VolumeState.CREATING, null, clock.instant());
        try {
            store.ensureCreated(record.id());
            repository.recordState(record.id(), VolumeState.READY, null, clock.instant());
        } catch (IOException | RuntimeException e) {
            LOG.warn("volume {} could not be created", record.id(), e);
            repository.recordState(record.id(), VolumeState.ERROR, "Could not create the volume's storage: " + e.getMessage(), clock.instant());
        }
        return repository.findById(caller.organizationId(), record.id()).orElseThrow();
    }

    public VolumeRecord get(Caller caller, String id) {
        return repository.findById(caller.organizationId(), id)
                .orElseThrow(() -> ServiceException.notFound("Volume with ID %s not found", id));
    }

    public VolumeRecord getByName(Caller caller, String name) {
        return repository.findByName(caller.organizationId(), name)
                .orElseThrow(() -> ServiceException.notFound("Volume with name %s not found", name));
    }

    public List<VolumeRecord> list(Caller caller, boolean includeDeleted) {
        return repository.list(caller.organizationId(), includeDeleted);
    }

    /**
     * Marks the volume for deletion and removes its data in the background. Refused with 409
     * while a sandbox that is not destroyed mounts it.
     */
    public void delete(Caller caller, String id) {
        VolumeRecord volume = get(caller, id);
        if (volume.state() == VolumeState.DELETED || volume.state() == VolumeState.PENDING_DELETE || volume.state() == VolumeState.DELETING) {
            throw ServiceException.badRequest("Volume %s is already %s", id, volume.state().wireValue());
        }
        if (!repository.markForDeletion(volume.id(), clock.instant())) {
            List<String> users = repository.mountedBy(volume.id());
            if (!users.isEmpty()) {
                throw ServiceException.conflict("Volume %s is in use by one or more sandboxes (%s); delete those sandboxes first",
                        volume.name(), String.join(", ", users));
            }
            throw ServiceException.badRequest("Volume %s is %s and cannot be deleted now; try again when it is ready",
                    volume.name(), volume.state().wireValue());
        }
        Thread.ofVirtual().name("volume-delete-" + volume.id()).start(() -> removeData(volume.id()));
    }

    private void removeData(String volumeId) {
        repository.recordState(volumeId, VolumeState.DELETING, null, clock.instant());
        try {
            store.ensureDeleted(volumeId);
            repository.recordState(volumeId, VolumeState.DELETED, null, clock.instant());
        } catch (IOException | RuntimeException e) {
            LOG.warn("volume {} could not be deleted", volumeId, e);
            repository.recordState(volumeId, VolumeState.ERROR, "Could not delete the volume's data: " + e.getMessage(), clock.instant());
        }
    }

    @Override
    public void check(String organizationId, List<SandboxVolume> volumes) {
        if (volumes == null) {
            return;
        }
        Set<String> mountPaths = new HashSet<>();
        for (SandboxVolume mount : volumes) {
            if (mount == null || mount.volumeId() == null || mount.volumeId().isBlank()) {
                throw ServiceException.badRequest("every volume needs a volumeId (the id of a volume made with POST /api/volumes)");
            }
            MountPaths.checkMountPath(mount.mountPath());
            MountPaths.normalizeSubpath(mount.subpath());
            if (!mountPaths.add(mount.mountPath().replaceAll("/+$", ""))) {
                throw ServiceException.badRequest("mountPath %s is used by two volumes; give each volume its own mount path", mount.mountPath());
            }
        }
        for (SandboxVolume mount : volumes) {
            VolumeRecord volume = repository.findById(organizationId, mount.volumeId())
                    .filter(v -> v.state() != VolumeState.DELETED)
                    .orElseThrow(() -> ServiceException.notFound("Volume %s not found; create it with POST /api/volumes and use its id",
                            mount.volumeId()));
            if (volume.state() != VolumeState.READY) {
                throw ServiceException.badRequest("Volume %s is %s, not ready; wait until it is ready or use another volume",
                        volume.name(), volume.state().wireValue());
            }
        }
    }

    @Override
    public void attach(String sandboxId, List<SandboxVolume> volumes) {
        if (volumes == null || volumes.isEmpty()) {
            return;
        }
        List<SandboxVolume> normalized = volumes.stream()
                .map(v -> new SandboxVolume(v.volumeId(), v.mountPath(), MountPaths.normalizeSubpath(v.subpath())))
                .toList();
        repository.attach(sandboxId, normalized, clock.instant());
    }

    @Override
    public List<SandboxVolume> of(String sandboxId) {
        return repository.mountsOf(sandboxId);
    }

    @Override
    public List<VolumeMount> mounts(String sandboxId) {
        return repository.mountsOf(sandboxId).stream()
                .map(v -> new VolumeMount(v.volumeId(), store.source(v.volumeId()), v.subpath(), v.mountPath()))
                .toList();
    }
}
