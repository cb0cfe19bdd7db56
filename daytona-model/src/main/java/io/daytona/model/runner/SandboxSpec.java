package io.daytona.model.runner;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * What a runner needs to run one sandbox: its identity, image, user, environment and limits.
 *
 * @param sandboxId the sandbox's id; also the container's name
 * @param organizationId the owning organization
 * @param image the snapshot's image reference
 * @param user the user the daemon and user code run as
 * @param env extra environment variables
 * @param cpu CPU cores
 * @param memoryGiB memory limit in GiB
 * @param diskGiB disk limit in GiB
 * @param network where the sandbox may connect to
 * @param volumes volumes to mount, in order
 * @param entrypoint the snapshot's entrypoint; empty runs the image's own entrypoint and command
 */
public record SandboxSpec(
        String sandboxId,
        String organizationId,
        String image,
        String user,
        Map<String, String> env,
        int cpu,
        int memoryGiB,
        int diskGiB,
        NetworkPolicy network,
        List<VolumeMount> volumes,
        List<String> entrypoint) {

    /** The organization of warm-pool sandboxes, which belong to nobody until claimed. */
    public static final String WARM_POOL = "warm-pool";

    public SandboxSpec {
        requireNonNull(sandboxId, "sandboxId is null");
        requireNonNull(organizationId, "organizationId is null");
        requireNonNull(image, "image is null");
        requireNonNull(user, "user is null");
        env = Map.copyOf(env);
        requireNonNull(network, "network is null");
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
    }

    /** A sandbox without volumes. */
    public SandboxSpec(String sandboxId, String organizationId, String image, String user, Map<String, String> env,
                       int cpu, int memoryGiB, int diskGiB, NetworkPolicy network) {
        this(sandboxId, organizationId, image, user, env, cpu, memoryGiB, diskGiB, network, List.of(), List.of());
    }

    /** This spec with another image reference and entrypoint (a snapshot's name resolved to what it runs). */
    public SandboxSpec withImage(String value, List<String> entrypointValue) {
        return new SandboxSpec(sandboxId, organizationId, value, user, env, cpu, memoryGiB, diskGiB, network, volumes, entrypointValue);
    }

    /** This spec with the given volumes. */
    public SandboxSpec withVolumes(List<VolumeMount> value) {
        return new SandboxSpec(sandboxId, organizationId, image, user, env, cpu, memoryGiB, diskGiB, network, value, entrypoint);
    }
}
