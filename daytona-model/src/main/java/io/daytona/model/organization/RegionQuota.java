package io.daytona.model.organization;

/** An organization's quota in one region for one sandbox class (cores and GiB). */
public record RegionQuota(String organizationId, String regionId, String sandboxClass, int totalCpuQuota, int totalMemoryQuota,
                          int totalDiskQuota, int totalGpuQuota, int maxCpuPerSandbox, int maxMemoryPerSandbox, int maxDiskPerSandbox,
                          int maxDiskPerNonEphemeralSandbox, int maxCpuPerGpuSandbox, int maxMemoryPerGpuSandbox, int maxDiskPerGpuSandbox) {}
