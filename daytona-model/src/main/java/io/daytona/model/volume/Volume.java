package io.daytona.model.volume;

import java.time.Instant;

/**
 * A volume as the API shows it ({@code VolumeDto}): shared storage that outlives sandboxes and
 * can be mounted into many of them at once.
 *
 * @param errorReason why the volume is in {@code error}; null otherwise
 */
public record Volume(
        String id,
        String name,
        String organizationId,
        VolumeState state,
        Instant createdAt,
        Instant updatedAt,
        Instant lastUsedAt,
        String errorReason) {}
