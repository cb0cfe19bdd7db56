package io.daytona.controlplane.volume;

import java.io.IOException;

/**
 * Where volume data lives. The single-host store is a directory per volume under the data
 * directory; a store shared by runners on many hosts (an S3 bucket per volume, mounted by a FUSE
 * client on each runner) implements the same three calls.
 */
public interface VolumeStore {
    /** Makes the volume's storage; idempotent. */
    void ensureCreated(String volumeId) throws IOException;

    /** Removes the volume's storage and every file in it; idempotent. */
    void ensureDeleted(String volumeId) throws IOException;

    /** Where a runner finds the volume: a host directory, or a URI such as {@code s3://bucket}. */
    String source(String volumeId);
}
