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
import java.time.Duration;
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

    /** What the measurement asks of the engine; {@link #of(ContainerEngine)} in production, fakes in tests. */
    public interface Engine {
        boolean ping();

        /** The runner's containers, running or not. */
        List<ContainerEngine.ContainerSummary> containers(String runnerId);

        /** CPU cores and GiB of memory a container was given, if it still exists. */
        Optional<double[]> limits(String container);

        int imageCount();

        static Engine of(ContainerEngine engine) {
            requireNonNull(engine, "engine is null");
            return new Engine() {
                @Override
                public boolean ping() {
                    return engine.ping();
                }

                @Override
                public List<ContainerEngine.ContainerSummary> containers(String runnerId) {
                    return engine.containersLabelled(Map.of(SandboxRunner.LABEL_RUNNER, runnerId));
                }

                @Override
                public Optional<double[]> limits(String container) {
                    return engine.inspect(container).map(InspectContainerResponse::getHostConfig).map(host -> new double[] {
                            host.getCpuQuota() != null && host.getCpuPeriod() != null && host.getCpuPeriod() > 0
                                    ? (double) host.getCpuQuota() / host.getCpuPeriod() : 0,
                            host.getMemory() != null ? host.getMemory() / GIB : 0});
                }

                @Override
                public int imageCount() {
                    return engine.imageCount();
                }
            };
        }
    }

    private final Engine engine;
    private final String runnerId;
    private final Path dataDirectory;
    private final Optional<RunnerCapacity> capacity;
    private volatile int images;
    private final Duration pingRetry;

    public HostMetrics(ContainerEngine engine, String runnerId, Path dataDirectory, Optional<RunnerCapacity> capacity) {
        this(Engine.of(engine), runnerId, dataDirectory, capacity, Duration.ofSeconds(1));
    }

    /** @param pingRetry how long to wait before asking a silent engine again */
    public HostMetrics(Engine engine, String runnerId, Path dataDirectory, Optional<RunnerCapacity> capacity, Duration pingRetry) {
        this.pingRetry = requireNonNull(pingRetry, "pingRetry is null");
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
        try {
            for (ContainerEngine.ContainerSummary container : engine.containers(runnerId)) {
                if (!container.running() && !container.paused()) {
                    // stopped; a paused one still holds its memory
                    continue;
                }
                started++;
                Optional<double[]> limits = engine.limits(container.name());
                if (limits.isPresent()) {
                    allocatedCpu += limits.get()[0];
                    allocatedMemory += limits.get()[1];
                }
            }
        } catch (RuntimeException e) {
            // A container removed between the listing and its inspection, or a busy engine: the figures are partial this time.
        }
        try {
            images = engine.imageCount();
        } catch (RuntimeException e) {
            // Podman's image listing fails while another client removes an image; the last count stands.
        }
        // Only whether the engine answers decides health: a listing that races with another
        // client's removal is no reason to keep sandboxes away from the runner.
        RunnerServiceHealth engineHealth = answers() ? new RunnerServiceHealth("engine", true, null)
                : new RunnerServiceHealth("engine", false, "the container engine does not answer on its socket");
        RunnerHealthMetrics metrics = new RunnerHealthMetrics(round(load), round(cpuUse), round(memoryUse), round(diskUse),
                round(allocatedCpu), round(allocatedMemory), 0, images, started, cores, round(totalMemory / GIB), round(disk), null, null);
        return new RunnerHealthcheck(metrics, List.of(engineHealth), null, apiUrl, apiUrl, appVersion, capacity.orElse(null));
    }

    /** Whether the engine answers a ping, asked up to three times a second apart: a loaded engine may miss one. */
    private boolean answers() {
        for (int attempt = 0; attempt < 3; attempt++) {
            if (engine.ping()) {
                return true;
            }
            try {
                Thread.sleep(pingRetry);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
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
