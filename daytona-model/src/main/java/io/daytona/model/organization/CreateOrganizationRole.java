package io.daytona.model.organization;

import java.util.List;

/**
 * A role an organization's owner defines: a name and the permissions it grants to the members
 * assigned to it. {@code PUT /api/organizations/{id}/roles/{roleId}} takes the same fields.
 *
 * @param name unique within the organization
 * @param description what the role is for
 * @param permissions wire names such as {@code write:sandboxes}
 */
public record CreateOrganizationRole(String name, String description, List<String> permissions) {
    public CreateOrganizationRole {
        permissions = permissions == null ? null : List.copyOf(permissions);
    }
}
