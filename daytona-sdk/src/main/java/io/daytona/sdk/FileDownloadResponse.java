package io.daytona.sdk;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The outcome of one file of {@link FileSystem#downloadFiles(java.util.List)}: exactly one of
 * {@code content}, {@code file} and {@code error} is set.
 *
 * @param source the path in the sandbox, as requested
 * @param content the file's bytes, if it was downloaded into memory; not copied
 * @param file the local file the content was written to, if the request named one
 * @param error why this file failed, e.g. a {@link DaytonaNotFoundException} whose
 *     {@link DaytonaException#errorCode()} is {@code FILE_NOT_FOUND}; null on success
 */
public record FileDownloadResponse(String source, byte[] content, Path file, DaytonaException error) {
    /**
     * Checks the components and copies the mutable ones.
     *
     * @param source the path in the sandbox, as requested
     * @param content the file's bytes, if it was downloaded into memory; not copied
     * @param file the local file the content was written to, if the request named one
     * @param error why this file failed, e.g. a {@link DaytonaNotFoundException} whose
     *     {@link DaytonaException#errorCode()} is {@code FILE_NOT_FOUND}; null on success
     */
    public FileDownloadResponse {
        Objects.requireNonNull(source, "source is null");
        int set = (content == null ? 0 : 1) + (file == null ? 0 : 1) + (error == null ? 0 : 1);
        if (set != 1) {
            throw new IllegalArgumentException("exactly one of content, file and error must be set for " + source);
        }
    }

    /** {@return true if the file was downloaded} */
    public boolean isSuccessful() {
        return error == null;
    }
}
