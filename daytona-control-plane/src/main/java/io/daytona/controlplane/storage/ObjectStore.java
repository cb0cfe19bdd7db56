package io.daytona.controlplane.storage;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The embedded object store: one bucket as a directory, an object as a file named by its key.
 * Objects are written to a temporary file and moved into place, so a reader never sees half an
 * object. Keys are checked to stay inside the bucket.
 */
public final class ObjectStore {
    private final Path root;
    private final String bucket;

    public ObjectStore(Path root, String bucket) {
        this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
        this.bucket = requireNonNull(bucket, "bucket is null");
    }

    public String bucket() {
        return bucket;
    }

    /**
     * An object's summary.
     *
     * @param key its key
     * @param size its size in bytes
     * @param lastModified when it was written
     */
    public record ObjectInfo(String key, long size, Instant lastModified) {}

    public void put(String key, InputStream content) throws IOException {
        Path target = file(key);
        Files.createDirectories(target.getParent());
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            Files.copy(content, temporary);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    public Optional<Path> get(String key) {
        Path file = file(key);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    public void delete(String key) throws IOException {
        Files.deleteIfExists(file(key));
    }

    /** Objects whose key starts with {@code prefix}, in key order, at most {@code max}. */
    public List<ObjectInfo> list(String prefix, int max) throws IOException {
        Path bucketRoot = root.resolve(bucket);
        if (!Files.isDirectory(bucketRoot)) {
            return List.of();
        }
        // Walk only below the prefix's directory part: listing one organization's contexts must not read the others'.
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? bucketRoot : file(prefix.substring(0, slash + 1) + "x").getParent();
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(start)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().endsWith(".part"))
                    .map(f -> bucketRoot.relativize(f).toString())
                    .filter(key -> key.startsWith(prefix))
                    .sorted()
                    .limit(max)
                    .map(key -> info(key))
                    .toList();
        }
    }

    private ObjectInfo info(String key) {
        try {
            Path file = file(key);
            return new ObjectInfo(key, Files.size(file), Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The file of a key; fails for keys that would leave the bucket. */
    Path file(String key) {
        if (key.isEmpty() || key.contains("\0") || key.startsWith("/")) {
            throw new IllegalArgumentException("invalid key: " + key);
        }
        for (String segment : key.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                throw new IllegalArgumentException("invalid key: " + key);
            }
        }
        Path bucketRoot = root.resolve(bucket);
        Path file = bucketRoot.resolve(key).normalize();
        if (!file.startsWith(bucketRoot) || file.equals(bucketRoot)) {
            throw new IllegalArgumentException("invalid key: " + key);
        }
        return file;
    }
}
