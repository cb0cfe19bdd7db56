package io.daytona.controlplane.organization;

import static io.daytona.controlplane.auth.Permission.DELETE_REGIONS;
import static io.daytona.controlplane.auth.Permission.DELETE_REGISTRIES;
import static io.daytona.controlplane.auth.Permission.DELETE_RUNNERS;
import static io.daytona.controlplane.auth.Permission.DELETE_SANDBOXES;
import static io.daytona.controlplane.auth.Permission.DELETE_SNAPSHOTS;
import static io.daytona.controlplane.auth.Permission.DELETE_VOLUMES;
import static io.daytona.controlplane.auth.Permission.READ_AUDIT_LOGS;
import static io.daytona.controlplane.auth.Permission.READ_RUNNERS;
import static io.daytona.controlplane.auth.Permission.READ_VOLUMES;
import static io.daytona.controlplane.auth.Permission.WRITE_REGIONS;
import static io.daytona.controlplane.auth.Permission.WRITE_REGISTRIES;
import static io.daytona.controlplane.auth.Permission.WRITE_RUNNERS;
import static io.daytona.controlplane.auth.Permission.WRITE_SANDBOXES;
import static io.daytona.controlplane.auth.Permission.WRITE_SNAPSHOTS;
import static io.daytona.controlplane.auth.Permission.WRITE_VOLUMES;

import io.daytona.controlplane.auth.Permission;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The docs' member assignments: global roles with fixed ids (the reference's ids), each granting
 * permissions to a member. Reading is every member's right (the docs' "Viewer"); owners have every permission.
 */
public enum AssignedRole {
    DEVELOPER("00000000-0000-0000-0000-000000000001", "Developer",
            "Grants the ability to create sandboxes and keys in the organization", EnumSet.of(WRITE_SANDBOXES)),
    SANDBOXES_ADMIN("00000000-0000-0000-0000-000000000002", "Sandboxes Admin",
            "Grants admin access to sandboxes in the organization", EnumSet.of(WRITE_SANDBOXES, DELETE_SANDBOXES)),
    SNAPSHOTS_ADMIN("00000000-0000-0000-0000-000000000003", "Snapshots Admin",
            "Grants admin access to snapshots in the organization", EnumSet.of(WRITE_SNAPSHOTS, DELETE_SNAPSHOTS)),
    REGISTRIES_ADMIN("00000000-0000-0000-0000-000000000004", "Registries Admin",
            "Grants admin access to registries in the organization", EnumSet.of(WRITE_REGISTRIES, DELETE_REGISTRIES)),
    SUPER_ADMIN("00000000-0000-0000-0000-000000000005", "Super Admin",
            "Grants full access to all resources in the organization", EnumSet.allOf(Permission.class)),
    VOLUMES_ADMIN("00000000-0000-0000-0000-000000000006", "Volumes Admin",
            "Grants admin access to volumes in the organization", EnumSet.of(READ_VOLUMES, WRITE_VOLUMES, DELETE_VOLUMES)),
    AUDITOR("00000000-0000-0000-0000-000000000007", "Auditor",
            "Grants access to audit logs in the organization", EnumSet.of(READ_AUDIT_LOGS)),
    INFRASTRUCTURE_ADMIN("00000000-0000-0000-0000-000000000008", "Infrastructure Admin",
            "Grants admin access to infrastructure (regions and runners) in the organization",
            EnumSet.of(WRITE_REGIONS, DELETE_REGIONS, READ_RUNNERS, WRITE_RUNNERS, DELETE_RUNNERS));

    private final String id;
    private final String displayName;
    private final String description;
    private final Set<Permission> permissions;

    AssignedRole(String id, String displayName, String description, Set<Permission> permissions) {
        this.id = id;
        this.displayName = displayName;
        this.description = description;
        this.permissions = Set.copyOf(permissions);
    }

    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public String description() {
        return description;
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    public static Optional<AssignedRole> byId(String id) {
        return Arrays.stream(values()).filter(role -> role.id.equals(id)).findFirst();
    }
}
