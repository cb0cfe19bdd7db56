package io.daytona.controlplane.auth;

import static java.util.Objects.requireNonNull;

import io.daytona.http.ServiceException;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who made a request: a user acting in one organization with the permissions of the key used.
 *
 * @param userId the user
 * @param organizationId the organization every read and write of the request is scoped to
 * @param permissions what the key allows there: the key's own permissions, narrowed to what the user's
 *     role and assignments in the organization allow
 * @param keyName the API key's name, for audit
 * @param email the user's email, for audit
 * @param keyPrefix the key's first characters, for audit
 * @param keySuffix the key's last characters, for audit
 * @param systemAdmin whether the user administers the whole server ({@code /api/admin}, quotas)
 * @param rateLimits the organization's own rate limits, which replace the server's where set
 */
public record Caller(String userId, String organizationId, Set<Permission> permissions, String keyName,
                     String email, String keyPrefix, String keySuffix, boolean systemAdmin, OrganizationRateLimits rateLimits) {
    /** An organization's rate limits (requests per TTL seconds); a null field means the server's setting. */
    public record OrganizationRateLimits(Integer authenticated, Integer authenticatedTtl, Integer sandboxCreate, Integer sandboxCreateTtl,
                                         Integer sandboxLifecycle, Integer sandboxLifecycleTtl) {
        public static final OrganizationRateLimits NONE = new OrganizationRateLimits(null, null, null, null, null, null);
    }

    public Caller {
        requireNonNull(userId, "userId is null");
        requireNonNull(organizationId, "organizationId is null");
        permissions = Set.copyOf(permissions);
        requireNonNull(keyName, "keyName is null");
        requireNonNull(email, "email is null");
        requireNonNull(keyPrefix, "keyPrefix is null");
        requireNonNull(keySuffix, "keySuffix is null");
        requireNonNull(rateLimits, "rateLimits is null");
    }

    /** A caller with no audit details, for tests and in-process use. */
    public Caller(String userId, String organizationId, Set<Permission> permissions, String keyName) {
        this(userId, organizationId, permissions, keyName, "", "", "", false, OrganizationRateLimits.NONE);
    }

    /** Fails with 403 unless the key has {@code permission}. */
    public void require(Permission permission) {
        if (!permissions.contains(permission)) {
            throw ServiceException.forbidden("This API key lacks the permission %s; create a key that has it",
                    permission.wireValue());
        }
    }

    /** Fails with 403 unless the key has {@code permission} or one of {@code alternatives}. */
    public void requireAny(Permission permission, Set<Permission> alternatives) {
        if (permissions.contains(permission) || alternatives.stream().anyMatch(permissions::contains)) {
            return;
        }
        if (alternatives.isEmpty()) {
            require(permission);
        }
        throw ServiceException.forbidden("This API key lacks the permission %s (or %s); create a key that has it", permission.wireValue(),
                alternatives.stream().map(Permission::wireValue).sorted().collect(java.util.stream.Collectors.joining(" or ")));
    }

    /** Whether the key may do everything in its organization (an owner's unrestricted key). */
    public boolean unrestricted() {
        return permissions.containsAll(EnumSet.allOf(Permission.class));
    }

    /** Fails with 403 unless the caller administers the server. */
    public void requireSystemAdmin() {
        if (!systemAdmin) {
            throw ServiceException.forbidden("Only a system administrator may do this (the key made at the first start is one)");
        }
    }
}
