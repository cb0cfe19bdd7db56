package io.daytona.sdk;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A file to upload with {@link FileSystem#uploadFiles(java.util.List)}: where its content comes
 * from and where it goes in the sandbox. Create one with {@link #of(byte[], String)},
 * {@link #of(Path, String)} or {@link #of(InputStream, String)}.
 */
public sealed interface FileUpload {
    /**
     * Returns the destination in the sandbox; relative paths are resolved against the sandbox's
     * work directory, missing parent directories are created and an existing file is overwritten.
     *
     * @return the destination in the sandbox
     */
    String destination();

    /**
     * An upload of {@code content}, held in memory; for small files.
     *
     * @param content the file's bytes
     * @param destination the destination in the sandbox
     * @return the upload
     */
    static FileUpload of(byte[] content, String destination) {
        return new Bytes(content, destination);
    }

    /**
     * An upload of the local file {@code source}, streamed from disk while the request is sent.
     *
     * @param source the local file
     * @param destination the destination in the sandbox
     * @return the upload
     */
    static FileUpload of(Path source, String destination) {
        return new LocalFile(source, destination);
    }

    /**
     * An upload of what {@code content} yields up to its end; the stream is read while the
     * request is sent and closed at its end. A stream can be sent only once.
     *
     * @param content the stream
     * @param destination the destination in the sandbox
     * @return the upload
     */
    static FileUpload of(InputStream content, String destination) {
        return new Stream(content, destination);
    }

    /**
     * Content held in memory. The array is not copied: do not change it until the upload ends.
     *
     * @param content the file's bytes
     * @param destination the path in the sandbox
     */
    record Bytes(byte[] content, String destination) implements FileUpload {
        /**
         * Checks the components and copies the mutable ones.
         *
         * @param content the file's bytes
         * @param destination the path in the sandbox
         */
        public Bytes {
            Objects.requireNonNull(content, "content is null");
            requireDestination(destination);
        }
    }

    /**
     * A local file, streamed.
     *
     * @param source the local file
     * @param destination the path in the sandbox
     */
    record LocalFile(Path source, String destination) implements FileUpload {
        /**
         * Checks the components and copies the mutable ones.
         *
         * @param source the local file
         * @param destination the path in the sandbox
         */
        public LocalFile {
            Objects.requireNonNull(source, "source is null");
            requireDestination(destination);
        }
    }

    /**
     * A stream, read to its end while the request is sent.
     *
     * @param content the stream
     * @param destination the path in the sandbox
     */
    record Stream(InputStream content, String destination) implements FileUpload {
        /**
         * Checks the components and copies the mutable ones.
         *
         * @param content the stream
         * @param destination the path in the sandbox
         */
        public Stream {
            Objects.requireNonNull(content, "content is null");
            requireDestination(destination);
        }
    }

    private static void requireDestination(String destination) {
        Objects.requireNonNull(destination, "destination is null");
        if (destination.isBlank()) {
            throw new IllegalArgumentException("destination is blank: give a path in the sandbox");
        }
    }
}
