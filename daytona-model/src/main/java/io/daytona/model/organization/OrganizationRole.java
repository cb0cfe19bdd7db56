package io.daytona.model.organization;

import java.time.Instant;
import java.util.List;

/** An assignment a member can be given (the docs' "Developer", "Auditor"…); the global ones have fixed ids. */
public record OrganizationRole(String id, String name, String description, List<String> permissions, boolean isGlobal,
                               Instant createdAt, Instant updatedAt) {
    public OrganizationRole {
        permissions = List.copyOf(permissions);
    }
}
