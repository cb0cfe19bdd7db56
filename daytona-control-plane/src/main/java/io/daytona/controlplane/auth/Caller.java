package io.daytona.controlplane.auth;

import static java.util.Objects.requireNonNull;

import io.daytona.http.ServiceException;
import java.util.Set;

/**
 * Who made a request: a user acting in one organization with the permissions of the key used.
 *
 * @param userId the user
 * @param organizationId the organization every read and write of the request is scoped to
 * @param permissions what the key allows
 * @param keyName the API key's name, for audit
 */
public record Caller(String userId, String organizationId, Set<Permission> permissions, String keyName) {
    public Caller {
        requireNonNull(userId, "userId is null");
        requireNonNull(organizationId, "organizationId is null");
        permissions = Set.copyOf(permissions);
        requireNonNull(keyName, "keyName is null");
    }

    /** Fails with 403 unless the key has {@code permission}. */
    public void require(Permission permission) {
        if (!permissions.contains(permission)) {
            throw ServiceException.forbidden("This API key lacks the permission %s; create a key that has it",
                    permission.wireValue());
        }
    }
}
