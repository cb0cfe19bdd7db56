package io.daytona.controlplane.auth;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.Set;

/**
 * What a route demands of its caller, declared where the route is registered (see {@link ApiRoutes}).
 * Every {@code /api} route declares one; a test walks the router and fails for a route that does not.
 *
 * @param scope whose data the route touches, which decides how it is isolated
 * @param permission the key permission the route needs, if any
 * @param alternatives permissions any of which does instead of {@code permission} (push access serves snapshots and sandboxes)
 * @param action the audit action of a mutating route; derived from the method and path when empty
 */
public record Access(Scope scope, Optional<Permission> permission, Set<Permission> alternatives, Optional<String> action) {
    /** How a route is scoped. */
    public enum Scope {
        /** No credentials: server-wide, non-tenant data (config, health). */
        ANONYMOUS,
        /** The caller's organization only: every query is filtered by the key's organization. */
        ORGANIZATION,
        /** The caller's user: its organizations, invitations and profile; membership is checked per organization. */
        USER,
        /** The server's administrators only. */
        SYSTEM_ADMIN,
        /**
         * A registered runner, with its own key ({@code dtr_...}): its healthchecks and its view of
         * itself. No API key is accepted here, and runner keys are accepted nowhere else.
         */
        RUNNER
    }

    public Access {
        requireNonNull(scope, "scope is null");
        requireNonNull(permission, "permission is null");
        alternatives = Set.copyOf(alternatives);
        requireNonNull(action, "action is null");
    }

    public static Access anonymous() {
        return new Access(Scope.ANONYMOUS, Optional.empty(), Set.of(), Optional.empty());
    }

    /** Any key of the organization: reads, for which the reference has no permission. */
    public static Access organization() {
        return new Access(Scope.ORGANIZATION, Optional.empty(), Set.of(), Optional.empty());
    }

    /** A key of the organization that has {@code permission}. */
    public static Access organization(Permission permission) {
        return new Access(Scope.ORGANIZATION, Optional.of(permission), Set.of(), Optional.empty());
    }

    /** A key of the organization that has {@code permission} or any of {@code alternatives}. */
    public static Access organization(Permission permission, Permission... alternatives) {
        return new Access(Scope.ORGANIZATION, Optional.of(permission), Set.of(alternatives), Optional.empty());
    }

    public static Access user() {
        return new Access(Scope.USER, Optional.empty(), Set.of(), Optional.empty());
    }

    public static Access systemAdmin() {
        return new Access(Scope.SYSTEM_ADMIN, Optional.empty(), Set.of(), Optional.empty());
    }

    /** A runner's own key. */
    public static Access runner() {
        return new Access(Scope.RUNNER, Optional.empty(), Set.of(), Optional.empty());
    }

    /** The same access, recorded in the audit log under {@code action} (one of the reference's action names). */
    public Access audited(String action) {
        return new Access(scope, permission, alternatives, Optional.of(action));
    }

    /** Fails with 403 unless the caller has the permission or one of its alternatives; does nothing when none is declared. */
    void check(Caller caller) {
        permission.ifPresent(required -> caller.requireAny(required, alternatives));
    }
}
