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
 * @param runners how runners are watched and chosen
 */
public record ControlPlaneConfig(
        Path dataDirectory, String host, int port, SandboxDefaults sandboxes, Duration reconcileInterval, DatabaseSettings database,
        int warmPoolSize, String sshCommand, RateLimits rateLimits, RunnerSettings runners) {
    /**
     * How runners are watched and chosen.
     *
     * @param unresponsiveAfter how long a runner process may go without a healthcheck before it is
     *     unresponsive and its sandboxes are recorded in error
     * @param scoreThreshold the availability score (0 to 100) below which a runner takes no new
     *     sandbox; 0 (the default) never refuses for the score, since a development host running
     *     every role on a few cores would otherwise refuse everything (upstream uses 10)
     * @param embeddedReportInterval how often the embedded runner's health is recorded
     */
    public record RunnerSettings(Duration unresponsiveAfter, double scoreThreshold, Duration embeddedReportInterval) {
        public static final RunnerSettings DEFAULTS = new RunnerSettings(Duration.ofSeconds(60), 0, Duration.ofSeconds(10));

        public RunnerSettings {
            requireNonNull(unresponsiveAfter, "unresponsiveAfter is null");
            requireNonNull(embeddedReportInterval, "embeddedReportInterval is null");
            if (unresponsiveAfter.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("the runner timeout must be at least 1 second, got " + unresponsiveAfter.toSeconds() + " s");
            }
            if (scoreThreshold < 0 || scoreThreshold > 100) {
                throw new IllegalArgumentException("the runner score threshold must be from 0 to 100, got " + scoreThreshold);
            }
        }
    }

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
        requireNonNull(runners, "runners is null");
        if (warmPoolSize < 0) {
            throw new IllegalArgumentException("the warm pool size must not be negative, got " + warmPoolSize);
        }
    }

    /** Settings with the embedded database under {@code dataDirectory/db}, no warm pool and the default SSH command. */
    public ControlPlaneConfig(Path dataDirectory, String host, int port, SandboxDefaults sandboxes, Duration reconcileInterval) {
        this(dataDirectory, host, port, sandboxes, reconcileInterval, DatabaseSettings.embedded(dataDirectory.resolve("db")), 0,
                DEFAULT_SSH_COMMAND, RateLimits.none(), RunnerSettings.DEFAULTS);
    }

    public ControlPlaneConfig withDatabase(DatabaseSettings value) {
        return new ControlPlaneConfig(dataDirectory, host, port, sandboxes, reconcileInterval, value, warmPoolSize, sshCommand, rateLimits, runners);
    }

    public ControlPlaneConfig withWarmPoolSize(int value) {
        return new ControlPlaneConfig(dataDirectory, host, port, sandboxes, reconcileInterval, database, value, sshCommand, rateLimits, runners);
    }

    public ControlPlaneConfig withSshCommand(String value) {
        return new ControlPlaneConfig(dataDirectory, host, port, sandboxes, reconcileInterval, database, warmPoolSize, value, rateLimits, runners);
    }

    public ControlPlaneConfig withRateLimits(RateLimits value) {
        return new ControlPlaneConfig(dataDirectory, host, port, sandboxes, reconcileInterval, database, warmPoolSize, sshCommand, value, runners);
    }

    public ControlPlaneConfig withRunners(RunnerSettings value) {
        return new ControlPlaneConfig(dataDirectory, host, port, sandboxes, reconcileInterval, database, warmPoolSize, sshCommand, rateLimits, value);
    }
}
