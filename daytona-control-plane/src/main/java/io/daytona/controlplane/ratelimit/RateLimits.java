package io.daytona.controlplane.ratelimit;

import java.util.Optional;

/**
 * The server's rate limits, each off when empty (the embedded default), as the reference's
 * {@code RATE_LIMIT_{ANONYMOUS,AUTHENTICATED,SANDBOX_CREATE,SANDBOX_LIFECYCLE,FAILED_AUTH}_{TTL,LIMIT}}.
 */
public record RateLimits(Optional<Limit> anonymous, Optional<Limit> authenticated, Optional<Limit> sandboxCreate,
                         Optional<Limit> sandboxLifecycle, Optional<Limit> failedAuth) {
    /** At most {@code limit} requests per {@code ttlSeconds}. */
    public record Limit(int ttlSeconds, int limit) {
        public Limit {
            if (ttlSeconds < 1 || limit < 1) {
                throw new IllegalArgumentException("a rate limit needs a TTL of at least 1 second and a limit of at least 1 request, got "
                        + limit + " per " + ttlSeconds + " s");
            }
        }
    }

    public static RateLimits none() {
        return new RateLimits(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Whether any limit is on. */
    public boolean any() {
        return anonymous.isPresent() || authenticated.isPresent() || sandboxCreate.isPresent() || sandboxLifecycle.isPresent()
                || failedAuth.isPresent();
    }
}
