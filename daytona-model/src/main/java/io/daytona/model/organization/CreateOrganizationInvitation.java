package io.daytona.model.organization;

import java.time.Instant;
import java.util.List;

/** {@code POST /api/organizations/{id}/invitations}; role defaults to member, assignments to Developer. */
public record CreateOrganizationInvitation(String email, String role, List<String> assignedRoleIds, Instant expiresAt) {}
