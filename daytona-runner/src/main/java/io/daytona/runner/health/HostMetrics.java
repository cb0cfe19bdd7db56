package io.daytona.runner.health;

import static java.util.Objects.requireNonNull;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.daytona.model.runner.RunnerCapacity;
import io.daytona.model.runner.RunnerHealthMetrics;
import io.daytona.model.runner.RunnerHealthcheck;
import io.daytona.model.runner.RunnerServiceHealth;
import io.daytona.runner.SandboxRunner;
import io.daytona.runner.engine.ContainerEngine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Measures a runner for its healthcheck: the host's cores, memory and disk (the file system of
 * the runner's data directory) and their use, the load average, what the runner's running
 * containers were given (CPU quota, memory limit), how many run, how many images the engine has,
 * and whether the engine answers.
 */
public final class HostMetrics {
    private static final double GIB = 1024.0 * 1024 * 1024;

    private final ContainerEngine engine;
    private final String runnerId;
    private final Path dataDirectory;
    private final Optional<RunnerCapacity> capacity;

    public HostMetrics(ContainerEngine engine, String runnerId, Path dataDirectory, Optional<RunnerCapacity> capacity) {
        this.engine = requireNonNull(engine, "engine is null");
        this.runnerId = requireNonNull(runnerId, "runnerId is null");
        this.dataDirectory = requireNonNull(dataDirectory, "dataDirectory is null");
        this.capacity = requireNonNull(capacity, "capacity is null");
    }

    /**
     * A healthcheck of the runner now.
     *
     * @param apiUrl where the runner's API is reached (null for the embedded runner)
     */
    public RunnerHealthcheck measure(String apiUrl, String appVersion) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int cores = os.getAvailableProcessors();
        long totalMemory = os.getTotalMemorySize();
        double memoryUse = 100.0 * (totalMemory - availableMemory(os)) / Math.max(1, totalMemory);
        double cpuUse = Math.max(0, os.getCpuLoad() * 100);
        double load = Math.max(0, os.getSystemLoadAverage());
        double disk = 0;
        double diskUse = 0;
        try {
            FileStore store = Files.getFileStore(dataDirectory);
            disk = store.getTotalSpace() / GIB;
            diskUse = 100.0 * (store.getTotalSpace() - store.getUsableSpace()) / Math.max(1, store.getTotalSpace());
        } catch (IOException e) {
            // the disk is reported as unknown (0)
        }
        double allocatedCpu = 0;
        double allocatedMemory = 0;
        int started = 0;
        int images = 0;
        RunnerServiceHealth engineHealth;
        try {
            for (ContainerEngine.ContainerSummary container : engine.containersLabelled(Map.of(SandboxRunner.LABEL_RUNNER, runnerId))) {
                if (!container.running()) {
                    continue;
                }
                started++;
                Optional<InspectContainerResponse> inspected = engine.inspect(container.name());
                if (inspected.isPresent() && inspected.get().getHostConfig() != null) {
                    var host = inspected.get().getHostConfig();
                    if (host.getCpuQuota() != null && host.getCpuPeriod() != null && host.getCpuPeriod() > 0) {
                        allocatedCpu += (double) host.getCpuQuota() / host.getCpuPeriod();
                    }
                    if (host.getMemory() != null) {
                        allocatedMemory += host.getMemory() / GIB;
                    }
                }
            }
            images = engine.imageCount();
            engineHealth = new RunnerServiceHealth("engine", true, null);
        } catch (RuntimeException e) {
            engineHealth = new RunnerServiceHealth("engine", false, "the container engine does not answer: " + e.getMessage());
        }
        RunnerHealthMetrics metrics = new RunnerHealthMetrics(round(load), round(cpuUse), round(memoryUse), round(diskUse),
                round(allocatedCpu), round(allocatedMemory), 0, images, started, cores, round(totalMemory / GIB), round(disk), null, null);
        return new RunnerHealthcheck(metrics, List.of(engineHealth), null, apiUrl, apiUrl, appVersion, capacity.orElse(null));
    }

    /** MemAvailable from /proc/meminfo (free memory plus what the kernel can reclaim), else the JVM's free figure. */
    private static long availableMemory(com.sun.management.OperatingSystemMXBean os) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall back below
        }
        return os.getFreeMemorySize();
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
