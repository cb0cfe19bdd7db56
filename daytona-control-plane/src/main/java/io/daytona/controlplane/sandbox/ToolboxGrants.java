package io.daytona.controlplane.sandbox;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.auth.ApiKeys;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Remembers, for a short while, that a key may reach a started sandbox's toolbox, so that a burst
 * of toolbox calls does not authenticate the key and load the sandbox from the database on every
 * call. Only grants are remembered, never refusals; a revoked key, a removed member, a suspended
 * organization or a deleted sandbox is refused again once the grant lapses ({@link #TTL}). Where
 * the daemon is comes from the runner on every call, so a stopped or removed sandbox's daemon is
 * never reached once the runner forgot it, grant or not.
 */
final class ToolboxGrants {
    /** How long a grant is trusted: the longest a revocation can take to reach the toolbox. */
    static final Duration TTL = Duration.ofSeconds(1);
    private static final int PRUNE_ABOVE = 10_000;

    private record Key(String sandboxId, String authorizationHash) {}

    private record Grant(SandboxRecord sandbox, long untilNanos) {}

    private final Map<Key, Grant> grants = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    ToolboxGrants(LongSupplier nanoTime) {
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
    }

    /** Returns the remembered grant, or asks {@code check} (which throws when the caller may not) and remembers its answer. */
    SandboxRecord grant(String sandboxId, Optional<String> authorization, Supplier<SandboxRecord> check) {
        if (authorization.isEmpty()) {
            return check.get();
        }
        Key key = new Key(sandboxId, ApiKeys.hash(authorization.get()));
        long now = nanoTime.getAsLong();
        Grant grant = grants.get(key);
        if (grant != null && now - grant.untilNanos() < 0) {
            return grant.sandbox();
        }
        SandboxRecord sandbox = check.get();
        if (grants.size() > PRUNE_ABOVE) {
            grants.values().removeIf(g -> now - g.untilNanos() >= 0);
        }
        grants.put(key, new Grant(sandbox, now + TTL.toNanos()));
        return sandbox;
    }
}
