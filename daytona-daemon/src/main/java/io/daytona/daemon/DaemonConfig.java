package io.daytona.daemon;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;

/**
 * The daemon's settings, read from the environment the runner gives the sandbox.
 *
 * @param port the toolbox port ({@code DAYTONA_DAEMON_PORT}, default 2280)
 * @param homeDir the sandbox user's home ({@code HOME})
 * @param workDir where relative paths resolve: the image's working directory
 * @param version the daemon's version, reported by {@code GET /version}
 */
public record DaemonConfig(int port, Path homeDir, Path workDir, String version) {
    public static final int DEFAULT_PORT = 2280;

    public DaemonConfig {
        requireNonNull(homeDir, "homeDir is null");
        requireNonNull(workDir, "workDir is null");
        requireNonNull(version, "version is null");
    }

    public static DaemonConfig fromEnvironment(Map<String, String> env, Path currentDir) {
        int port = Integer.parseInt(env.getOrDefault("DAYTONA_DAEMON_PORT", String.valueOf(DEFAULT_PORT)));
        Path home = Path.of(env.getOrDefault("HOME", currentDir.toString()));
        String version = DaemonConfig.class.getPackage().getImplementationVersion();
        return new DaemonConfig(port, home, currentDir, version == null ? "dev" : version);
    }
}
