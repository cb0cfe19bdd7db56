package io.daytona.runner.image;

import static java.util.Objects.requireNonNull;

import io.daytona.runner.engine.ContainerEngine;
import io.daytona.runner.engine.ImageNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Images on this runner's engine: inspect, pull, build from a Dockerfile and uploaded contexts,
 * remove. A build runs in a fresh directory holding the extracted contexts and the Dockerfile.
 */
public final class ImageBuilds {
    /** Not {@code Dockerfile}, so that a context file of that name cannot take its place. */
    private static final String DOCKERFILE = ".daytona-build.Dockerfile";
    private static final Duration PULL_TIMEOUT = Duration.ofMinutes(30);

    private final ContainerEngine engine;

    public ImageBuilds(ContainerEngine engine) {
        this.engine = requireNonNull(engine, "engine is null");
    }

    public Optional<ContainerEngine.ImageDetails> inspect(String image) {
        return engine.inspectImage(ImageNames.local(image));
    }

    /**
     * A registry login for one pull.
     *
     * @param registryAddress the registry's host (and port)
     */
    public record RegistryLogin(String registryAddress, String username, String password) {
        @Override
        public String toString() {
            return "RegistryLogin[" + username + "@" + registryAddress + "]";
        }
    }

    public void pull(String image, Consumer<String> log) throws InterruptedException {
        pull(image, Optional.empty(), log);
    }

    /** Pulls {@code image}, logged in to its registry with {@code login} when given. */
    public void pull(String image, Optional<RegistryLogin> login, Consumer<String> log) throws InterruptedException {
        engine.pull(image, login.map(l -> new com.github.dockerjava.api.model.AuthConfig()
                .withRegistryAddress(l.registryAddress()).withUsername(l.username()).withPassword(l.password())), log, PULL_TIMEOUT);
    }

    public void remove(String image) {
        engine.removeImage(ImageNames.local(image));
    }

    /** Builds the Dockerfile with the given context archives (tar) extracted into its build context. */
    public void build(String dockerfile, List<Path> contexts, String tag, Consumer<String> log) throws IOException {
        Path directory = Files.createTempDirectory("daytona-build-");
        try {
            for (Path context : contexts) {
                ContextArchives.extract(context, directory, log);
            }
            Path file = directory.resolve(DOCKERFILE);
            Files.writeString(file, dockerfile);
            engine.build(directory, file, ImageNames.local(tag), log);
        } finally {
            deleteTree(directory);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Extraction of untrusted tar archives: nothing may land outside the target directory. */
    static final class ContextArchives {
        private ContextArchives() {}

        static void extract(Path archive, Path target, Consumer<String> log) throws IOException {
            Path root = target.toRealPath();
            try (InputStream in = Files.newInputStream(archive); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path destination = root.resolve(entry.getName()).normalize();
                    if (!destination.startsWith(root) || destination.equals(root)) {
                        if (!destination.equals(root)) {
                            log.accept("skipping context entry outside the build directory: " + entry.getName());
                        }
                        continue;
                    }
                    if (!createParents(root, destination)) {
                        log.accept("skipping context entry below a link: " + entry.getName());
                        continue;
                    }
                    if (entry.isDirectory()) {
                        if (!Files.isDirectory(destination, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                            Files.createDirectory(destination);
                        }
                    } else if (entry.isSymbolicLink()) {
                        Path linkTarget = destination.getParent().resolve(entry.getLinkName()).normalize();
                        if (linkTarget.startsWith(root)) {
                            Files.deleteIfExists(destination);
                            Files.createSymbolicLink(destination, Path.of(entry.getLinkName()));
                        } else {
                            log.accept("skipping link leaving the build directory: " + entry.getName());
                        }
                    } else if (entry.isFile()) {
                        Files.deleteIfExists(destination);
                        Files.copy(tar, destination);
                        Files.setPosixFilePermissions(destination, OctalPermissions.of(entry.getMode()));
                    }
                }
            }
        }

        /**
         * Creates the directories above {@code destination} one by one; false if one of them is a
         * link, which an earlier entry may have aimed anywhere.
         */
        static boolean createParents(Path root, Path destination) throws IOException {
            Path current = root;
            for (Path part : root.relativize(destination.getParent())) {
                current = current.resolve(part);
                if (Files.isSymbolicLink(current)) {
                    return false;
                }
                if (!Files.exists(current)) {
                    Files.createDirectory(current);
                } else if (!Files.isDirectory(current)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Unix permission bits as NIO's permission set. */
    static final class OctalPermissions {
        private OctalPermissions() {}

        static java.util.Set<java.nio.file.attribute.PosixFilePermission> of(int mode) {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions = java.util.EnumSet.noneOf(java.nio.file.attribute.PosixFilePermission.class);
            java.nio.file.attribute.PosixFilePermission[] order = {
                    java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE, java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE,
                    java.nio.file.attribute.PosixFilePermission.OTHERS_READ, java.nio.file.attribute.PosixFilePermission.GROUP_EXECUTE,
                    java.nio.file.attribute.PosixFilePermission.GROUP_WRITE, java.nio.file.attribute.PosixFilePermission.GROUP_READ,
                    java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE,
                    java.nio.file.attribute.PosixFilePermission.OWNER_READ};
            for (int bit = 0; bit < order.length; bit++) {
                if ((mode & (1 << bit)) != 0) {
                    permissions.add(order[bit]);
                }
            }
            permissions.add(java.nio.file.attribute.PosixFilePermission.OWNER_READ);
            return permissions;
        }
    }
}
