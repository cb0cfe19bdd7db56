package io.daytona.model.organization;

/** {@code PATCH /api/organizations/{id}/quota/{regionId}}: the region's totals and per-sandbox maxima; null leaves a value. */
public record UpdateOrganizationRegionQuota(
        String sandboxClass, Integer totalCpuQuota, Integer totalMemoryQuota, Integer totalDiskQuota, Integer totalGpuQuota,
        Integer maxCpuPerSandbox, Integer maxMemoryPerSandbox, Integer maxDiskPerSandbox) {}
