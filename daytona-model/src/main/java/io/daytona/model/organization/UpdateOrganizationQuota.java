package io.daytona.model.organization;

/**
 * {@code PATCH /api/organizations/{id}/quota}: every field optional, a null leaves it as it is.
 * The totals ({@code totalCpuQuota}…) are this server's single-region quota, also settable through
 * {@code PATCH /api/organizations/{id}/quota/{regionId}}.
 */
public record UpdateOrganizationQuota(
        Integer maxCpuPerSandbox, Integer maxMemoryPerSandbox, Integer maxDiskPerSandbox,
        Integer snapshotQuota, Integer maxSnapshotSize, Integer volumeQuota,
        Integer authenticatedRateLimit, Integer sandboxCreateRateLimit, Integer sandboxLifecycleRateLimit,
        Integer authenticatedRateLimitTtlSeconds, Integer sandboxCreateRateLimitTtlSeconds,
        Integer sandboxLifecycleRateLimitTtlSeconds, Integer snapshotDeactivationTimeoutMinutes,
        Integer totalCpuQuota, Integer totalMemoryQuota, Integer totalDiskQuota) {}
