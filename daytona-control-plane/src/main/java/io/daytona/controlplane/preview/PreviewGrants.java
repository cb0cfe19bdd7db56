package io.daytona.controlplane.preview;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.sandbox.SandboxRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Remembers for a short while that a preview host may be opened with given credentials, so that
 * a page's burst of requests (or a benchmark's) does not read the sandbox, the signed URL and the
 * key from the database on each one. The database stays the truth:
 * <ul>
 * <li>only grants are remembered, never refusals (a new signed URL or token works at once);</li>
 * <li>a grant lasts {@link #TTL} at most, so a deleted key, a removed member or a sandbox made
 *     private is refused again within that;</li>
 * <li>a grant from a signed URL ends when the URL expires, to the millisecond;</li>
 * <li>{@link #revoked()}, called in this process by every call that takes access away at once
 *     (expiring a signed URL), forgets every grant, including those being checked meanwhile.</li>
 * </ul>
 * Whether the sandbox runs is not remembered here: the proxy asks the runner for the sandbox's
 * address on every request, and the runner forgets a sandbox when it stops (its preview token
 * changes then too).
 */
final class PreviewGrants {
    /** How long a grant is trusted without asking the database again. */
    static final Duration TTL = Duration.ofSeconds(1);
    private static final int PRUNE_ABOVE = 10_000;

    /** What the access check answered: the sandbox, and when the credential expires by itself (if it does). */
    record Decision(SandboxRecord sandbox, Optional<Instant> expiresAt) {}

    /**
     * The credentials are kept as sent (not hashed, which cost a tenth of a cached request): the
     * host label of a signed URL is a credential already, and the request holds them all anyway.
     */
    private record Key(String label, int port, String authorization, String previewToken) {}

    private record Grant(SandboxRecord sandbox, long untilNanos, Instant expiresAt, long revocations) {}

    private final Map<Key, Grant> grants = new ConcurrentHashMap<>();
    private final AtomicLong revocations = new AtomicLong();
    private final LongSupplier nanoTime;
    private final Clock clock;

    PreviewGrants(LongSupplier nanoTime, Clock clock) {
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Grants that honour revocations at once and otherwise last {@link #TTL}. */
    static PreviewGrants system(Clock clock) {
        return new PreviewGrants(System::nanoTime, clock);
    }

    /**
     * Returns the remembered sandbox, or asks {@code check} (which throws when the request may not
     * open the port) and remembers its answer.
     */
    SandboxRecord grant(String label, int port, Optional<String> authorization, Optional<String> previewToken, Supplier<Decision> check) {
        Key key = new Key(label, port, authorization.orElse(null), previewToken.orElse(null));
        long now = nanoTime.getAsLong();
        long seen = revocations.get();
        Grant grant = grants.get(key);
        if (grant != null && now - grant.untilNanos() < 0 && grant.revocations() == seen
                && (grant.expiresAt() == null || clock.instant().isBefore(grant.expiresAt()))) {
            return grant.sandbox();
        }
        Decision decision = check.get();
        if (grants.size() > PRUNE_ABOVE) {
            grants.values().removeIf(g -> now - g.untilNanos() >= 0);
        }
        // Stamped with the count read before the check: a revocation during the check voids it.
        grants.put(key, new Grant(decision.sandbox(), now + TTL.toNanos(), decision.expiresAt().orElse(null), seen));
        return decision.sandbox();
    }

    /** Access was taken away (the database already says so): no remembered grant is trusted again. */
    void revoked() {
        revocations.incrementAndGet();
        grants.clear();
    }
}
