package io.daytona.daemon.files;

import static java.util.Objects.requireNonNull;

import io.daytona.http.ServiceException;
import io.daytona.model.toolbox.files.FileInfo;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The single-path operations of the files API: list, describe, create a folder, delete, move.
 * Every failure becomes a {@link ServiceException} with the status {@link FileErrors} assigns.
 */
final class FileOperations {
    private final SandboxPaths paths;
    private final FileInfoReader reader;

    FileOperations(SandboxPaths paths, FileInfoReader reader) {
        this.paths = requireNonNull(paths, "paths is null");
        this.reader = requireNonNull(reader, "reader is null");
    }

    /**
     * The entries of a directory in name order. Entries are described through symbolic links, as
     * upstream does; a dangling link, which upstream leaves out, is described as the link itself.
     */
    void list(String rawPath, ResultSink<FileInfo> sink) throws IOException {
        Path directory = paths.resolve(rawPath, "path");
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            stream.forEach(entries::add);
        } catch (IOException e) {
            throw FileErrors.translate(e, directory);
        }
        entries.sort(Comparator.comparing(entry -> entry.getFileName().toString()));
        for (Path entry : entries) {
            Optional<FileInfo> info = describeEntry(entry);
            if (info.isPresent()) {
                sink.accept(info.get());
            }
        }
    }

    FileInfo info(String rawPath) {
        Path path = paths.resolve(rawPath, "path");
        try {
            return reader.describe(path, SandboxPaths.baseName(rawPath));
        } catch (IOException e) {
            throw FileErrors.translate(e, path);
        }
    }

    /** {@code mkdir -p} with {@code mode} (default 0755) for every directory it creates, less the umask. */
    void createFolder(String rawPath, Optional<String> mode) {
        Path directory = paths.resolve(rawPath, "path");
        OctalMode permissions = mode.filter(text -> !text.isEmpty())
                .map(text -> OctalMode.parse(text, "mode"))
                .orElse(OctalMode.DIRECTORY_DEFAULT);
        try {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(permissions.permissions()));
        } catch (IOException e) {
            throw FileErrors.translate(e, directory);
        }
    }

    /** Deletes a file, a symbolic link (not its target) or, with {@code recursive}, a whole directory. */
    void delete(String rawPath, boolean recursive) {
        Path path = paths.resolve(rawPath, "path");
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isDirectory()) {
                Files.delete(path);
                return;
            }
            if (!recursive) {
                throw ServiceException.badRequest(
                        "%s is a directory: pass recursive=true to delete it with everything in it", path);
            }
            deleteTree(path);
        } catch (IOException e) {
            throw FileErrors.translate(e, path);
        }
    }

    /** Renames {@code source} to {@code destination}, copying across file systems; never overwrites. */
    void move(String rawSource, String rawDestination) {
        Path source = paths.resolve(rawSource, "source");
        Path destination = paths.resolve(rawDestination, "destination");
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(source, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw FileErrors.translate(e, source);
        }
        requireDirectory(destination.toAbsolutePath().getParent());
        if (Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
            throw ServiceException.conflict("destination %s already exists: delete it first or choose another destination", destination);
        }
        try {
            moveOrCopy(source, destination, attributes);
        } catch (IOException e) {
            throw FileErrors.translate(e, source);
        }
    }

    /**
     * Changes owner, group and mode, each only if given. Owner and group are names or numeric ids.
     * Ownership changes first because {@code chown} clears setuid and setgid bits, which the
     * requested mode may set.
     */
    void setPermissions(String rawPath, Optional<String> owner, Optional<String> group, Optional<String> mode) {
        Path path = paths.resolve(rawPath, "path");
        Optional<OctalMode> permissions = mode.filter(text -> !text.isEmpty()).map(text -> OctalMode.parse(text, "mode"));
        Optional<Principal> user = owner.filter(text -> !text.isEmpty()).map(name -> Principal.user(path, name));
        Optional<Principal> userGroup = group.filter(text -> !text.isEmpty()).map(name -> Principal.group(path, name));
        try {
            Files.readAttributes(path, BasicFileAttributes.class);
            if (user.isPresent()) {
                user.get().applyTo(path);
            }
            if (userGroup.isPresent()) {
                userGroup.get().applyTo(path);
            }
            if (permissions.isPresent()) {
                Files.setAttribute(path, "unix:mode", permissions.get().bits());
            }
        } catch (IOException e) {
            throw FileErrors.translate(e, path);
        }
    }

    private void requireDirectory(Path directory) {
        if (directory == null) {
            return;
        }
        try {
            if (!Files.readAttributes(directory, BasicFileAttributes.class).isDirectory()) {
                throw ServiceException.badRequest("destination parent %s is not a directory", directory);
            }
        } catch (NoSuchFileException e) {
            throw ServiceException.notFound("destination directory %s does not exist: create it first with POST /files/folder", directory);
        } catch (IOException e) {
            throw FileErrors.translate(e, directory);
        }
    }

    private static void moveOrCopy(Path source, Path destination, BasicFileAttributes attributes) throws IOException {
        try {
            Files.move(source, destination);
        } catch (DirectoryNotEmptyException acrossFileSystems) {
            // Files.move renames, or copies a file or an empty directory; a full tree on another
            // file system (e.g. a mounted volume) has to be copied by hand.
            if (!attributes.isDirectory()) {
                throw acrossFileSystems;
            }
            copyTree(source, destination);
            deleteTree(source);
        }
    }

    private Optional<FileInfo> describeEntry(Path entry) {
        String name = entry.getFileName().toString();
        try {
            return Optional.of(reader.describe(entry, name));
        } catch (IOException throughLink) {
            try {
                return Optional.of(reader.describeLink(entry, name));
            } catch (IOException vanished) {
                return Optional.empty();
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void copyTree(Path source, Path destination) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                Files.copy(directory, destination.resolve(source.relativize(directory).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.copy(file, destination.resolve(source.relativize(file).toString()),
                        StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
