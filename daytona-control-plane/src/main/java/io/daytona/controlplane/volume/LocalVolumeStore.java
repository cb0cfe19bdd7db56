package io.daytona.controlplane.volume;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/** Volumes as directories under one root, for a runner on the same host. */
public final class LocalVolumeStore implements VolumeStore {
    /** The uid and gid of the sandbox image's user {@code daytona}, who must be able to write. */
    static final int SANDBOX_UID = 1000;

    private final Path root;

    public LocalVolumeStore(Path root) {
        this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
    }

    @Override
    public void ensureCreated(String volumeId) throws IOException {
        Files.createDirectories(root);
        Path directory = directory(volumeId);
        if (!Files.isDirectory(directory)) {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        }
        // Owned by the sandbox user, so code in the sandbox can write; root in a sandbox can anyway.
        Files.setAttribute(directory, "unix:uid", SANDBOX_UID);
        Files.setAttribute(directory, "unix:gid", SANDBOX_UID);
    }

    @Override
    public void ensureDeleted(String volumeId) throws IOException {
        Path directory = directory(volumeId);
        if (!Files.exists(directory)) {
            return;
        }
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public String source(String volumeId) {
        return directory(volumeId).toString();
    }

    private Path directory(String volumeId) {
        Path directory = root.resolve(volumeId).normalize();
        if (!directory.getParent().equals(root)) {
            throw new IllegalArgumentException("not a volume id: " + volumeId);
        }
        return directory;
    }
}
