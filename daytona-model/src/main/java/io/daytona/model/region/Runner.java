package io.daytona.model.region;

import java.time.Instant;
import java.util.List;

/**
 * A runner as {@code /api/runners} reports it: its capacity (cores, GiB), what is allocated to
 * sandboxes, the host's current use in percent, and its health ({@code state}: ready or unresponsive).
 */
public record Runner(String id, String domain, String apiUrl, String proxyUrl, double cpu, double memory, double disk, Integer gpu,
                     String gpuType, String sandboxClass, double currentCpuUsagePercentage, double currentMemoryUsagePercentage,
                     double currentDiskUsagePercentage, double currentAllocatedCpu, double currentAllocatedMemoryGiB,
                     double currentAllocatedDiskGiB, int currentSnapshotCount, int currentStartedSandboxes, double availabilityScore,
                     String region, String name, String state, Instant lastChecked, boolean unschedulable, List<String> tags,
                     Instant createdAt, Instant updatedAt, String version, String apiVersion, String runnerClass, String appVersion) {
    public Runner {
        tags = List.copyOf(tags);
    }
}
