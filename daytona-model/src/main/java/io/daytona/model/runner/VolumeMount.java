package io.daytona.model.runner;

import static java.util.Objects.requireNonNull;

/**
 * A volume to mount into a sandbox.
 *
 * @param volumeId the volume
 * @param source where the runner finds the volume's data: an absolute host directory for the
 *               local store; other schemes (such as {@code s3://bucket}) stand for shared stores
 *               a runner mounts with a FUSE client
 * @param subpath the part of the volume to show, relative to its root; empty for all of it
 * @param mountPath where the sandbox sees it, an absolute path
 */
public record VolumeMount(String volumeId, String source, String subpath, String mountPath) {
    public VolumeMount {
        requireNonNull(volumeId, "volumeId is null");
        requireNonNull(source, "source is null");
        subpath = subpath == null ? "" : subpath;
        requireNonNull(mountPath, "mountPath is null");
    }
}
