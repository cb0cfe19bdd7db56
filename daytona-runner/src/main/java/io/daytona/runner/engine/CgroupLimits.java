package io.daytona.runner.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Changes a running container's CPU quota and memory limit by writing its cgroup (v1) files, for
 * runtimes that cannot: gVisor's {@code runsc} has no {@code update} command, so the engine's
 * update fails for its containers, although the host's cgroup is what limits the whole sandbox.
 */
public final class CgroupLimits {
    private static final Path ROOT = Path.of("/sys/fs/cgroup");

    private CgroupLimits() {}

    /**
     * Writes the limits under {@code cgroupPath} (the engine's {@code State.CgroupPath}, e.g.
     * {@code /libpod_parent/libpod-<id>}).
     */
    public static void apply(String cgroupPath, long cpuQuota, long cpuPeriod, long memoryBytes) throws IOException {
        if (cgroupPath == null || cgroupPath.isBlank() || cgroupPath.contains("..")) {
            throw new IOException("the container has no cgroup path to write its limits to");
        }
        Path cpu = ROOT.resolve("cpu" + cgroupPath);
        Path memory = ROOT.resolve("memory" + cgroupPath);
        if (!Files.isDirectory(cpu) || !Files.isDirectory(memory)) {
            throw new IOException("the container's cgroup " + cgroupPath + " is not a cgroup v1 hierarchy under " + ROOT
                    + "; this runtime's limits cannot change while the sandbox runs");
        }
        Files.writeString(cpu.resolve("cpu.cfs_period_us"), Long.toString(cpuPeriod));
        Files.writeString(cpu.resolve("cpu.cfs_quota_us"), Long.toString(cpuQuota));
        Path limit = memory.resolve("memory.limit_in_bytes");
        Path withSwap = memory.resolve("memory.memsw.limit_in_bytes");
        // memory + swap may never be below memory: raise it first when growing, lower it last when shrinking.
        boolean growing = memoryBytes >= Long.parseLong(Files.readString(limit).strip());
        if (growing && Files.exists(withSwap)) {
            Files.writeString(withSwap, Long.toString(memoryBytes));
        }
        Files.writeString(limit, Long.toString(memoryBytes));
        if (!growing && Files.exists(withSwap)) {
            Files.writeString(withSwap, Long.toString(memoryBytes));
        }
    }
}
