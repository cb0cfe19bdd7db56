package io.daytona.controlplane.sandbox;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The runners sandboxes run on, as the reconciler and the sandbox service use them: the runtime
 * of the runner hosting a sandbox, the choice of a runner for a sandbox that has none, and the
 * runners that stopped reporting.
 */
public interface Fleet {
    /**
     * The runtime of runner {@code runnerId}, to act on a sandbox it hosts.
     *
     * @throws SandboxRuntimeException when that runner cannot be used now (unresponsive: recoverable), or no longer exists
     */
    SandboxRuntime runtime(String runnerId) throws SandboxRuntimeException;

    /**
     * Chooses the runner a sandbox without one goes to (a create, a restore) and records it on the
     * sandbox: a ready, schedulable runner of its region with room for it, preferring one that
     * has its snapshot's image.
     *
     * @throws SandboxRuntimeException (recoverable) when no runner can take it now
     */
    String place(SandboxRecord sandbox) throws SandboxRuntimeException;

    /** Fails with 503, saying why, unless a sandbox of these resources could be placed in the region now. */
    void requireRoom(String region, int cpu, int memoryGiB, int diskGiB);

    /**
     * Fails with 503, saying why, unless runner {@code runnerId} could take a sandbox of these
     * resources now (a fork goes to its source's runner, where the source's files are).
     */
    default void requireRoomOn(String runnerId, int cpu, int memoryGiB, int diskGiB) {}

    /** Whether a sandbox of these resources could be placed in the region now. */
    boolean hasRoom(String region, int cpu, int memoryGiB, int diskGiB);

    /** The runners whose containers can be compared with the database now, by runner id. */
    Map<String, SandboxRuntime> reachable();

    /**
     * Runners that stopped reporting since the last call, now unresponsive; the reconciler
     * records their sandboxes in error.
     */
    List<LostRunner> detectLost();

    /** Whether some runner has {@code image}. */
    boolean hasImage(String image);

    /** A runner that stopped reporting: its id, name and its last report (null if it never reported). */
    record LostRunner(String id, String name, Instant lastChecked) {}

    /** One runner that hosts everything and never goes away: tests, and the platform's simplest form. */
    static Fleet of(SandboxRuntime runtime) {
        requireNonNull(runtime, "runtime is null");
        return new Fleet() {
            @Override
            public SandboxRuntime runtime(String runnerId) {
                return runtime;
            }

            @Override
            public String place(SandboxRecord sandbox) {
                return runtime.runnerId();
            }

            @Override
            public void requireRoom(String region, int cpu, int memoryGiB, int diskGiB) {}

            @Override
            public boolean hasRoom(String region, int cpu, int memoryGiB, int diskGiB) {
                return true;
            }

            @Override
            public Map<String, SandboxRuntime> reachable() {
                return Map.of(runtime.runnerId(), runtime);
            }

            @Override
            public List<LostRunner> detectLost() {
                return List.of();
            }

            @Override
            public boolean hasImage(String image) {
                return runtime.hasImage(image);
            }
        };
    }
}
