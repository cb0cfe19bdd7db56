package io.daytona.controlplane.volume;

import io.daytona.model.volume.Volume;
import io.daytona.model.volume.VolumeState;
import java.time.Instant;

/** A volume row. */
public record VolumeRecord(
        String id,
        String organizationId,
        String name,
        VolumeState state,
        String errorReason,
        Instant createdAt,
        Instant updatedAt,
        Instant lastUsedAt) {

    Volume toDto() {
        return new Volume(id, name, organizationId, state, createdAt, updatedAt, lastUsedAt, errorReason == null ? "" : errorReason);
    }
}
