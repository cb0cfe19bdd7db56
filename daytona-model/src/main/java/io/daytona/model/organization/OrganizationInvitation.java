package io.daytona.model.organization;

import java.time.Instant;
import java.util.List;

/** An invitation to join an organization; {@code status} is pending, accepted, declined or cancelled. */
public record OrganizationInvitation(String id, String email, String invitedBy, String organizationId, String organizationName,
                                     Instant expiresAt, String status, String role, List<OrganizationRole> assignedRoles,
                                     Instant createdAt, Instant updatedAt) {
    public OrganizationInvitation {
        assignedRoles = List.copyOf(assignedRoles);
    }
}
