package io.daytona.model.runner;

import static java.util.Objects.requireNonNull;

/** Runner API {@code POST /sandboxes/{id}/claim}: a warm-pool sandbox handed to its owner, and the pool's limits. */
public record SandboxClaim(SandboxSpec spec, int poolCpu, int poolMemoryGiB) {
    public SandboxClaim {
        requireNonNull(spec, "spec is null");
    }
}
