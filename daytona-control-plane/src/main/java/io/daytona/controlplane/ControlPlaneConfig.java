package io.daytona.controlplane;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.persistence.DatabaseSettings;
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
 */
public record ControlPlaneConfig(
        Path dataDirectory, String host, int port, SandboxDefaults sandboxes, Duration reconcileInterval, DatabaseSettings database,
        int warmPoolSize) {
    public ControlPlaneConfig {
        requireNonNull(database, "database is null");
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(host, "host is null");
        requireNonNull(sandboxes, "sandboxes is null");
        requireNonNull(reconcileInterval, "reconcileInterval is null");
        if (warmPoolSize < 0) {
            throw new IllegalArgumentException("the warm pool size must not be negative, got " + warmPoolSize);
        }
    }

    /** Settings with the embedded database under {@code dataDirectory/db} and without a warm pool. */
    public ControlPlaneConfig(Path dataDirectory, String host, int port, SandboxDefaults sandboxes, Duration reconcileInterval) {
        this(dataDirectory, host, port, sandboxes, reconcileInterval, DatabaseSettings.embedded(dataDirectory.resolve("db")), 0);
    }

    public ControlPlaneConfig withDatabase(DatabaseSettings database) {
        return new ControlPlaneConfig(dataDirectory, host, port, sandboxes, reconcileInterval, database, warmPoolSize);
    }

    public ControlPlaneConfig withWarmPoolSize(int size) {
        return new ControlPlaneConfig(dataDirectory, host, port, sandboxes, reconcileInterval, database, size);
    }
}
