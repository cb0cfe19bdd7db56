package io.daytona.runner.engine;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * The OCI runtime that runs a runner's sandboxes: {@code crun} (the default: namespaces, cgroups
 * and seccomp on the host's kernel) or gVisor's {@code runsc} (every system call served by a
 * user-space kernel, for code that must not reach the host's kernel directly).
 *
 * @param name the runtime's name, as {@code daytona server --runtime} takes it
 * @param engineValue what the engine is told to run: a runtime name it knows or an executable's path
 */
public record OciRuntime(String name, String engineValue) {
    public static final String CRUN = "crun";
    public static final String RUNSC = "runsc";
    /** The runtimes a runner can run on. */
    public static final List<String> NAMES = List.of(CRUN, "runc", RUNSC);

    /**
     * gVisor's flags. {@code --network=host}: the sandbox's sockets are host sockets inside the
     * container's own network namespace (the one the engine made, with the sandbox's nftables
     * rules), because the Debian build's own network stack refuses to start on current kernels
     * (it takes every namespace for the root one: see docs/runtimes.md).
     */
    static final List<String> RUNSC_FLAGS = List.of("--network=host");

    public OciRuntime {
        requireNonNull(name, "name is null");
        requireNonNull(engineValue, "engineValue is null");
    }

    public static OciRuntime crun() {
        return new OciRuntime(CRUN, CRUN);
    }

    /**
     * The runtime called {@code name}, checked to be installed. gVisor runs through a small
     * script under {@code directory} that adds its flags: the engine's API takes a runtime per
     * container but no runtime flags.
     *
     * @throws IllegalArgumentException naming what to install or choose instead
     */
    public static OciRuntime of(String name, Path directory) throws IOException {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown OCI runtime '" + name + "'; use one of " + String.join(", ", NAMES));
        }
        Path executable = installed(name).orElseThrow(() -> new IllegalArgumentException(
                "the OCI runtime " + name + " is not installed: apt-get install " + name + " (./scripts/setup.sh installs crun and runsc)"));
        if (!name.equals(RUNSC)) {
            return new OciRuntime(name, name);
        }
        Files.createDirectories(directory);
        // Named runsc, as the engine recognises runtimes by their file name.
        Path script = directory.resolve(RUNSC);
        String text = "#!/bin/sh\n# Written by the Daytona runner at every start; see docs/runtimes.md.\nexec " + executable + " "
                + String.join(" ", RUNSC_FLAGS) + " \"$@\"\n";
        if (!Files.exists(script) || !Files.readString(script).equals(text)) {
            Path partial = Files.createTempFile(directory, "runsc", ".partial");
            Files.writeString(partial, text);
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(partial, script, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return new OciRuntime(name, script.toString());
    }

    public boolean isGvisor() {
        return name.equals(RUNSC);
    }

    private static Optional<Path> installed(String name) {
        for (String directory : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            Path candidate = Path.of(directory.isEmpty() ? "." : directory, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }
}
