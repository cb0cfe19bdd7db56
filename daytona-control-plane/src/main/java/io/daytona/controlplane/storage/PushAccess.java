package io.daytona.controlplane.storage;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.auth.ApiKeys;
import io.daytona.model.storage.StorageAccess;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Temporary credentials for the object store, one set per request, each limited to one
 * organization's prefix and to an hour. They live in memory: after a restart clients ask again,
 * as they do when temporary credentials expire.
 */
public final class PushAccess {
    static final Duration LIFETIME = Duration.ofHours(1);

    private final Clock clock;
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();

    /**
     * What a session token allows.
     *
     * @param accessKey the access key issued with it
     * @param organizationId the organization whose prefix may be written
     * @param expiresAt when it stops working
     */
    record Grant(String accessKey, String organizationId, Instant expiresAt) {}

    public PushAccess(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    public StorageAccess issue(String organizationId, String storageUrl, String bucket) {
        Instant now = clock.instant();
        grants.values().removeIf(g -> g.expiresAt().isBefore(now));
        String accessKey = "DTN" + ApiKeys.randomToken(8).toUpperCase(java.util.Locale.ROOT);
        String sessionToken = ApiKeys.randomToken(32);
        grants.put(sessionToken, new Grant(accessKey, organizationId, now.plus(LIFETIME)));
        return new StorageAccess(accessKey, ApiKeys.randomToken(20), sessionToken, storageUrl, organizationId, bucket);
    }

    /** The grant of a session token and access key, if both match and it has not expired. */
    Optional<Grant> check(String sessionToken, String accessKey) {
        if (sessionToken == null || accessKey == null) {
            return Optional.empty();
        }
        Grant grant = grants.get(sessionToken);
        if (grant == null || !grant.accessKey().equals(accessKey) || grant.expiresAt().isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(grant);
    }
}
