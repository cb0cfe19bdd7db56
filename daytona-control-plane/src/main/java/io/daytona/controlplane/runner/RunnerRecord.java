package io.daytona.controlplane.runner;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * A runner row: identity and addresses, its state and scheduling flags, the host's resources and
 * use as last reported, and the capacity its operator declared (null: not limited).
 *
 * @param callToken the credential the platform calls the runner's API with
 * @param embedded whether this is the runner inside {@code daytona server}, called in-process
 * @param unhealthy why a service of the runner (its container engine) is unhealthy, or null
 */
public record RunnerRecord(
        String id, String name, String regionId, String callToken, boolean embedded, String apiUrl, String proxyUrl, String domain,
        String apiVersion, String appVersion, RunnerState state, boolean unschedulable, boolean draining, List<String> tags,
        double cpu, double memoryGiB, double diskGiB, Double capacityCpu, Double capacityMemoryGiB, Double capacityDiskGiB,
        double cpuLoadAverage, double cpuUsage, double memoryUsage, double diskUsage, int snapshotCount, double availabilityScore,
        String unhealthy, Instant lastChecked, Instant createdAt, Instant updatedAt) {
    public RunnerRecord {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(regionId, "regionId is null");
        requireNonNull(callToken, "callToken is null");
        requireNonNull(apiVersion, "apiVersion is null");
        requireNonNull(state, "state is null");
        tags = List.copyOf(tags);
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }

    /** Whether the operator declared a capacity, which then bounds what is placed on the runner. */
    public boolean capacityDeclared() {
        return capacityCpu != null && capacityMemoryGiB != null && capacityDiskGiB != null;
    }

    /** The CPU cores sandboxes may be given here in total: the declared capacity, else the host's. */
    public double offeredCpu() {
        return capacityCpu != null ? capacityCpu : cpu;
    }

    public double offeredMemoryGiB() {
        return capacityMemoryGiB != null ? capacityMemoryGiB : memoryGiB;
    }

    public double offeredDiskGiB() {
        return capacityDiskGiB != null ? capacityDiskGiB : diskGiB;
    }
}
