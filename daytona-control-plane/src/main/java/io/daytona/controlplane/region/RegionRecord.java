package io.daytona.controlplane.region;

import static java.util.Objects.requireNonNull;

import io.daytona.model.region.Region;
import java.time.Instant;

/**
 * A region row. {@code organizationId} is null for a shared region (the server's default one),
 * which every organization may use; a custom region is one organization's.
 */
public record RegionRecord(String id, String name, String organizationId, String regionType, String proxyUrl, String sshGatewayUrl,
                           String snapshotManagerUrl, Instant createdAt, Instant updatedAt) {
    public static final String SHARED = "shared";
    public static final String CUSTOM = "custom";

    public RegionRecord {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(regionType, "regionType is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }

    public boolean shared() {
        return organizationId == null;
    }

    /** Whether the organization may use (see, place sandboxes in) this region. */
    public boolean visibleTo(String organization) {
        return shared() || organizationId.equals(organization);
    }

    public Region toDto() {
        return new Region(id, name, organizationId, regionType, createdAt, updatedAt, proxyUrl, sshGatewayUrl, snapshotManagerUrl);
    }
}
