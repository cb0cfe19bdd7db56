package io.daytona.runner.archive;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

/** An {@link ArchiveStore} in a directory of the host, by default {@code <data dir>/archives}. */
public final class LocalArchiveStore implements ArchiveStore {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]+");

    private final Path directory;

    public LocalArchiveStore(Path directory) throws IOException {
        this.directory = Files.createDirectories(requireNonNull(directory, "directory is null"));
    }

    @Override
    public void put(String key, Path file) throws IOException {
        Path target = resolve(key);
        Path staging = Files.createTempFile(directory, ".put-", ".partial");
        try {
            Files.move(file, staging, StandardCopyOption.REPLACE_EXISTING);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(staging);
        }
    }

    @Override
    public Optional<InputStream> open(String key) throws IOException {
        try {
            return Optional.of(Files.newInputStream(resolve(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.exists(resolve(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }

    /** Keys are made by the runner from sandbox ids; anything else is refused rather than resolved. */
    private Path resolve(String key) {
        if (!KEY.matcher(key).matches() || key.startsWith(".")) {
            throw new IllegalArgumentException("invalid archive key: " + key);
        }
        return directory.resolve(key);
    }
}
