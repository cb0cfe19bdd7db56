package io.daytona.model.toolbox.files;

import static java.util.Objects.requireNonNull;

/**
 * A file that {@code POST /files/bulk-upload} wrote.
 *
 * @param path the destination as the request named it
 * @param bytes how many bytes were written
 */
public record UploadedFile(String path, long bytes) {
    public UploadedFile {
        requireNonNull(path, "path is null");
    }
}
