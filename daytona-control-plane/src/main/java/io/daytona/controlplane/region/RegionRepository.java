package io.daytona.controlplane.region;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for regions. */
public final class RegionRepository {
    private final Jdbi jdbi;

    public RegionRepository(Jdbi jdbi) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    /** Makes the shared region {@code id} if it does not exist, and keeps its proxy URL current. */
    public void ensureShared(String id, String proxyUrl, Instant now) {
        jdbi.useTransaction(handle -> {
            boolean exists = handle.createQuery("SELECT COUNT(*) FROM region WHERE id = :id").bind("id", id).mapTo(Integer.class).one() > 0;
            if (exists) {
                handle.createUpdate("UPDATE region SET proxy_url = :proxyUrl WHERE id = :id AND organization_id IS NULL")
                        .bind("id", id).bind("proxyUrl", proxyUrl).execute();
                return;
            }
            handle.createUpdate("""
                            INSERT INTO region (id, name, organization_id, region_type, proxy_url, created_at, updated_at)
                            VALUES (:id, :id, NULL, 'shared', :proxyUrl, :now, :now)""")
                    .bind("id", id).bind("proxyUrl", proxyUrl).bind("now", now).execute();
        });
    }

    public void insert(RegionRecord region, String proxyKeyHash, String sshGatewayKeyHash) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO region (id, name, organization_id, region_type, proxy_url, ssh_gateway_url, snapshot_manager_url,
                            proxy_api_key_hash, ssh_gateway_api_key_hash, created_at, updated_at)
                        VALUES (:id, :name, :organizationId, :regionType, :proxyUrl, :sshGatewayUrl, :snapshotManagerUrl,
                            :proxyKeyHash, :sshKeyHash, :createdAt, :updatedAt)""")
                .bindMethods(region)
                .bind("proxyKeyHash", proxyKeyHash)
                .bind("sshKeyHash", sshGatewayKeyHash)
                .execute());
    }

    public Optional<RegionRecord> find(String id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM region WHERE id = :id")
                .bind("id", id).map(RegionRepository::map).findFirst());
    }

    /** The shared regions and the organization's own, shared first, then by name. */
    public List<RegionRecord> visibleTo(String organizationId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT * FROM region WHERE organization_id IS NULL OR organization_id = :org
                        ORDER BY CASE WHEN organization_id IS NULL THEN 0 ELSE 1 END, name, id""")
                .bind("org", organizationId).map(RegionRepository::map).list());
    }

    public List<RegionRecord> shared() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM region WHERE organization_id IS NULL ORDER BY name, id")
                .map(RegionRepository::map).list());
    }

    /** Whether the organization has a custom region of this name. */
    public boolean nameTaken(String organizationId, String name) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM region WHERE (organization_id = :org OR organization_id IS NULL) AND (name = :name OR id = :name)")
                .bind("org", organizationId).bind("name", name).mapTo(Integer.class).one() > 0);
    }

    public void updateUrls(String id, String proxyUrl, String sshGatewayUrl, String snapshotManagerUrl, Instant now) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE region SET proxy_url = :proxyUrl, ssh_gateway_url = :sshGatewayUrl,
                            snapshot_manager_url = :snapshotManagerUrl, updated_at = :now WHERE id = :id""")
                .bind("id", id).bind("proxyUrl", proxyUrl).bind("sshGatewayUrl", sshGatewayUrl)
                .bind("snapshotManagerUrl", snapshotManagerUrl).bind("now", now).execute());
    }

    /** Replaces the hash of the region's proxy ({@code proxy}) or SSH gateway key; the column comes from code. */
    public void setKeyHash(String id, boolean proxy, String hash, Instant now) {
        String column = proxy ? "proxy_api_key_hash" : "ssh_gateway_api_key_hash";
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE region SET " + column + " = :hash, updated_at = :now WHERE id = :id")
                .bind("id", id).bind("hash", hash).bind("now", now).execute());
    }

    /** How many runners are registered in the region, and how many sandboxes not yet destroyed are placed in it. */
    public record Usage(int runners, int sandboxes) {}

    public Usage usage(String id) {
        return jdbi.withHandle(handle -> new Usage(
                handle.createQuery("SELECT COUNT(*) FROM runner WHERE region_id = :id").bind("id", id).mapTo(Integer.class).one(),
                handle.createQuery("SELECT COUNT(*) FROM sandbox WHERE region = :id AND state <> 'destroyed'")
                        .bind("id", id).mapTo(Integer.class).one()));
    }

    /** Deletes the region; organizations that had it as their default region go back to {@code fallback}. */
    public void delete(String id, String fallback, Instant now) {
        jdbi.useTransaction(handle -> {
            handle.createUpdate("UPDATE organization SET default_region_id = :fallback, updated_at = :now WHERE default_region_id = :id")
                    .bind("id", id).bind("fallback", fallback).bind("now", now).execute();
            handle.createUpdate("DELETE FROM region WHERE id = :id").bind("id", id).execute();
        });
    }

    private static RegionRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new RegionRecord(rs.getString("id"), rs.getString("name"), rs.getString("organization_id"), rs.getString("region_type"),
                rs.getString("proxy_url"), rs.getString("ssh_gateway_url"), rs.getString("snapshot_manager_url"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
