package io.daytona.controlplane;

import static java.util.Objects.requireNonNull;

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
 * @param rateLimits the throttlers; all off by default
 */
public record ControlPlaneConfig(Path dataDirectory, String host, int port, SandboxDefaults sandboxes, Duration reconcileInterval,
                                 RateLimits rateLimits) {
    /** Settings without rate limits, the embedded default. */
    public ControlPlaneConfig(Path dataDirectory, String host, int port, SandboxDefaults sandboxes, Duration reconcileInterval) {
        this(dataDirectory, host, port, sandboxes, reconcileInterval, RateLimits.none());
    }

    public ControlPlaneConfig {
        requireNonNull(rateLimits, "rateLimits is null");
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(host, "host is null");
        requireNonNull(sandboxes, "sandboxes is null");
        requireNonNull(reconcileInterval, "reconcileInterval is null");
    }
}
