package io.daytona.controlplane.auth;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for API keys; every query is scoped to one user in one organization. */
public final class ApiKeyRepository {
    /**
     * A stored key: never its value, only the first and last characters shown when listing.
     */
    public record StoredKey(String name, String userId, String prefix, String suffix, Set<Permission> permissions,
                            Instant createdAt, Instant expiresAt, Instant lastUsedAt) {}

    private final Jdbi jdbi;

    public ApiKeyRepository(Jdbi jdbi) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    /** Stores a key by its hash; used by the API and by the first start's bootstrap. */
    public static void insert(Handle handle, String organizationId, String userId, String name, String key,
                              Set<Permission> permissions, Instant now, Instant expiresAt) {
        handle.createUpdate("""
                        INSERT INTO api_key (id, organization_id, user_id, name, key_hash, key_prefix, key_suffix, permissions, created_at, expires_at)
                        VALUES (:id, :org, :user, :name, :hash, :prefix, :suffix, :permissions, :now, :expiresAt)""")
                .bind("id", UUID.randomUUID().toString())
                .bind("org", organizationId)
                .bind("user", userId)
                .bind("name", name)
                .bind("hash", ApiKeys.hash(key))
                .bind("prefix", key.substring(0, 3))
                .bind("suffix", key.substring(key.length() - 3))
                .bind("permissions", Authenticator.formatPermissions(permissions))
                .bind("now", now)
                .bind("expiresAt", expiresAt)
                .execute();
    }

    public void insert(String organizationId, String userId, String name, String key, Set<Permission> permissions,
                       Instant now, Instant expiresAt) {
        jdbi.useHandle(handle -> insert(handle, organizationId, userId, name, key, permissions, now, expiresAt));
    }

    public List<StoredKey> list(String organizationId, String userId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT * FROM api_key WHERE organization_id = :org AND user_id = :user ORDER BY created_at, name""")
                .bind("org", organizationId)
                .bind("user", userId)
                .map(ApiKeyRepository::map)
                .list());
    }

    public Optional<StoredKey> find(String organizationId, String userId, String name) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT * FROM api_key WHERE organization_id = :org AND user_id = :user AND name = :name""")
                .bind("org", organizationId)
                .bind("user", userId)
                .bind("name", name)
                .map(ApiKeyRepository::map)
                .findFirst());
    }

    public boolean delete(String organizationId, String userId, String name) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                        "DELETE FROM api_key WHERE organization_id = :org AND user_id = :user AND name = :name")
                .bind("org", organizationId)
                .bind("user", userId)
                .bind("name", name)
                .execute() == 1);
    }

    private static StoredKey map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new StoredKey(rs.getString("name"), rs.getString("user_id"), rs.getString("key_prefix"), rs.getString("key_suffix"),
                Authenticator.parsePermissions(rs.getString("permissions")), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("expires_at")), instant(rs.getTimestamp("last_used_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
