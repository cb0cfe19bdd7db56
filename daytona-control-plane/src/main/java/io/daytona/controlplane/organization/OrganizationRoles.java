package io.daytona.controlplane.organization;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.auth.Permission;
import io.daytona.http.ServiceException;
import io.daytona.model.organization.CreateOrganizationRole;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The roles of organizations: the global ones ({@link AssignedRole}) and those an organization's
 * owners define. Members and invitations store the ids of their roles ({@code a,b}); this class
 * turns them into roles and permissions, and keeps them consistent when a role is deleted.
 */
public final class OrganizationRoles {
    private static final int MAX_NAME = 255;
    private static final int MAX_DESCRIPTION = 1024;

    private final Jdbi jdbi;
    private final Clock clock;

    public OrganizationRoles(Jdbi jdbi, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The global roles, then the organization's own, by name. */
    public List<Role> list(String organizationId) {
        List<Role> roles = new ArrayList<>(Stream.of(AssignedRole.values()).map(Role::of).toList());
        roles.addAll(jdbi.withHandle(h -> h.createQuery("SELECT * FROM organization_role WHERE organization_id = :org ORDER BY name")
                .bind("org", organizationId).map(OrganizationRoles::role).list()));
        return roles;
    }

    /** The roles stored ids name, in the stored order; ids of deleted roles are skipped. */
    public List<Role> resolve(String organizationId, List<String> ids) {
        List<Role> roles = new ArrayList<>();
        List<String> custom = new ArrayList<>();
        for (String id : ids) {
            AssignedRole.byId(id).ifPresentOrElse(global -> roles.add(Role.of(global)), () -> custom.add(id));
        }
        if (!custom.isEmpty()) {
            roles.addAll(jdbi.withHandle(h -> h.createQuery(
                            "SELECT * FROM organization_role WHERE organization_id = :org AND id IN (<ids>) ORDER BY name")
                    .bind("org", organizationId).bindList("ids", custom).map(OrganizationRoles::role).list()));
        }
        return roles;
    }

    /** Checks ids a caller sends for an assignment: each must be a global role or one of the organization's. */
    public List<String> checkAssignable(String organizationId, List<String> ids) {
        if (ids == null) {
            throw ServiceException.badRequest(
                    "assignedRoleIds is required: a list of role ids from GET /api/organizations/{id}/roles, possibly empty");
        }
        List<String> distinct = List.copyOf(new LinkedHashSet<>(ids));
        Set<String> known = resolve(organizationId, distinct).stream().map(Role::id).collect(Collectors.toSet());
        for (String id : distinct) {
            if (!known.contains(id)) {
                throw ServiceException.badRequest("unknown role id '%s'; GET /api/organizations/%s/roles lists them", id, organizationId);
            }
        }
        return distinct;
    }

    /** What a member may do: everything for an owner, the union of the assigned roles' permissions otherwise. */
    public Set<Permission> permissionsOf(String organizationId, String memberRole, String storedIds) {
        if ("owner".equals(memberRole)) {
            return EnumSet.allOf(Permission.class);
        }
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        resolve(organizationId, parse(storedIds)).forEach(role -> permissions.addAll(role.permissions()));
        return permissions;
    }

    public Role create(String organizationId, CreateOrganizationRole request) {
        Definition definition = definition(request);
        Instant now = clock.instant();
        Role role = new Role(UUID.randomUUID().toString(), definition.name(), definition.description(), definition.permissions(), false,
                now, now);
        jdbi.useTransaction(h -> {
            requireFreeName(h, organizationId, role.name(), "");
            h.createUpdate("""
                            INSERT INTO organization_role (id, organization_id, name, description, permissions, created_at, updated_at)
                            VALUES (:id, :org, :name, :description, :permissions, :now, :now)""")
                    .bind("id", role.id()).bind("org", organizationId).bind("name", role.name()).bind("description", role.description())
                    .bind("permissions", formatPermissions(role.permissions())).bind("now", now).execute();
        });
        return role;
    }

    public Role update(String organizationId, String roleId, CreateOrganizationRole request) {
        requireCustom(organizationId, roleId, "changed");
        Definition definition = definition(request);
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            requireFreeName(h, organizationId, definition.name(), roleId);
            h.createUpdate("""
                            UPDATE organization_role SET name = :name, description = :description, permissions = :permissions,
                                   updated_at = :now WHERE id = :id AND organization_id = :org""")
                    .bind("name", definition.name()).bind("description", definition.description())
                    .bind("permissions", formatPermissions(definition.permissions())).bind("now", now).bind("id", roleId)
                    .bind("org", organizationId).execute();
        });
        return find(organizationId, roleId).orElseThrow();
    }

    /** Deletes a role of the organization and takes it away from the members and invitations that had it. */
    public void delete(String organizationId, String roleId) {
        requireCustom(organizationId, roleId, "deleted");
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            for (String table : List.of("organization_member", "organization_invitation")) {
                unassign(h, table, organizationId, roleId, now);
            }
            h.createUpdate("DELETE FROM organization_role WHERE id = :id AND organization_id = :org")
                    .bind("id", roleId).bind("org", organizationId).execute();
        });
    }

    /** Parses stored ids ({@code a,b}). */
    public static List<String> parse(String stored) {
        if (stored == null || stored.isBlank()) {
            return List.of();
        }
        return Arrays.stream(stored.split(",")).map(String::strip).filter(id -> !id.isEmpty()).distinct().toList();
    }

    public static String format(Collection<String> ids) {
        return ids.stream().distinct().sorted().collect(Collectors.joining(","));
    }

    private static String formatPermissions(Set<Permission> permissions) {
        return format(permissions.stream().map(Permission::wireValue).toList());
    }

    private Optional<Role> find(String organizationId, String roleId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM organization_role WHERE id = :id AND organization_id = :org")
                .bind("id", roleId).bind("org", organizationId).map(OrganizationRoles::role).findFirst());
    }

    private void requireCustom(String organizationId, String roleId, String verb) {
        if (AssignedRole.byId(roleId).isPresent()) {
            throw ServiceException.forbidden("Role %s is a global role of every organization and cannot be %s", roleId, verb);
        }
        if (find(organizationId, roleId).isEmpty()) {
            throw ServiceException.notFound("Role %s not found in organization %s", roleId, organizationId);
        }
    }

    private static void requireFreeName(Handle h, String organizationId, String name, String exceptId) {
        boolean global = Stream.of(AssignedRole.values()).anyMatch(role -> role.displayName().equalsIgnoreCase(name));
        boolean taken = h.createQuery("""
                        SELECT COUNT(*) FROM organization_role WHERE organization_id = :org AND LOWER(name) = LOWER(:name) AND id <> :id""")
                .bind("org", organizationId).bind("name", name).bind("id", exceptId).mapTo(Long.class).one() > 0;
        if (global || taken) {
            throw ServiceException.conflict("A role named %s already exists in organization %s; choose another name", name, organizationId);
        }
    }

    private static void unassign(Handle h, String table, String organizationId, String roleId, Instant now) {
        String key = table.equals("organization_member") ? "user_id" : "id";
        List<Assignment> holders = h.createQuery("SELECT " + key + " AS holder, assigned_role_ids FROM " + table
                        + " WHERE organization_id = :org AND assigned_role_ids LIKE :pattern")
                .bind("org", organizationId).bind("pattern", "%" + roleId + "%")
                .map((rs, ctx) -> new Assignment(rs.getString("holder"), parse(rs.getString("assigned_role_ids")))).list();
        for (Assignment holder : holders) {
            List<String> kept = holder.roleIds().stream().filter(id -> !id.equals(roleId)).toList();
            h.createUpdate("UPDATE " + table + " SET assigned_role_ids = :ids, updated_at = :now WHERE organization_id = :org AND "
                            + key + " = :holder")
                    .bind("ids", format(kept)).bind("now", now).bind("org", organizationId).bind("holder", holder.id()).execute();
        }
    }

    private record Assignment(String id, List<String> roleIds) {}

    private record Definition(String name, String description, Set<Permission> permissions) {}

    private static Definition definition(CreateOrganizationRole request) {
        if (request == null) {
            throw ServiceException.badRequest("Send {\"name\": …, \"description\": …, \"permissions\": [\"write:sandboxes\", …]}");
        }
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw ServiceException.badRequest("name is required: 1 to %d characters", MAX_NAME);
        }
        String description = request.description() == null ? "" : request.description().strip();
        if (description.length() > MAX_DESCRIPTION) {
            throw ServiceException.badRequest("description is longer than %d characters", MAX_DESCRIPTION);
        }
        if (request.permissions() == null || request.permissions().isEmpty()) {
            throw ServiceException.badRequest("permissions is required: at least one of %s", wireNames());
        }
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String wire : request.permissions()) {
            permissions.add(Permission.fromWire(wire).orElseThrow(() -> ServiceException.badRequest(
                    "unknown permission '%s'; use one of %s", wire, wireNames())));
        }
        return new Definition(name, description, permissions);
    }

    private static String wireNames() {
        return Stream.of(Permission.values()).map(Permission::wireValue).collect(Collectors.joining(", "));
    }

    private static Role role(ResultSet rs, StatementContext ctx) throws SQLException {
        Set<Permission> permissions = parse(rs.getString("permissions")).stream().map(Permission::fromWire).flatMap(Optional::stream)
                .collect(Collectors.toSet());
        return new Role(rs.getString("id"), rs.getString("name"), rs.getString("description"), permissions, false,
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
