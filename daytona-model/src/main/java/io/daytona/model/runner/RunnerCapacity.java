package io.daytona.model.runner;

/**
 * What a runner offers sandboxes in total, as declared by its operator: the control plane places
 * no sandbox that would take the runner's allocation beyond it. A runner that declares none is
 * limited by its availability score only.
 */
public record RunnerCapacity(double cpu, double memoryGiB, double diskGiB) {
    public RunnerCapacity {
        if (cpu <= 0 || memoryGiB <= 0 || diskGiB <= 0) {
            throw new IllegalArgumentException("a runner's capacity must be positive, got %s cores, %s GiB memory, %s GiB disk"
                    .formatted(cpu, memoryGiB, diskGiB));
        }
    }
}
