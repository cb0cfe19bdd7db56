package io.daytona.runner.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where archived sandbox filesystems are kept while no runner hosts them. Objects are written
 * whole or not at all, so a reader never sees half an archive. A local directory by default;
 * an S3-compatible bucket can stand behind the same interface.
 */
public interface ArchiveStore {
    /** Stores the file under {@code key}, replacing any object there; the file may be moved away. */
    void put(String key, Path file) throws IOException;

    /** Opens the object stored under {@code key}, if there is one. */
    Optional<InputStream> open(String key) throws IOException;

    boolean exists(String key) throws IOException;

    /** Removes the object; removing a missing object is not an error. */
    void delete(String key) throws IOException;
}
