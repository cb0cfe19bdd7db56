package io.daytona.model.organization;

import java.time.Instant;
import java.util.List;

/** {@code PUT /api/organizations/{id}/invitations/{invitationId}}: a pending invitation's role, assignments, expiry. */
public record UpdateOrganizationInvitation(String role, List<String> assignedRoleIds, Instant expiresAt) {}
