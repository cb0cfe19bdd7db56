package io.daytona.daemon.files;

import static java.util.Objects.requireNonNull;

import io.daytona.http.ServiceException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Turns the paths clients send into paths on the sandbox's file system. Relative paths resolve
 * against the work directory. Nothing is normalized or confined: the daemon runs as the sandbox
 * user, so the kernel resolves {@code ..} and symbolic links and enforces permissions exactly as
 * for a shell in the sandbox. The git API resolves its repository paths the same way.
 */
public final class SandboxPaths {
    private final Path workDir;

    public SandboxPaths(Path workDir) {
        this.workDir = requireNonNull(workDir, "workDir is null");
    }

    /** Resolves a required query parameter; a missing or malformed path is a 400. */
    public Path resolve(String raw, String parameter) {
        if (raw == null || raw.isEmpty()) {
            throw ServiceException.badRequest("%s is required: pass the file's path, absolute or relative to %s", parameter, workDir);
        }
        return resolve(raw).orElseThrow(() -> ServiceException.badRequest(
                "%s is not a valid path: %s", parameter, whyInvalid(raw)));
    }

    /**
     * Why {@code raw} is not a path: a NUL character, or a character the daemon's file-name
     * encoding cannot represent (the sandbox's locale must be UTF-8, e.g. {@code LANG=C.UTF-8}).
     */
    static String whyInvalid(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "it is empty";
        }
        try {
            Path.of(raw);
            return "'" + printable(raw) + "' is valid";
        } catch (InvalidPathException e) {
            String reason = raw.indexOf('\0') >= 0
                    ? "it contains a NUL character"
                    : e.getReason() + " (file names are encoded as " + System.getProperty("sun.jnu.encoding")
                            + "; run the sandbox with a UTF-8 locale such as LANG=C.UTF-8)";
            return "'" + printable(raw) + "': " + reason;
        }
    }

    /** Resolves a path, or nothing when it is empty or not a path at all (e.g. contains NUL). */
    Optional<Path> resolve(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(workDir.resolve(raw));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    public Path workDir() {
        return workDir;
    }

    /**
     * The last element of {@code raw} as Go's {@code os.Stat(raw).Name()} reports it: trailing
     * slashes ignored, {@code /} for the root and {@code .} for {@code .}.
     */
    static String baseName(String raw) {
        int end = raw.length();
        while (end > 1 && raw.charAt(end - 1) == '/') {
            end--;
        }
        String trimmed = raw.substring(0, end);
        if (trimmed.equals("/")) {
            return "/";
        }
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    /** {@code child} under {@code root} as Go's {@code filepath.Join(root, child)} spells it. */
    static String join(String root, Path relative) {
        String joined = Path.of(root).resolve(relative).normalize().toString();
        return joined.isEmpty() ? "." : joined;
    }

    static String printable(String raw) {
        return raw.replace("\0", "\\0");
    }
}
