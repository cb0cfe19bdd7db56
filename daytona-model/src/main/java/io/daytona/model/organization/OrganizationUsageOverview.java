package io.daytona.model.organization;

import java.util.List;

/** {@code GET /api/organizations/{id}/usage}: quotas next to what is used. */
public record OrganizationUsageOverview(List<RegionUsageOverview> regionUsage, int totalSnapshotQuota, int currentSnapshotUsage,
                                        int totalVolumeQuota, int currentVolumeUsage) {
    public OrganizationUsageOverview {
        regionUsage = List.copyOf(regionUsage);
    }
}
