package io.daytona.controlplane.snapshot;

import io.daytona.model.sandbox.BuildInfo;
import io.daytona.model.snapshot.Snapshot;
import io.daytona.model.snapshot.SnapshotState;
import java.time.Instant;
import java.util.List;

/**
 * A snapshot row. {@code imageRef} is what runners run: the image as named, or the tag of the
 * image a build made. {@code sandboxBuild} marks a build made for {@code CreateSandbox.buildInfo},
 * which is not listed among the organization's snapshots.
 */
public record SnapshotRecord(
        String id,
        String organizationId,
        boolean general,
        String name,
        String imageName,
        String imageRef,
        SnapshotState state,
        String errorReason,
        List<String> entrypoint,
        int cpu,
        int gpu,
        int mem,
        int disk,
        Double sizeGb,
        String dockerfile,
        List<String> contextHashes,
        boolean sandboxBuild,
        Instant createdAt,
        Instant updatedAt,
        Instant lastUsedAt) {

    public SnapshotRecord {
        entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
        contextHashes = contextHashes == null ? List.of() : List.copyOf(contextHashes);
    }

    public boolean isBuild() {
        return dockerfile != null;
    }

    /** Whether this server made the image, by a build or by a commit of a sandbox, and may remove it. */
    public boolean ownsImage() {
        return isBuild() || imageName == null && !general && imageRef != null && imageRef.startsWith("daytona-snapshots/");
    }

    Snapshot toDto(String region) {
        BuildInfo buildInfo = isBuild() ? new BuildInfo(dockerfile, contextHashes, createdAt, updatedAt, imageRef) : null;
        // size is required on the wire; 0 until the image exists and its size is known
        return new Snapshot(id, organizationId, general, name, imageName, state, sizeGb == null ? 0.0 : sizeGb, entrypoint, cpu, gpu, null, mem, disk,
                errorReason == null ? "" : errorReason, createdAt, updatedAt, lastUsedAt == null ? createdAt : lastUsedAt, buildInfo,
                List.of(region), null, imageRef, "container");
    }
}
