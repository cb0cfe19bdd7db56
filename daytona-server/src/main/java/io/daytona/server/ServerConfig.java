package io.daytona.server;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.persistence.DatabaseSettings;
import io.daytona.controlplane.ratelimit.RateLimits;
import io.daytona.controlplane.sandbox.SandboxDefaults;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Settings of the single-process server. Start from {@link #defaults(Path)} or {@link #builder(Path)}
 * and change what differs.
 *
 * @param dataDirectory database, daemon runtime, logs and the admin key file
 * @param host the address the API and the proxy listen on
 * @param apiPort the API port (0 picks a free one)
 * @param proxyPort the proxy port (0 picks a free one)
 * @param publicProxyUrl the proxy's URL as clients reach it; derived from host and port when empty
 * @param engineSocket the Docker-compatible engine socket
 * @param defaultSnapshot the snapshot used when a create request names none
 * @param proxyDomain the domain preview hosts are made under ({@code {port}-{sandboxId}.{domain}});
 *     the public proxy URL's host and port when empty
 * @param maxAutoArchiveInterval the longest auto-archive interval, in minutes
 * @param database PostgreSQL settings; the embedded database under the data directory when empty
 * @param warmPoolSize how many started sandboxes of the default snapshot wait to be claimed by creates (0: none)
 * @param sshPort the SSH gateway's port (0 picks a free one)
 * @param previewWarning whether browsers see the warning page on their first visit to a preview
 * @param rateLimits the API's throttlers; all off by default
 * @param embeddedRunner whether this process runs a runner of its own; without one, sandboxes
 *     run on runner processes ({@code daytona runner}) registered with the control plane
 * @param archiveDirectory where the embedded runner's archive store keeps archived sandboxes;
 *     {@code <data dir>/archives} when empty. Runners on one host that share it can restore each
 *     other's archives.
 * @param runnerTimeout how long a runner process may go without a healthcheck before it is unresponsive
 * @param runtime the OCI runtime of sandboxes: {@code crun} (default), {@code runc} or gVisor's {@code runsc}
 */
public record ServerConfig(
        Path dataDirectory,
        String host,
        int apiPort,
        int proxyPort,
        Optional<String> publicProxyUrl,
        Path engineSocket,
        String defaultSnapshot,
        Optional<String> proxyDomain,
        int maxAutoArchiveInterval,
        Optional<DatabaseSettings> database,
        int warmPoolSize,
        int sshPort,
        boolean previewWarning,
        RateLimits rateLimits,
        boolean embeddedRunner,
        Optional<Path> archiveDirectory,
        java.time.Duration runnerTimeout,
        String runtime) {

    public static final String DEFAULT_SNAPSHOT = "daytona/sandbox:0.1.0";
    public static final Path DEFAULT_ENGINE_SOCKET = Path.of("/run/podman/podman.sock");
    public static final int DEFAULT_SSH_PORT = 2222;

    public ServerConfig {
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(host, "host is null");
        requireNonNull(publicProxyUrl, "publicProxyUrl is null");
        requireNonNull(engineSocket, "engineSocket is null");
        requireNonNull(defaultSnapshot, "defaultSnapshot is null");
        requireNonNull(proxyDomain, "proxyDomain is null");
        requireNonNull(database, "database is null");
        requireNonNull(rateLimits, "rateLimits is null");
        requireNonNull(runtime, "runtime is null");
        if (!io.daytona.runner.engine.OciRuntime.NAMES.contains(runtime)) {
            throw new IllegalArgumentException("unknown OCI runtime '" + runtime + "' (--runtime); use one of "
                    + String.join(", ", io.daytona.runner.engine.OciRuntime.NAMES));
        }
        requireNonNull(archiveDirectory, "archiveDirectory is null");
        requireNonNull(runnerTimeout, "runnerTimeout is null");
        if (runnerTimeout.compareTo(java.time.Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("the runner timeout must be at least 1 second, got " + runnerTimeout.toSeconds()
                    + " (--runner-timeout)");
        }
        if (warmPoolSize < 0) {
            throw new IllegalArgumentException("the warm pool size must not be negative, got " + warmPoolSize + " (--warm-pool-size)");
        }
        if (maxAutoArchiveInterval < 1) {
            throw new IllegalArgumentException(
                    "the maximum auto-archive interval must be at least 1 minute, got " + maxAutoArchiveInterval + " (--max-auto-archive-interval)");
        }
    }

    /**
     * Defaults for everything but the data directory: localhost, ports 3000, 4000 and 2222, Podman's
     * socket, the embedded database, no warm pool, the preview warning page on.
     */
    public static ServerConfig defaults(Path dataDirectory) {
        return builder(dataDirectory).build();
    }

    /** A builder holding the {@linkplain #defaults(Path) defaults}. */
    public static Builder builder(Path dataDirectory) {
        return new Builder(dataDirectory);
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        return new Builder(dataDirectory)
                .host(host)
                .ports(apiPort, proxyPort, sshPort)
                .publicProxyUrl(publicProxyUrl)
                .engineSocket(engineSocket)
                .defaultSnapshot(defaultSnapshot)
                .proxyDomain(proxyDomain)
                .maxAutoArchiveInterval(maxAutoArchiveInterval)
                .database(database)
                .warmPoolSize(warmPoolSize)
                .previewWarning(previewWarning)
                .rateLimits(rateLimits)
                .embeddedRunner(embeddedRunner)
                .archiveDirectory(archiveDirectory)
                .runnerTimeout(runnerTimeout)
                .runtime(runtime);
    }

    /** The embedded runner's archive store. */
    public Path archives() {
        return archiveDirectory.orElse(dataDirectory.resolve("archives"));
    }

    public ServerConfig withEmbeddedRunner(boolean value) {
        return toBuilder().embeddedRunner(value).build();
    }

    public ServerConfig withArchiveDirectory(Path value) {
        return toBuilder().archiveDirectory(Optional.of(value)).build();
    }

    public ServerConfig withRunnerTimeout(java.time.Duration value) {
        return toBuilder().runnerTimeout(value).build();
    }

    /** These API and proxy ports; {@code withPorts(0, 0)} (tests) picks a free SSH port too, so parallel servers never collide. */
    public ServerConfig withPorts(int api, int proxy) {
        return toBuilder().ports(api, proxy, api == 0 && proxy == 0 ? 0 : sshPort).build();
    }

    public ServerConfig withPorts(int api, int proxy, int ssh) {
        return toBuilder().ports(api, proxy, ssh).build();
    }

    public ServerConfig withDatabase(DatabaseSettings settings) {
        return toBuilder().database(Optional.of(settings)).build();
    }

    public ServerConfig withWarmPoolSize(int size) {
        return toBuilder().warmPoolSize(size).build();
    }

    public ServerConfig withRateLimits(RateLimits limits) {
        return toBuilder().rateLimits(limits).build();
    }

    public ServerConfig withRuntime(String value) {
        return toBuilder().runtime(value).build();
    }

    public ServerConfig withPreviewWarning(boolean enabled) {
        return toBuilder().previewWarning(enabled).build();
    }

    /** A mutable builder of {@link ServerConfig}; validation happens in {@link #build()}. */
    public static final class Builder {
        private final Path dataDirectory;
        private String host = "127.0.0.1";
        private int apiPort = 3000;
        private int proxyPort = 4000;
        private int sshPort = DEFAULT_SSH_PORT;
        private Optional<String> publicProxyUrl = Optional.empty();
        private Path engineSocket = DEFAULT_ENGINE_SOCKET;
        private String defaultSnapshot = DEFAULT_SNAPSHOT;
        private Optional<String> proxyDomain = Optional.empty();
        private int maxAutoArchiveInterval = SandboxDefaults.DEFAULT_MAX_AUTO_ARCHIVE;
        private Optional<DatabaseSettings> database = Optional.empty();
        private int warmPoolSize;
        private boolean previewWarning = true;
        private RateLimits rateLimits = RateLimits.none();
        private boolean embeddedRunner = true;
        private Optional<Path> archiveDirectory = Optional.empty();
        private java.time.Duration runnerTimeout = java.time.Duration.ofSeconds(60);
        private String runtime = "crun";

        private Builder(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
        }

        public Builder host(String value) {
            this.host = value;
            return this;
        }

        public Builder ports(int api, int proxy, int ssh) {
            this.apiPort = api;
            this.proxyPort = proxy;
            this.sshPort = ssh;
            return this;
        }

        public Builder publicProxyUrl(Optional<String> value) {
            this.publicProxyUrl = value;
            return this;
        }

        public Builder engineSocket(Path value) {
            this.engineSocket = value;
            return this;
        }

        public Builder defaultSnapshot(String value) {
            this.defaultSnapshot = value;
            return this;
        }

        public Builder proxyDomain(Optional<String> value) {
            this.proxyDomain = value;
            return this;
        }

        public Builder maxAutoArchiveInterval(int minutes) {
            this.maxAutoArchiveInterval = minutes;
            return this;
        }

        public Builder database(Optional<DatabaseSettings> value) {
            this.database = value;
            return this;
        }

        public Builder warmPoolSize(int value) {
            this.warmPoolSize = value;
            return this;
        }

        public Builder previewWarning(boolean value) {
            this.previewWarning = value;
            return this;
        }

        public Builder rateLimits(RateLimits value) {
            this.rateLimits = value;
            return this;
        }

        public Builder embeddedRunner(boolean value) {
            this.embeddedRunner = value;
            return this;
        }

        public Builder archiveDirectory(Optional<Path> value) {
            this.archiveDirectory = value;
            return this;
        }

        public Builder runnerTimeout(java.time.Duration value) {
            this.runnerTimeout = value;
            return this;
        }

        public Builder runtime(String value) {
            this.runtime = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the option to fix when a value is out of range */
        public ServerConfig build() {
            return new ServerConfig(dataDirectory, host, apiPort, proxyPort, publicProxyUrl, engineSocket, defaultSnapshot, proxyDomain,
                    maxAutoArchiveInterval, database, warmPoolSize, sshPort, previewWarning, rateLimits, embeddedRunner, archiveDirectory,
                    runnerTimeout, runtime);
        }
    }
}
