package io.daytona.runner.disk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Resolves a sandbox's user in its own root filesystem. The engine looks a container's user up in
 * the container's root directory on the host at every exec; a sandbox's root filesystem is
 * mounted on the host only while it starts, so its container is given numeric ids, read here
 * while the root filesystem is mounted.
 */
public final class ImageUsers {
    private ImageUsers() {}

    /**
     * A user as the container is given it.
     *
     * @param ids {@code uid:gid}
     * @param home the user's home directory from the passwd file
     */
    public record User(String ids, String home) {}

    /**
     * Makes the image's working directory where it is missing (a build's {@code WORKDIR} that no
     * step wrote into leaves none), owned by {@code user}, as engines do for image-based
     * containers; Podman refuses to create a container on a root filesystem without it. Symbolic
     * links on the way are not followed, so an image cannot make this write outside its root.
     */
    public static void ensureWorkingDirectory(Path rootfs, String workingDir, User user) throws IOException {
        Path relative = Path.of("/").relativize(Path.of("/").resolve(workingDir).normalize());
        if (java.nio.file.Files.isDirectory(rootfs.resolve(relative))) {
            return;
        }
        Path directory = rootfs;
        for (Path part : relative) {
            directory = directory.resolve(part);
            if (java.nio.file.Files.isSymbolicLink(directory)) {
                throw new IOException("the working directory " + workingDir + " of the image passes a symbolic link (" + part
                        + "); set WORKDIR to a real directory");
            }
            if (!java.nio.file.Files.exists(directory, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                java.nio.file.Files.createDirectory(directory);
                String[] ids = user.ids().split(":");
                java.nio.file.Files.setAttribute(directory, "unix:uid", Integer.parseInt(ids[0]), java.nio.file.LinkOption.NOFOLLOW_LINKS);
                java.nio.file.Files.setAttribute(directory, "unix:gid", Integer.parseInt(ids[1]), java.nio.file.LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    /** {@code user} (a name or a uid, as a sandbox's user is given) looked up in {@code rootfs}'s /etc/passwd. */
    public static User resolve(Path rootfs, String user) throws IOException {
        Path passwd = rootfs.resolve("etc/passwd");
        if (user.matches("\\d+(:\\d+)?")) {
            String uid = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
            Optional<String[]> entry = entry(passwd, fields -> fields[2].equals(uid));
            String gid = user.contains(":") ? user.substring(user.indexOf(':') + 1) : entry.map(f -> f[3]).orElse(uid);
            return new User(uid + ":" + gid, entry.map(f -> f[5]).orElse("/"));
        }
        String[] fields = entry(passwd, f -> f[0].equals(user)).orElseThrow(() -> new IOException(
                "user " + user + " does not exist in the sandbox's image (no entry in /etc/passwd); create it in the image or choose another user"));
        return new User(fields[2] + ":" + fields[3], fields[5]);
    }

    private static Optional<String[]> entry(Path passwd, java.util.function.Predicate<String[]> wanted) throws IOException {
        if (!Files.isRegularFile(passwd)) {
            return Optional.empty();
        }
        for (String line : Files.readAllLines(passwd)) {
            String[] fields = line.split(":", -1);
            if (fields.length >= 7 && wanted.test(fields)) {
                return Optional.of(fields);
            }
        }
        return Optional.empty();
    }
}
