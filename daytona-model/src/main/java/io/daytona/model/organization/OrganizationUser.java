package io.daytona.model.organization;

import java.time.Instant;
import java.util.List;

/** A member of an organization, with role {@code owner} or {@code member} and a member's assignments. */
public record OrganizationUser(String userId, String organizationId, String name, String email, String role,
                               List<OrganizationRole> assignedRoles, Instant createdAt, Instant updatedAt) {
    public OrganizationUser {
        assignedRoles = List.copyOf(assignedRoles);
    }
}
