package io.daytona.controlplane.auth;

import static java.util.Objects.requireNonNull;

import io.daytona.http.Exchange;
import io.daytona.http.ServiceException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/** Turns the {@code Authorization: Bearer <api key>} header into a {@link Caller}. */
public final class Authenticator {
    /** lastUsedAt is kept to the minute: a write on every request would cost more than it tells. */
    private static final java.time.Duration LAST_USED_PRECISION = java.time.Duration.ofMinutes(1);

    private final Jdbi jdbi;
    private final Clock clock;

    public Authenticator(Jdbi jdbi, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Caller authenticate(Exchange exchange) {
        return authenticate(exchange.header("Authorization"));
    }

    /** Authenticates an {@code Authorization} header value; 401 with a hint when it is missing or wrong. */
    public Caller authenticate(Optional<String> authorization) {
        String header = authorization.orElseThrow(() -> ServiceException.unauthorized(
                "Missing credentials: send the header Authorization: Bearer <api key>"));
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            throw ServiceException.unauthorized("The Authorization header must be 'Bearer <api key>'");
        }
        String token = header.substring(7).strip();
        if (!token.startsWith(ApiKeys.PREFIX)) {
            throw ServiceException.unauthorized("Invalid API key: keys start with %s; JWT sign-in is not enabled on this server", ApiKeys.PREFIX);
        }
        return lookUp(ApiKeys.hash(token)).orElseThrow(() -> ServiceException.unauthorized("Invalid API key"));
    }

    private Optional<Caller> lookUp(String keyHash) {
        Instant now = clock.instant();
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id, user_id, organization_id, permissions, name, expires_at, last_used_at FROM api_key WHERE key_hash = :hash""")
                .bind("hash", keyHash)
                .map((rs, ctx) -> {
                    var expiresAt = rs.getTimestamp("expires_at");
                    if (expiresAt != null && expiresAt.toInstant().isBefore(now)) {
                        throw ServiceException.unauthorized("This API key expired at %s; create a new one", expiresAt.toInstant());
                    }
                    var lastUsed = rs.getTimestamp("last_used_at");
                    if (lastUsed == null || lastUsed.toInstant().isBefore(now.minus(LAST_USED_PRECISION))) {
                        recordUse(rs.getString("id"), now);
                    }
                    return new Caller(rs.getString("user_id"), rs.getString("organization_id"),
                            parsePermissions(rs.getString("permissions")), rs.getString("name"));
                })
                .findFirst());
    }

    private void recordUse(String keyId, Instant now) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE api_key SET last_used_at = :now WHERE id = :id")
                .bind("id", keyId)
                .bind("now", now)
                .execute());
    }

    static Set<Permission> parsePermissions(String stored) {
        return Arrays.stream(stored.split(","))
                .map(String::strip)
                .map(Permission::fromWire)
                .flatMap(Optional::stream)
                .collect(Collectors.toUnmodifiableSet());
    }

    static String formatPermissions(Set<Permission> permissions) {
        return permissions.stream().map(Permission::wireValue).sorted().collect(Collectors.joining(","));
    }
}
