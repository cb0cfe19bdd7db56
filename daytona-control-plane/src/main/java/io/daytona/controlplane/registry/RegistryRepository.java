package io.daytona.controlplane.registry;

import static java.util.Objects.requireNonNull;

import io.daytona.model.registry.RegistryType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for docker registries; reads and writes of an organization's rows are scoped to it. */
public final class RegistryRepository {
    private final Jdbi jdbi;

    public RegistryRepository(Jdbi jdbi) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    public void insert(RegistryRecord r) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO docker_registry (id, organization_id, name, url, username, password_encrypted, project,
                            registry_type, is_default, created_at, updated_at)
                        VALUES (:id, :organizationId, :name, :url, :username, :passwordEncrypted, :project, :type, :isDefault,
                            :createdAt, :updatedAt)""")
                .bindMethods(r)
                .bind("type", r.registryType().wireValue())
                .execute());
    }

    public List<RegistryRecord> list(String organizationId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM docker_registry WHERE organization_id = :org ORDER BY created_at, id")
                .bind("org", organizationId).map(RegistryRepository::map).list());
    }

    public Optional<RegistryRecord> find(String organizationId, String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM docker_registry WHERE organization_id = :org AND id = :id")
                .bind("org", organizationId).bind("id", id).map(RegistryRepository::map).findFirst());
    }

    /** Any organization's registry: for administrators only. */
    public Optional<RegistryRecord> findAny(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM docker_registry WHERE id = :id")
                .bind("id", id).map(RegistryRepository::map).findFirst());
    }

    public Optional<RegistryRecord> findDefault() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM docker_registry WHERE is_default ORDER BY updated_at DESC")
                .map(RegistryRepository::map).findFirst());
    }

    public void update(RegistryRecord r) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE docker_registry SET name = :name, url = :url, username = :username,
                            password_encrypted = :passwordEncrypted, project = :project, updated_at = :updatedAt
                        WHERE id = :id AND organization_id = :organizationId""")
                .bindMethods(r).execute());
    }

    public boolean delete(String organizationId, String id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM docker_registry WHERE id = :id AND organization_id = :org")
                .bind("id", id).bind("org", organizationId).execute()) == 1;
    }

    /** Makes {@code id} the one default registry, in one transaction. */
    public void setDefault(String id, Instant now) {
        jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE docker_registry SET is_default = FALSE WHERE is_default AND id <> :id").bind("id", id).execute();
            h.createUpdate("UPDATE docker_registry SET is_default = TRUE, updated_at = :now WHERE id = :id")
                    .bind("id", id).bind("now", now).execute();
        });
    }

    private static RegistryRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new RegistryRecord(rs.getString("id"), rs.getString("organization_id"), rs.getString("name"), rs.getString("url"),
                rs.getString("username"), rs.getString("password_encrypted"), rs.getString("project"),
                RegistryType.fromWire(rs.getString("registry_type")), rs.getBoolean("is_default"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
