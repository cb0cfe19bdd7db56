package io.daytona.server;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.persistence.DatabaseSettings;
import io.daytona.controlplane.ratelimit.RateLimits;
import io.daytona.controlplane.sandbox.SandboxDefaults;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Settings of the single-process server.
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
 * @param rateLimits the API's throttlers; all off by default
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
        RateLimits rateLimits) {

    /** Settings without rate limits. */
    public ServerConfig(Path dataDirectory, String host, int apiPort, int proxyPort, Optional<String> publicProxyUrl,
                        Path engineSocket, String defaultSnapshot, Optional<String> proxyDomain, int maxAutoArchiveInterval,
                        Optional<DatabaseSettings> database, int warmPoolSize) {
        this(dataDirectory, host, apiPort, proxyPort, publicProxyUrl, engineSocket, defaultSnapshot, proxyDomain,
                maxAutoArchiveInterval, database, warmPoolSize, RateLimits.none());
    }

    /** Settings with the embedded database and without a warm pool. */
    public ServerConfig(Path dataDirectory, String host, int apiPort, int proxyPort, Optional<String> publicProxyUrl,
                        Path engineSocket, String defaultSnapshot, Optional<String> proxyDomain, int maxAutoArchiveInterval) {
        this(dataDirectory, host, apiPort, proxyPort, publicProxyUrl, engineSocket, defaultSnapshot, proxyDomain,
                maxAutoArchiveInterval, Optional.empty(), 0);
    }

    public static final String DEFAULT_SNAPSHOT = "daytona/sandbox:0.1.0";
    public static final Path DEFAULT_ENGINE_SOCKET = Path.of("/run/podman/podman.sock");

    public ServerConfig {
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(host, "host is null");
        requireNonNull(publicProxyUrl, "publicProxyUrl is null");
        requireNonNull(engineSocket, "engineSocket is null");
        requireNonNull(defaultSnapshot, "defaultSnapshot is null");
        requireNonNull(proxyDomain, "proxyDomain is null");
        requireNonNull(database, "database is null");
        requireNonNull(rateLimits, "rateLimits is null");
        if (warmPoolSize < 0) {
            throw new IllegalArgumentException("the warm pool size must not be negative, got " + warmPoolSize + " (--warm-pool-size)");
        }
        if (maxAutoArchiveInterval < 1) {
            throw new IllegalArgumentException(
                    "the maximum auto-archive interval must be at least 1 minute, got " + maxAutoArchiveInterval + " (--max-auto-archive-interval)");
        }
    }

    /** Defaults for everything but the data directory: localhost, ports 3000 and 4000, Podman's socket. */
    public static ServerConfig defaults(Path dataDirectory) {
        return new ServerConfig(dataDirectory, "127.0.0.1", 3000, 4000, Optional.empty(), DEFAULT_ENGINE_SOCKET, DEFAULT_SNAPSHOT,
                Optional.empty(), SandboxDefaults.DEFAULT_MAX_AUTO_ARCHIVE, Optional.empty(), 0);
    }

    public ServerConfig withPorts(int api, int proxy) {
        return new ServerConfig(dataDirectory, host, api, proxy, publicProxyUrl, engineSocket, defaultSnapshot, proxyDomain,
                maxAutoArchiveInterval, database, warmPoolSize, rateLimits);
    }

    public ServerConfig withDatabase(DatabaseSettings settings) {
        return new ServerConfig(dataDirectory, host, apiPort, proxyPort, publicProxyUrl, engineSocket, defaultSnapshot, proxyDomain,
                maxAutoArchiveInterval, Optional.of(settings), warmPoolSize, rateLimits);
    }

    public ServerConfig withWarmPoolSize(int size) {
        return new ServerConfig(dataDirectory, host, apiPort, proxyPort, publicProxyUrl, engineSocket, defaultSnapshot, proxyDomain,
                maxAutoArchiveInterval, database, size, rateLimits);
    }

    public ServerConfig withRateLimits(RateLimits limits) {
        return new ServerConfig(dataDirectory, host, apiPort, proxyPort, publicProxyUrl, engineSocket, defaultSnapshot, proxyDomain,
                maxAutoArchiveInterval, database, warmPoolSize, limits);
    }
}
