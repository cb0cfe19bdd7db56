package io.daytona.model.runner;

/**
 * What a runner measures of its host and its sandboxes, reported with every healthcheck.
 * Percentages are 0 to 100; {@code cpu}, {@code memoryGiB} and {@code diskGiB} are the host's
 * resources.
 */
public record RunnerHealthMetrics(
        double currentCpuLoadAverage,
        double currentCpuUsagePercentage,
        double currentMemoryUsagePercentage,
        double currentDiskUsagePercentage,
        double currentAllocatedCpu,
        double currentAllocatedMemoryGiB,
        double currentAllocatedDiskGiB,
        int currentSnapshotCount,
        int currentStartedSandboxes,
        double cpu,
        double memoryGiB,
        double diskGiB,
        Integer gpu,
        String gpuType) {}
