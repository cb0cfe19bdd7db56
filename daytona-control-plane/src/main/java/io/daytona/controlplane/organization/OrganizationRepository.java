package io.daytona.controlplane.organization;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for users, organizations, members and invitations. */
public final class OrganizationRepository {
    /** An organization row with its quotas and rate-limit overrides (null = the server's). */
    public record OrganizationRow(String id, String name, boolean personal, String createdBy, Instant createdAt, Instant updatedAt,
                                  int totalCpuQuota, int totalMemoryQuota, int totalDiskQuota, int maxCpuPerSandbox,
                                  int maxMemoryPerSandbox, int maxDiskPerSandbox, int snapshotQuota, int maxSnapshotSize,
                                  int volumeQuota, String defaultRegionId, Integer authenticatedRateLimit,
                                  Integer sandboxCreateRateLimit, Integer sandboxLifecycleRateLimit, Integer authenticatedRateLimitTtl,
                                  Integer sandboxCreateRateLimitTtl, Integer sandboxLifecycleRateLimitTtl, Instant suspendedAt,
                                  Instant suspendedUntil, String suspensionReason, Integer suspensionCleanupGracePeriodHours) {
        /** Whether a suspension is in force at {@code now}. */
        public boolean suspended(Instant now) {
            return suspendedAt != null && (suspendedUntil == null || suspendedUntil.isAfter(now));
        }
    }

    public record MemberRow(String organizationId, String userId, String name, String email, String role,
                            List<String> roleIds, Instant createdAt, Instant updatedAt) {}

    public record InvitationRow(String id, String organizationId, String organizationName, String email, String invitedBy,
                                String role, List<String> roleIds, String status, Instant expiresAt,
                                Instant createdAt, Instant updatedAt) {}

    public record UserRow(String id, String name, String email, String systemRole, Instant createdAt) {}

    private final Jdbi jdbi;

    public OrganizationRepository(Jdbi jdbi) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    // ---- users

    public static void insertUser(Handle handle, String id, String name, String email, String systemRole, Instant now) {
        handle.createUpdate("INSERT INTO app_user (id, name, email, system_role, created_at) VALUES (:id, :name, :email, :role, :now)")
                .bind("id", id).bind("name", name).bind("email", email).bind("role", systemRole).bind("now", now).execute();
    }

    public static void insertOrganization(Handle handle, String id, String name, boolean personal, String createdBy,
                                          String defaultRegionId, Instant now) {
        handle.createUpdate("""
                        INSERT INTO organization (id, name, personal, created_by, created_at, updated_at, default_region_id)
                        VALUES (:id, :name, :personal, :user, :now, :now, :region)""")
                .bind("id", id).bind("name", name).bind("personal", personal).bind("user", createdBy).bind("now", now)
                .bind("region", defaultRegionId).execute();
    }

    public static void insertMember(Handle handle, String organizationId, String userId, String role, List<String> roleIds,
                                    Instant now) {
        handle.createUpdate("""
                        INSERT INTO organization_member (organization_id, user_id, role, assigned_role_ids, created_at, updated_at)
                        VALUES (:org, :user, :role, :roles, :now, :now)""")
                .bind("org", organizationId).bind("user", userId).bind("role", role)
                .bind("roles", OrganizationRoles.format(roleIds)).bind("now", now).execute();
    }

    public Optional<UserRow> findUser(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM app_user WHERE id = :id").bind("id", id)
                .map(OrganizationRepository::user).findFirst());
    }

    public boolean emailTaken(String email) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM app_user WHERE LOWER(email) = LOWER(:email)")
                .bind("email", email).mapTo(Long.class).one() > 0);
    }

    public List<UserRow> listUsers() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM app_user ORDER BY created_at, id")
                .map(OrganizationRepository::user).list());
    }

    // ---- organizations

    public Optional<OrganizationRow> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM organization WHERE id = :id").bind("id", id)
                .map(OrganizationRepository::organization).findFirst());
    }

    public List<OrganizationRow> listForUser(String userId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT o.* FROM organization o JOIN organization_member m ON m.organization_id = o.id
                        WHERE m.user_id = :user ORDER BY o.personal DESC, o.created_at, o.id""")
                .bind("user", userId).map(OrganizationRepository::organization).list());
    }

    public long liveSandboxes(String organizationId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM sandbox WHERE organization_id = :org AND desired_state <> 'destroyed'")
                .bind("org", organizationId).mapTo(Long.class).one());
    }

    /**
     * Removes an organization with its keys, members, invitations and the rows kept of its
     * destroyed sandboxes and deleted volumes; its sandboxes must all be destroyed. Live volumes,
     * snapshots and registries keep it (the caller sees a conflict).
     */
    public void delete(String organizationId) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM sandbox_volume WHERE sandbox_id IN (SELECT id FROM sandbox WHERE organization_id = :org)")
                    .bind("org", organizationId).execute();
            for (String table : List.of("api_key", "organization_member", "organization_invitation", "organization_role", "sandbox")) {
                h.createUpdate("DELETE FROM " + table + " WHERE organization_id = :org").bind("org", organizationId).execute();
            }
            h.createUpdate("DELETE FROM volume WHERE organization_id = :org AND state = 'deleted'").bind("org", organizationId).execute();
            h.createUpdate("DELETE FROM organization WHERE id = :org").bind("org", organizationId).execute();
        });
    }

    /** Suspends the organization, or lifts its suspension when {@code at} is null. */
    public void suspend(String organizationId, Instant at, Instant until, String reason, Integer graceHours, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE organization SET suspended_at = :at, suspended_until = :until, suspension_reason = :reason,
                               suspension_cleanup_grace_period_hours = :grace, updated_at = :now WHERE id = :id""")
                .bind("at", at).bind("until", until).bind("reason", reason).bind("grace", graceHours).bind("now", now)
                .bind("id", organizationId).execute());
    }

    public void setDefaultRegion(String organizationId, String regionId, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE organization SET default_region_id = :region, updated_at = :now WHERE id = :id")
                .bind("region", regionId).bind("now", now).bind("id", organizationId).execute());
    }

    /** Sets one integer column of the organization (a quota or a limit); {@code column} comes from code, never from callers. */
    public void setColumn(String organizationId, String column, Integer value, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE organization SET " + column + " = :value, updated_at = :now WHERE id = :id")
                .bind("value", value).bind("now", now).bind("id", organizationId).execute());
    }

    // ---- members

    public Optional<MemberRow> findMember(String organizationId, String userId) {
        return jdbi.withHandle(h -> h.createQuery(MEMBERS + " WHERE m.organization_id = :org AND m.user_id = :user")
                .bind("org", organizationId).bind("user", userId).map(OrganizationRepository::member).findFirst());
    }

    public List<MemberRow> members(String organizationId) {
        return jdbi.withHandle(h -> h.createQuery(MEMBERS + " WHERE m.organization_id = :org ORDER BY m.created_at, u.email")
                .bind("org", organizationId).map(OrganizationRepository::member).list());
    }

    public long owners(String organizationId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM organization_member WHERE organization_id = :org AND role = 'owner'")
                .bind("org", organizationId).mapTo(Long.class).one());
    }

    public void updateMember(String organizationId, String userId, String role, List<String> roleIds, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE organization_member SET role = :role, assigned_role_ids = :roles, updated_at = :now
                        WHERE organization_id = :org AND user_id = :user""")
                .bind("role", role).bind("roles", OrganizationRoles.format(roleIds)).bind("now", now)
                .bind("org", organizationId).bind("user", userId).execute());
    }

    /** Removes a member and the member's API keys in the organization. */
    public void removeMember(String organizationId, String userId) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM api_key WHERE organization_id = :org AND user_id = :user")
                    .bind("org", organizationId).bind("user", userId).execute();
            h.createUpdate("DELETE FROM organization_member WHERE organization_id = :org AND user_id = :user")
                    .bind("org", organizationId).bind("user", userId).execute();
        });
    }

    // ---- invitations

    public void insertInvitation(InvitationRow invitation) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO organization_invitation (id, organization_id, email, invited_by, role, assigned_role_ids, status,
                                                             expires_at, created_at, updated_at)
                        VALUES (:id, :org, :email, :invitedBy, :role, :roles, :status, :expiresAt, :now, :now)""")
                .bind("id", invitation.id()).bind("org", invitation.organizationId()).bind("email", invitation.email())
                .bind("invitedBy", invitation.invitedBy()).bind("role", invitation.role())
                .bind("roles", OrganizationRoles.format(invitation.roleIds())).bind("status", invitation.status())
                .bind("expiresAt", invitation.expiresAt()).bind("now", invitation.createdAt()).execute());
    }

    public Optional<InvitationRow> findInvitation(String id) {
        return jdbi.withHandle(h -> h.createQuery(INVITATIONS + " WHERE i.id = :id").bind("id", id)
                .map(OrganizationRepository::invitation).findFirst());
    }

    public List<InvitationRow> invitations(String organizationId) {
        return jdbi.withHandle(h -> h.createQuery(INVITATIONS + " WHERE i.organization_id = :org ORDER BY i.created_at DESC")
                .bind("org", organizationId).map(OrganizationRepository::invitation).list());
    }

    public List<InvitationRow> pendingFor(String email, Instant now) {
        return jdbi.withHandle(h -> h.createQuery(INVITATIONS
                        + " WHERE LOWER(i.email) = LOWER(:email) AND i.status = 'pending' AND i.expires_at > :now ORDER BY i.created_at DESC")
                .bind("email", email).bind("now", now).map(OrganizationRepository::invitation).list());
    }

    public void updateInvitation(String id, String role, List<String> roleIds, Instant expiresAt, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE organization_invitation SET role = :role, assigned_role_ids = :roles, expires_at = :expiresAt, updated_at = :now
                        WHERE id = :id""")
                .bind("role", role).bind("roles", OrganizationRoles.format(roleIds)).bind("expiresAt", expiresAt)
                .bind("now", now).bind("id", id).execute());
    }

    /** Moves a pending invitation to {@code status}; false if it was no longer pending. */
    public boolean settleInvitation(String id, String status, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE organization_invitation SET status = :status, updated_at = :now WHERE id = :id AND status = 'pending'""")
                .bind("status", status).bind("now", now).bind("id", id).execute() == 1);
    }

    /** Accepts an invitation: the user becomes a member with the invitation's role, in one transaction. */
    public boolean accept(InvitationRow invitation, String userId, Instant now) {
        return jdbi.inTransaction(h -> {
            int settled = h.createUpdate("""
                            UPDATE organization_invitation SET status = 'accepted', updated_at = :now WHERE id = :id AND status = 'pending'""")
                    .bind("now", now).bind("id", invitation.id()).execute();
            if (settled != 1) {
                return false;
            }
            insertMember(h, invitation.organizationId(), userId, invitation.role(), invitation.roleIds(), now);
            return true;
        });
    }

    private static final String MEMBERS = """
            SELECT m.*, u.name, u.email FROM organization_member m JOIN app_user u ON u.id = m.user_id""";
    private static final String INVITATIONS = """
            SELECT i.*, o.name AS organization_name FROM organization_invitation i JOIN organization o ON o.id = i.organization_id""";

    private static UserRow user(ResultSet rs, StatementContext ctx) throws SQLException {
        return new UserRow(rs.getString("id"), rs.getString("name"), rs.getString("email"), rs.getString("system_role"),
                instant(rs.getTimestamp("created_at")));
    }

    private static OrganizationRow organization(ResultSet rs, StatementContext ctx) throws SQLException {
        return new OrganizationRow(rs.getString("id"), rs.getString("name"), rs.getBoolean("personal"), rs.getString("created_by"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")), rs.getInt("total_cpu_quota"),
                rs.getInt("total_memory_quota"), rs.getInt("total_disk_quota"), rs.getInt("max_cpu_per_sandbox"),
                rs.getInt("max_memory_per_sandbox"), rs.getInt("max_disk_per_sandbox"), rs.getInt("snapshot_quota"),
                rs.getInt("max_snapshot_size"), rs.getInt("volume_quota"), rs.getString("default_region_id"),
                integer(rs, "authenticated_rate_limit"), integer(rs, "sandbox_create_rate_limit"),
                integer(rs, "sandbox_lifecycle_rate_limit"), integer(rs, "authenticated_rate_limit_ttl"),
                integer(rs, "sandbox_create_rate_limit_ttl"), integer(rs, "sandbox_lifecycle_rate_limit_ttl"),
                instant(rs.getTimestamp("suspended_at")), instant(rs.getTimestamp("suspended_until")), rs.getString("suspension_reason"),
                integer(rs, "suspension_cleanup_grace_period_hours"));
    }

    private static MemberRow member(ResultSet rs, StatementContext ctx) throws SQLException {
        Instant created = instant(rs.getTimestamp("created_at"));
        Instant updated = instant(rs.getTimestamp("updated_at"));
        return new MemberRow(rs.getString("organization_id"), rs.getString("user_id"), rs.getString("name"), rs.getString("email"),
                rs.getString("role"), OrganizationRoles.parse(rs.getString("assigned_role_ids")), created, updated == null ? created : updated);
    }

    private static InvitationRow invitation(ResultSet rs, StatementContext ctx) throws SQLException {
        return new InvitationRow(rs.getString("id"), rs.getString("organization_id"), rs.getString("organization_name"),
                rs.getString("email"), rs.getString("invited_by"), rs.getString("role"), OrganizationRoles.parse(rs.getString("assigned_role_ids")),
                rs.getString("status"), instant(rs.getTimestamp("expires_at")), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")));
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
