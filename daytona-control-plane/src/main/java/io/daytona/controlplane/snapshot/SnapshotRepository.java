package io.daytona.controlplane.snapshot;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.model.snapshot.SnapshotState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for snapshots. An organization sees its own snapshots and the general ones. */
public final class SnapshotRepository {
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};

    private final Jdbi jdbi;
    private final ObjectMapper json;

    public SnapshotRepository(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.json = requireNonNull(json, "json is null");
    }

    public void insert(SnapshotRecord s) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO snapshot (id, organization_id, general, name, image_name, image_ref, state, error_reason,
                            entrypoint, cpu, gpu, mem, disk, size_gb, dockerfile, context_hashes, sandbox_build,
                            created_at, updated_at, last_used_at)
                        VALUES (:id, :organizationId, :general, :name, :imageName, :imageRef, :state, :errorReason,
                            :entrypoint, :cpu, :gpu, :mem, :disk, :sizeGb, :dockerfile, :contextHashes, :sandboxBuild,
                            :createdAt, :updatedAt, :lastUsedAt)""")
                .bindMethods(s)
                .bind("state", s.state().wireValue())
                .bind("entrypoint", write(s.entrypoint()))
                .bind("contextHashes", write(s.contextHashes()))
                .execute());
    }

    /** A snapshot the organization may see (its own or a general one), by id or name; its own wins. */
    public Optional<SnapshotRecord> find(String organizationId, String idOrName, boolean sandboxBuilds) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT * FROM snapshot
                        WHERE (organization_id = :org OR general) AND (id = :key OR name = :key) AND sandbox_build = :builds
                        ORDER BY CASE WHEN id = :key THEN 0 WHEN organization_id = :org THEN 1 ELSE 2 END""")
                .bind("org", organizationId).bind("key", idOrName).bind("builds", sandboxBuilds)
                .map(this::map).findFirst());
    }

    public Optional<SnapshotRecord> findById(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM snapshot WHERE id = :id").bind("id", id).map(this::map).findFirst());
    }

    public Optional<SnapshotRecord> findGeneral(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM snapshot WHERE general AND name = :name")
                .bind("name", name).map(this::map).findFirst());
    }

    public boolean nameTaken(String organizationId, String name) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT COUNT(*) FROM snapshot WHERE (organization_id = :org OR general) AND name = :name""")
                .bind("org", organizationId).bind("name", name).mapTo(Integer.class).one() > 0);
    }

    /** The organization's listed snapshots and the general ones, filtered by a name part. */
    public List<SnapshotRecord> list(String organizationId, String nameContains) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT * FROM snapshot
                        WHERE (organization_id = :org OR general) AND NOT sandbox_build AND LOWER(name) LIKE :name
                        ORDER BY created_at DESC, id""")
                .bind("org", organizationId)
                .bind("name", "%" + nameContains.toLowerCase(java.util.Locale.ROOT).replace("%", "\\%").replace("_", "\\_") + "%")
                .map(this::map).list());
    }

    public void recordState(String id, SnapshotState state, String errorReason, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE snapshot SET state = :state, error_reason = :reason, updated_at = :now WHERE id = :id")
                .bind("id", id).bind("state", state.wireValue()).bind("reason", errorReason).bind("now", now).execute());
    }

    /** Moves the state only if it still is {@code expected}; false if someone else moved it. */
    public boolean transition(String id, SnapshotState expected, SnapshotState next, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE snapshot SET state = :next, error_reason = NULL, updated_at = :now WHERE id = :id AND state = :expected""")
                .bind("id", id).bind("expected", expected.wireValue()).bind("next", next.wireValue()).bind("now", now).execute()) == 1;
    }

    public void recordActive(String id, List<String> entrypoint, double sizeGb, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE snapshot SET state = 'active', error_reason = NULL, entrypoint = :entrypoint, size_gb = :size,
                            updated_at = :now, last_used_at = COALESCE(last_used_at, :now)
                        WHERE id = :id""")
                .bind("id", id).bind("entrypoint", write(entrypoint)).bind("size", sizeGb).bind("now", now).execute());
    }

    public void recordUse(String id, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE snapshot SET last_used_at = :now WHERE id = :id").bind("id", id).bind("now", now).execute());
    }

    /** Active snapshots of organizations unused since {@code cutoff} become inactive; returns how many. */
    public int deactivateUnusedSince(Instant cutoff, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE snapshot SET state = 'inactive', updated_at = :now
                        WHERE state = 'active' AND NOT general AND COALESCE(last_used_at, created_at) < :cutoff""")
                .bind("cutoff", cutoff).bind("now", now).execute());
    }

    /**
     * Builds made for sandboxes, unused since {@code cutoff}, that no sandbox still runs: their
     * images are no longer cached.
     */
    public List<SnapshotRecord> expiredSandboxBuilds(Instant cutoff) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT * FROM snapshot s
                        WHERE s.sandbox_build AND s.state IN ('active', 'build_failed', 'error')
                          AND COALESCE(s.last_used_at, s.created_at) < :cutoff
                          AND NOT EXISTS (SELECT 1 FROM sandbox x WHERE x.organization_id = s.organization_id
                                          AND x.snapshot = s.name AND x.state <> 'destroyed')""")
                .bind("cutoff", cutoff).map(this::map).list());
    }

    /** Snapshots whose work (pull or build) was interrupted, e.g. by a restart. */
    public List<SnapshotRecord> unfinished() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM snapshot WHERE state IN ('pending', 'pulling', 'building')")
                .map(this::map).list());
    }

    public void delete(String id) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM snapshot WHERE id = :id").bind("id", id).execute());
    }

    /** Whether any snapshot other than {@code exceptId} runs the same image. */
    public void setGeneral(String id, boolean general, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE snapshot SET general = :general, updated_at = :now WHERE id = :id")
                .bind("id", id).bind("general", general).bind("now", now).execute());
    }

    /** Whether any snapshot, of any organization, runs {@code image} (as named or as the tag runners run). */
    public boolean imageInUse(String image) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM snapshot WHERE image_ref = :image OR image_name = :image")
                .bind("image", image).mapTo(Integer.class).one() > 0);
    }

    public boolean imageShared(String imageRef, String exceptId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM snapshot WHERE image_ref = :ref AND id <> :id")
                .bind("ref", imageRef).bind("id", exceptId).mapTo(Integer.class).one() > 0);
    }

    private SnapshotRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
        double size = rs.getDouble("size_gb");
        Double sizeGb = rs.wasNull() ? null : size;
        return new SnapshotRecord(rs.getString("id"), rs.getString("organization_id"), rs.getBoolean("general"),
                rs.getString("name"), rs.getString("image_name"), rs.getString("image_ref"),
                SnapshotState.fromWire(rs.getString("state")), rs.getString("error_reason"),
                read(rs.getString("entrypoint")), rs.getInt("cpu"), rs.getInt("gpu"), rs.getInt("mem"), rs.getInt("disk"),
                sizeGb, rs.getString("dockerfile"), read(rs.getString("context_hashes")),
                rs.getBoolean("sandbox_build"), instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "last_used_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private String write(List<String> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> read(String text) {
        if (text == null) {
            return List.of();
        }
        try {
            return json.readValue(text, STRING_LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable list in the snapshot table: " + text, e);
        }
    }
}
