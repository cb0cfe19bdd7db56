package io.daytona.controlplane.volume;

import io.daytona.http.ServiceException;
import java.util.List;

/** The rules a volume's mount path and subpath must follow, as Daytona documents them. */
public final class MountPaths {
    private static final List<String> FORBIDDEN = List.of("/proc", "/sys", "/dev", "/boot", "/etc", "/bin", "/sbin", "/lib", "/lib64");

    private MountPaths() {}

    /** Fails with 400 unless {@code path} is a valid mount path. */
    public static void checkMountPath(String path) {
        if (path == null || path.isEmpty()) {
            throw ServiceException.badRequest("mountPath is required for every volume, e.g. /home/daytona/volume");
        }
        if (!path.startsWith("/")) {
            throw ServiceException.badRequest("mountPath '%s' must be absolute (start with /)", path);
        }
        if (path.equals("/") || path.equals("//")) {
            throw ServiceException.badRequest("mountPath cannot be the root directory; use a directory such as /home/daytona/volume");
        }
        if (path.contains("/../") || path.contains("/./") || path.endsWith("/..") || path.endsWith("/.")) {
            throw ServiceException.badRequest("mountPath '%s' must not contain . or .. segments", path);
        }
        if (path.substring(1).contains("//")) {
            throw ServiceException.badRequest("mountPath '%s' must not contain consecutive slashes", path);
        }
        for (String forbidden : FORBIDDEN) {
            if (path.equals(forbidden) || path.startsWith(forbidden + "/")) {
                throw ServiceException.badRequest("mountPath '%s' is inside the system directory %s; mount volumes elsewhere, e.g. /home/daytona/volume",
                        path, forbidden);
            }
        }
    }

    /**
     * Normalizes a subpath (a prefix inside the volume): relative, without {@code .} or {@code ..}
     * segments; leading and trailing slashes are dropped. Null or empty means the whole volume.
     */
    public static String normalizeSubpath(String subpath) {
        if (subpath == null) {
            return "";
        }
        String trimmed = subpath.replaceAll("^/+", "").replaceAll("/+$", "");
        if (trimmed.isEmpty()) {
            return "";
        }
        for (String segment : trimmed.split("/")) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw ServiceException.badRequest("subpath '%s' must be a path inside the volume such as users/alice, without empty, . or .. segments",
                        subpath);
            }
        }
        if (trimmed.contains("\0")) {
            throw ServiceException.badRequest("subpath must not contain NUL characters");
        }
        return trimmed;
    }
}
