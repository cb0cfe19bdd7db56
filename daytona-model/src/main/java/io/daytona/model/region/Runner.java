package io.daytona.model.region;

import java.time.Instant;
import java.util.List;

/**
 * A runner as {@code /api/runners} reports it: its capacity (cores, GiB: the capacity its
 * operator declared, else its host's resources), what is allocated to sandboxes, the host's
 * current use in percent, its health ({@code state}: initializing, ready or unresponsive) and
 * whether new sandboxes may go to it ({@code unschedulable}, and {@code draining}, an addition to
 * the reference's fields).
 */
public record Runner(String id, String domain, String apiUrl, String proxyUrl, double cpu, double memory, double disk, Integer gpu,
                     String gpuType, String sandboxClass, double currentCpuUsagePercentage, double currentMemoryUsagePercentage,
                     double currentDiskUsagePercentage, double currentAllocatedCpu, double currentAllocatedMemoryGiB,
                     double currentAllocatedDiskGiB, int currentSnapshotCount, int currentStartedSandboxes, double availabilityScore,
                     String region, String name, String state, Instant lastChecked, boolean unschedulable, List<String> tags,
                     Instant createdAt, Instant updatedAt, String version, String apiVersion, String runnerClass, String appVersion, boolean draining) {
    public Runner {
        tags = List.copyOf(tags);
    }
}
