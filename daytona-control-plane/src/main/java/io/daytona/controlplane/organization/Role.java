package io.daytona.controlplane.organization;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.auth.Permission;
import io.daytona.model.organization.OrganizationRole;
import java.time.Instant;
import java.util.Set;

/**
 * A role members are assigned to: one of the global roles every organization has, or one the
 * organization defined itself.
 *
 * @param global whether it is a global role (fixed id, not editable)
 */
public record Role(String id, String name, String description, Set<Permission> permissions, boolean global,
                   Instant createdAt, Instant updatedAt) {
    public Role {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        permissions = Set.copyOf(permissions);
    }

    static Role of(AssignedRole role) {
        return new Role(role.id(), role.displayName(), role.description(), role.permissions(), true, Instant.EPOCH, Instant.EPOCH);
    }

    public OrganizationRole view() {
        return new OrganizationRole(id, name, description, permissions.stream().map(Permission::wireValue).sorted().toList(), global,
                createdAt, updatedAt);
    }
}
