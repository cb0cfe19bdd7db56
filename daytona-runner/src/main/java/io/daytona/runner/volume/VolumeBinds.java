package io.daytona.runner.volume;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import io.daytona.model.runner.VolumeMount;
import io.daytona.runner.SandboxRunnerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a sandbox's volume mounts into bind mounts of host directories. A volume of the local
 * store is a directory; a subpath is a directory inside it, made on first use. Shared stores
 * (S3 through a FUSE client) are mounted on the host first and then bound the same way; this
 * runner knows only the local store.
 */
public final class VolumeBinds {
    /** The uid and gid of the sandbox image's user {@code daytona}, who must be able to write. */
    public static final int SANDBOX_UID = 1000;

    private VolumeBinds() {}

    public static List<Bind> of(List<VolumeMount> mounts) throws SandboxRunnerException {
        List<Bind> binds = new ArrayList<>();
        for (VolumeMount mount : mounts) {
            binds.add(new Bind(hostDirectory(mount).toString(), new Volume(mount.mountPath()), AccessMode.rw));
        }
        return List.copyOf(binds);
    }

    /** The host directory to bind: the volume's root, or its subpath, created owned by the sandbox user. */
    static Path hostDirectory(VolumeMount mount) throws SandboxRunnerException {
        if (!mount.source().startsWith("/")) {
            throw new SandboxRunnerException("Volume %s is in a store this runner cannot mount (%s); only local directories are supported"
                    .formatted(mount.volumeId(), mount.source()));
        }
        Path root = Path.of(mount.source()).normalize();
        if (!Files.isDirectory(root)) {
            throw new SandboxRunnerException("Volume %s has no data directory at %s on this runner".formatted(mount.volumeId(), root));
        }
        Path target = root.resolve(mount.subpath()).normalize();
        if (!target.startsWith(root)) {
            throw new SandboxRunnerException("Subpath %s leaves volume %s".formatted(mount.subpath(), mount.volumeId()));
        }
        try {
            createOwned(root, target);
            // The subpath must not lead out of the volume through a symbolic link a sandbox made.
            if (!target.toRealPath().startsWith(root.toRealPath())) {
                throw new SandboxRunnerException("Subpath %s of volume %s leads outside the volume".formatted(mount.subpath(), mount.volumeId()));
            }
        } catch (IOException e) {
            throw new SandboxRunnerException("Cannot prepare subpath %s of volume %s: %s".formatted(mount.subpath(), mount.volumeId(), e.getMessage()), e);
        }
        return target;
    }

    private static void createOwned(Path root, Path target) throws IOException {
        Path current = root;
        for (Path part : root.relativize(target)) {
            if (part.toString().isEmpty()) {
                continue;
            }
            current = current.resolve(part);
            if (!Files.exists(current, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(current, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
                Files.setAttribute(current, "unix:uid", SANDBOX_UID);
                Files.setAttribute(current, "unix:gid", SANDBOX_UID);
            }
        }
    }
}
