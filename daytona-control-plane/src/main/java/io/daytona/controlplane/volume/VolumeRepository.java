package io.daytona.controlplane.volume;

import static java.util.Objects.requireNonNull;

import io.daytona.model.sandbox.SandboxVolume;
import io.daytona.model.volume.VolumeState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for volumes and the sandboxes that mount them; reads are scoped to an organization. */
public final class VolumeRepository {
    private final Jdbi jdbi;

    public VolumeRepository(Jdbi jdbi) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    public void insert(VolumeRecord v) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO volume (id, organization_id, name, live_name, state, error_reason, created_at, updated_at, last_used_at)
                        VALUES (:id, :organizationId, :name, :name, :state, :errorReason, :createdAt, :updatedAt, :lastUsedAt)""")
                .bindMethods(v)
                .bind("state", v.state().wireValue())
                .execute());
    }

    public boolean nameTaken(String organizationId, String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM volume WHERE organization_id = :org AND live_name = :name")
                .bind("org", organizationId).bind("name", name).mapTo(Integer.class).one() > 0);
    }

    public Optional<VolumeRecord> findById(String organizationId, String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM volume WHERE organization_id = :org AND id = :id")
                .bind("org", organizationId).bind("id", id).map(VolumeRepository::map).findFirst());
    }

    public Optional<VolumeRecord> findByName(String organizationId, String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM volume WHERE organization_id = :org AND live_name = :name")
                .bind("org", organizationId).bind("name", name).map(VolumeRepository::map).findFirst());
    }

    public List<VolumeRecord> list(String organizationId, boolean includeDeleted) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM volume WHERE organization_id = :org"
                        + (includeDeleted ? "" : " AND state <> 'deleted'") + " ORDER BY created_at, id")
                .bind("org", organizationId).map(VolumeRepository::map).list());
    }

    /** Moves a volume to {@code state}; a deleted volume gives up its name. */
    public void recordState(String id, VolumeState state, String errorReason, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE volume SET state = :state, error_reason = :reason, updated_at = :now,
                            live_name = CASE WHEN :state = 'deleted' THEN NULL ELSE live_name END
                        WHERE id = :id""")
                .bind("id", id).bind("state", state.wireValue()).bind("reason", errorReason).bind("now", now).execute());
    }

    /**
     * Marks a ready (or failed) volume for deletion unless a sandbox that is not destroyed mounts
     * it, in one statement, so a concurrent create cannot slip in between check and mark.
     */
    public boolean markForDeletion(String id, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE volume SET state = 'pending_delete', updated_at = :now
                        WHERE id = :id AND state IN ('ready', 'error')
                          AND NOT EXISTS (SELECT 1 FROM sandbox_volume sv JOIN sandbox s ON s.id = sv.sandbox_id
                                          WHERE sv.volume_id = :id AND s.state <> 'destroyed')""")
                .bind("id", id).bind("now", now).execute()) == 1;
    }

    /** Names of the sandboxes (not destroyed) that mount the volume. */
    public List<String> mountedBy(String volumeId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT DISTINCT s.name FROM sandbox_volume sv JOIN sandbox s ON s.id = sv.sandbox_id
                        WHERE sv.volume_id = :id AND s.state <> 'destroyed' ORDER BY s.name""")
                .bind("id", volumeId).mapTo(String.class).list());
    }

    public void attach(String sandboxId, List<SandboxVolume> mounts, Instant now) {
        jdbi.useTransaction(h -> {
            for (int i = 0; i < mounts.size(); i++) {
                SandboxVolume mount = mounts.get(i);
                h.createUpdate("""
                                INSERT INTO sandbox_volume (sandbox_id, position, volume_id, mount_path, subpath)
                                VALUES (:sandbox, :position, :volume, :mountPath, :subpath)""")
                        .bind("sandbox", sandboxId).bind("position", i).bind("volume", mount.volumeId())
                        .bind("mountPath", mount.mountPath()).bind("subpath", mount.subpath() == null ? "" : mount.subpath())
                        .execute();
                h.createUpdate("UPDATE volume SET last_used_at = :now WHERE id = :id").bind("now", now).bind("id", mount.volumeId()).execute();
            }
        });
    }

    public List<SandboxVolume> mountsOf(String sandboxId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT volume_id, mount_path, subpath FROM sandbox_volume WHERE sandbox_id = :id ORDER BY position""")
                .bind("id", sandboxId)
                .map((rs, ctx) -> new SandboxVolume(rs.getString("volume_id"), rs.getString("mount_path"),
                        rs.getString("subpath").isEmpty() ? null : rs.getString("subpath")))
                .list());
    }

    private static VolumeRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new VolumeRecord(rs.getString("id"), rs.getString("organization_id"), rs.getString("name"),
                VolumeState.fromWire(rs.getString("state")), rs.getString("error_reason"),
                instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "last_used_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
