package io.daytona.model.organization;

import java.util.List;

/** {@code POST /api/organizations/{id}/users/{userId}/access}: a member's role and assignments. */
public record UpdateOrganizationMemberAccess(String role, List<String> assignedRoleIds) {}
