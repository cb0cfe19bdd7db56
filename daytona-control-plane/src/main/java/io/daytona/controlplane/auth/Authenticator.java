package io.daytona.controlplane.auth;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.audit.AuditLog;
import io.daytona.controlplane.organization.OrganizationRoles;
import io.daytona.controlplane.ratelimit.RateLimiter;
import io.daytona.http.Exchange;
import io.daytona.http.Router;
import io.daytona.http.ServiceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Turns the {@code Authorization: Bearer <api key>} header into a {@link Caller}, and hands out
 * {@link ApiRoutes}, through which routes declare their access and get throttled and audited.
 */
public final class Authenticator {
    /** The header that selects an organization; with an API key it must name the key's own organization. */
    public static final String ORGANIZATION_HEADER = "X-Daytona-Organization-ID";
    /** lastUsedAt is kept to the minute: a write on every request would cost more than it tells. */
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    private final Jdbi jdbi;
    private final Clock clock;
    private final RateLimiter rateLimiter;
    private final AuditLog auditLog;
    private final OrganizationRoles roles;

    /** An authenticator without rate limits or audit, for tests of one component. */
    public Authenticator(Jdbi jdbi, Clock clock) {
        this(jdbi, clock, RateLimiter.disabled(), new AuditLog(jdbi, clock));
    }

    public Authenticator(Jdbi jdbi, Clock clock, RateLimiter rateLimiter, AuditLog auditLog) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.rateLimiter = requireNonNull(rateLimiter, "rateLimiter is null");
        this.auditLog = requireNonNull(auditLog, "auditLog is null");
        this.roles = new OrganizationRoles(jdbi, clock);
    }

    /** Where resources declare their routes: {@code authenticator.routes(router).post(path, access, handler)}. */
    public ApiRoutes routes(Router router) {
        return new ApiRoutes(router, this, rateLimiter, auditLog);
    }

    /** Authenticates the request, honouring {@value #ORGANIZATION_HEADER}. */
    public Caller authenticate(Exchange exchange) {
        Caller caller = authenticate(exchange.header("Authorization"));
        Optional<String> selected = exchange.header(ORGANIZATION_HEADER).map(String::strip).filter(v -> !v.isEmpty());
        if (selected.isPresent() && !selected.get().equals(caller.organizationId())) {
            throw ServiceException.forbidden("This API key belongs to organization %s, not to %s named by %s; "
                    + "use a key of that organization (create one with POST /api/api-keys and that header)",
                    caller.organizationId(), selected.get(), ORGANIZATION_HEADER);
        }
        return caller;
    }

    /** Authenticates an {@code Authorization} header value; 401 with a hint when it is missing or wrong. */
    public Caller authenticate(Optional<String> authorization) {
        String header = authorization.orElseThrow(() -> ServiceException.unauthorized(
                "Missing credentials: send the header Authorization: Bearer <api key>"));
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            throw ServiceException.unauthorized("The Authorization header must be 'Bearer <api key>'");
        }
        String token = header.substring(7).strip();
        if (token.startsWith(io.daytona.model.runner.RunnerTokens.KEY_PREFIX)) {
            throw ServiceException.unauthorized("A runner's key opens only the runners' own routes (healthcheck, me); use an API key (%s...)",
                    ApiKeys.PREFIX);
        }
        if (!token.startsWith(ApiKeys.PREFIX)) {
            throw ServiceException.unauthorized("Invalid API key: keys start with %s; JWT sign-in is not enabled on this server", ApiKeys.PREFIX);
        }
        return lookUp(ApiKeys.hash(token)).orElseThrow(() -> ServiceException.unauthorized("Invalid API key"));
    }

    /**
     * Authenticates a runner's {@code Authorization: Bearer <runner key>}; returns the runner's id.
     * API keys are refused here, as runner keys are on every other route.
     */
    public String authenticateRunner(Optional<String> authorization) {
        String header = authorization.orElseThrow(() -> ServiceException.unauthorized(
                "Missing credentials: this route is for runners; send the header Authorization: Bearer <runner key>"));
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            throw ServiceException.unauthorized("The Authorization header must be 'Bearer <runner key>'");
        }
        String token = header.substring(7).strip();
        if (!token.startsWith(io.daytona.model.runner.RunnerTokens.KEY_PREFIX)) {
            throw ServiceException.unauthorized("This route is for runners: send the runner's key (%s...), given when the runner "
                    + "was registered with POST /api/runners, not an API key", io.daytona.model.runner.RunnerTokens.KEY_PREFIX);
        }
        return jdbi.withHandle(handle -> handle.createQuery("SELECT id FROM runner WHERE api_key_hash = :hash")
                        .bind("hash", ApiKeys.hash(token))
                        .mapTo(String.class)
                        .findFirst())
                .orElseThrow(() -> ServiceException.unauthorized("Invalid runner key: no runner has it (was the runner deleted?)"));
    }

    private Optional<Caller> lookUp(String keyHash) {
        Instant now = clock.instant();
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT k.id, k.user_id, k.organization_id, k.permissions, k.name, k.expires_at, k.last_used_at,
                               k.key_prefix, k.key_suffix, u.email, u.system_role, m.role, m.assigned_role_ids,
                               o.authenticated_rate_limit, o.authenticated_rate_limit_ttl, o.sandbox_create_rate_limit,
                               o.sandbox_create_rate_limit_ttl, o.sandbox_lifecycle_rate_limit, o.sandbox_lifecycle_rate_limit_ttl,
                               o.suspended_at, o.suspended_until, o.suspension_reason
                        FROM api_key k
                        JOIN app_user u ON u.id = k.user_id
                        JOIN organization o ON o.id = k.organization_id
                        LEFT JOIN organization_member m ON m.organization_id = k.organization_id AND m.user_id = k.user_id
                        WHERE k.key_hash = :hash""")
                .bind("hash", keyHash)
                .map((rs, ctx) -> {
                    var expiresAt = rs.getTimestamp("expires_at");
                    if (expiresAt != null && expiresAt.toInstant().isBefore(now)) {
                        throw ServiceException.unauthorized("This API key expired at %s; create a new one", expiresAt.toInstant());
                    }
                    String role = rs.getString("role");
                    if (role == null) {
                        throw ServiceException.unauthorized("The user of this API key is no longer a member of its organization");
                    }
                    var suspendedUntil = rs.getTimestamp("suspended_until");
                    if (rs.getTimestamp("suspended_at") != null && (suspendedUntil == null || suspendedUntil.toInstant().isAfter(now))) {
                        throw ServiceException.forbidden("Organization %s is suspended until %s: %s", rs.getString("organization_id"),
                                suspendedUntil == null ? "further notice" : suspendedUntil.toInstant(), rs.getString("suspension_reason"));
                    }
                    var lastUsed = rs.getTimestamp("last_used_at");
                    if (lastUsed == null || lastUsed.toInstant().isBefore(now.minus(LAST_USED_PRECISION))) {
                        recordUse(rs.getString("id"), now);
                    }
                    Set<Permission> permissions = EnumSet.noneOf(Permission.class);
                    permissions.addAll(parsePermissions(rs.getString("permissions")));
                    permissions.retainAll(roles.permissionsOf(rs.getString("organization_id"), role, rs.getString("assigned_role_ids")));
                    return new Caller(rs.getString("user_id"), rs.getString("organization_id"), permissions,
                            rs.getString("name"), rs.getString("email"), rs.getString("key_prefix"), rs.getString("key_suffix"),
                            "admin".equals(rs.getString("system_role")), new Caller.OrganizationRateLimits(
                                    integer(rs, "authenticated_rate_limit"), integer(rs, "authenticated_rate_limit_ttl"),
                                    integer(rs, "sandbox_create_rate_limit"), integer(rs, "sandbox_create_rate_limit_ttl"),
                                    integer(rs, "sandbox_lifecycle_rate_limit"), integer(rs, "sandbox_lifecycle_rate_limit_ttl")));
                })
                .findFirst());
    }

    private static Integer integer(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
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
