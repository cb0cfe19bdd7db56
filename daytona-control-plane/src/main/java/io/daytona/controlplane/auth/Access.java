package io.daytona.controlplane.auth;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What a route demands of its caller, declared where the route is registered (see {@link ApiRoutes}).
 * Every {@code /api} route declares one; a test walks the router and fails for a route that does not.
 *
 * @param scope whose data the route touches, which decides how it is isolated
 * @param permission the key permission the route needs, if any
 * @param action the audit action of a mutating route; derived from the method and path when empty
 */
public record Access(Scope scope, Optional<Permission> permission, Optional<String> action) {
    /** How a route is scoped. */
    public enum Scope {
        /** No credentials: server-wide, non-tenant data (config, health). */
        ANONYMOUS,
        /** The caller's organization only: every query is filtered by the key's organization. */
        ORGANIZATION,
        /** The caller's user: its organizations, invitations and profile; membership is checked per organization. */
        USER,
        /** The server's administrators only. */
        SYSTEM_ADMIN
    }

    public Access {
        requireNonNull(scope, "scope is null");
        requireNonNull(permission, "permission is null");
        requireNonNull(action, "action is null");
    }

    public static Access anonymous() {
        return new Access(Scope.ANONYMOUS, Optional.empty(), Optional.empty());
    }

    /** Any key of the organization: reads, for which the reference has no permission. */
    public static Access organization() {
        return new Access(Scope.ORGANIZATION, Optional.empty(), Optional.empty());
    }

    /** A key of the organization that has {@code permission}. */
    public static Access organization(Permission permission) {
        return new Access(Scope.ORGANIZATION, Optional.of(permission), Optional.empty());
    }

    public static Access user() {
        return new Access(Scope.USER, Optional.empty(), Optional.empty());
    }

    public static Access systemAdmin() {
        return new Access(Scope.SYSTEM_ADMIN, Optional.empty(), Optional.empty());
    }

    /** The same access, recorded in the audit log under {@code action} (one of the reference's action names). */
    public Access audited(String action) {
        return new Access(scope, permission, Optional.of(action));
    }
}
