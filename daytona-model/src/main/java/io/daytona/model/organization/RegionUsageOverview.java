package io.daytona.model.organization;

/** An organization's quota and current use in one region (GiB for memory and disk). */
public record RegionUsageOverview(String regionId, String sandboxClass, int totalCpuQuota, int currentCpuUsage,
                                  int totalMemoryQuota, int currentMemoryUsage, int totalDiskQuota, int currentDiskUsage,
                                  int totalGpuQuota, int currentGpuUsage, int maxCpuPerSandbox, int maxMemoryPerSandbox,
                                  int maxDiskPerSandbox, int maxDiskPerNonEphemeralSandbox, int maxCpuPerGpuSandbox,
                                  int maxMemoryPerGpuSandbox, int maxDiskPerGpuSandbox) {}
