package io.daytona.sdk;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file to download with {@link FileSystem#downloadFiles(java.util.List)}.
 *
 * @param source the path in the sandbox; relative paths are resolved against the work directory
 * @param destination the local file to stream the content into, or null to receive it in memory
 */
public record FileDownloadRequest(String source, Path destination) {
    /**
     * Checks the components and copies the mutable ones.
     *
     * @param source the path in the sandbox; relative paths are resolved against the work directory
     * @param destination the local file to stream the content into, or null to receive it in memory
     */
    public FileDownloadRequest {
        Objects.requireNonNull(source, "source is null");
        if (source.isBlank()) {
            throw new IllegalArgumentException("source is blank: give a path in the sandbox");
        }
    }

    /**
     * A download into memory.
     *
     * @param source the file in the sandbox
     * @return the request
     */
    public static FileDownloadRequest of(String source) {
        return new FileDownloadRequest(source, null);
    }

    /**
     * A download streamed into the local file {@code destination}, whose directories are created.
     *
     * @return the request
     */
    public static FileDownloadRequest of(String source, Path destination) {
        return new FileDownloadRequest(source, Objects.requireNonNull(destination, "destination is null"));
    }
}
