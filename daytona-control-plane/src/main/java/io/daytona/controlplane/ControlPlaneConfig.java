package io.daytona.controlplane;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.persistence.DatabaseSettings;
import io.daytona.controlplane.ratelimit.RateLimits;
import io.daytona.controlplane.sandbox.SandboxDefaults;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the control plane.
 *
 * @param dataDirectory where the embedded database and the admin key file live
 * @param host the address to listen on
 * @param port the API port (3000 by default; 0 picks a free one)
 * @param sandboxes sandbox defaults and limits
 * @param reconcileInterval how often the reconciler scans for unsettled sandboxes
 * @param database the embedded database under the data directory, or PostgreSQL
 * @param warmPoolSize how many started sandboxes of the default snapshot wait to be claimed (0: none)
 * @param sshCommand how users connect to the SSH gateway, {@code {{TOKEN}}} standing for the access token
 * @param rateLimits the API's throttlers; all off by default
 */
public record ControlPlaneConfig(
        Path dataDirectory, String host, int port, SandboxDefaults sandboxes, Duration reconcileInterval, DatabaseSettings database,
        int warmPoolSize, String sshCommand, RateLimits rateLimits) {
    /** The SSH command of a gateway on this machine's default port. */
    public static final String DEFAULT_SSH_COMMAND = "ssh -p 2222 {{TOKEN}}@localhost";

    public ControlPlaneConfig {
        requireNonNull(database, "database is null");
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(host, "host is null");
        requireNonNull(sandboxes, "sandboxes is null");
        requireNonNull(reconcileInterval, "reconcileInterval is null");
        requireNonNull(sshCommand, "sshCommand is null");
        requireNonNull(rateLimits, "rateLimits is null");
        if (warmPoolSize < 0) {
            throw new IllegalArgumentException("the warm pool size must not be negative, got " + warmPoolSize);
        }
    }

    /** Settings with the embedded database under {@code dataDirectory/db}, no warm pool and the default SSH command. */
    public ControlPlaneConfig(Path dataDirectory, String host, int port, SandboxDefaults sandboxes, Duration reconcileInterval) {
        this(dataDirectory, host, port, sandboxes, reconcileInterval, DatabaseSettings.embedded(dataDirectory.resolve("db")), 0,
                DEFAULT_SSH_COMMAND, RateLimits.none());
    }

    public ControlPlaneConfig withDatabase(DatabaseSettings value) {
        return new ControlPlaneConfig(dataDirectory, host, port, sandboxes, reconcileInterval, value, warmPoolSize, sshCommand, rateLimits);
    }

    public ControlPlaneConfig withWarmPoolSize(int value) {
        return new ControlPlaneConfig(dataDirectory, host, port, sandboxes, reconcileInterval, database, value, sshCommand, rateLimits);
    }

    public ControlPlaneConfig withSshCommand(String value) {
        return new ControlPlaneConfig(dataDirectory, host, port, sandboxes, reconcileInterval, database, warmPoolSize, value, rateLimits);
    }

    public ControlPlaneConfig withRateLimits(RateLimits value) {
        return new ControlPlaneConfig(dataDirectory, host, port, sandboxes, reconcileInterval, database, warmPoolSize, sshCommand, value);
    }
}
