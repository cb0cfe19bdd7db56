package io.daytona.model.snapshot;

import io.daytona.model.sandbox.BuildInfo;
import java.time.Instant;
import java.util.List;

/**
 * A snapshot as the API shows it ({@code SnapshotDto}): a sandbox template made from an image or
 * a Dockerfile build. {@code mem} and {@code disk} are GiB; {@code general} snapshots belong to
 * no organization and every organization can use them.
 */
public record Snapshot(
        String id,
        String organizationId,
        boolean general,
        String name,
        String imageName,
        SnapshotState state,
        Double size,
        List<String> entrypoint,
        int cpu,
        int gpu,
        String gpuType,
        int mem,
        int disk,
        String errorReason,
        Instant createdAt,
        Instant updatedAt,
        Instant lastUsedAt,
        BuildInfo buildInfo,
        List<String> regionIds,
        String initialRunnerId,
        String ref,
        String sandboxClass) {

    public Snapshot {
        entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
        regionIds = regionIds == null ? List.of() : List.copyOf(regionIds);
    }
}
