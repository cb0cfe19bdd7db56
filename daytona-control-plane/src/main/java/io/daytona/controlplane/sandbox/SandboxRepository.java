package io.daytona.controlplane.sandbox;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.model.sandbox.SandboxDesiredState;
import io.daytona.model.sandbox.SandboxState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for sandboxes. Every read an API caller can trigger is scoped to an organization. */
public final class SandboxRepository {
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

    private final Jdbi jdbi;
    private final ObjectMapper json;

    public SandboxRepository(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.json = requireNonNull(json, "json is null");
    }

    public void insert(SandboxRecord s) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO sandbox (id, organization_id, name, live_name, snapshot, os_user, env, labels, is_public,
                            network_block_all, network_allow_list, region, cpu, gpu, memory, disk, state, desired_state,
                            error_reason, recoverable, auto_stop_interval, auto_archive_interval, auto_delete_interval,
                            runner_id, daemon_version, auth_token, created_at, updated_at, last_activity_at)
                        VALUES (:id, :organizationId, :name, :name, :snapshot, :user, :env, :labels, :isPublic,
                            :networkBlockAll, :networkAllowList, :region, :cpu, :gpu, :memory, :disk, :state, :desiredState,
                            :errorReason, :recoverable, :autoStopInterval, :autoArchiveInterval, :autoDeleteInterval,
                            :runnerId, :daemonVersion, :authToken, :createdAt, :updatedAt, :lastActivityAt)""")
                .bindMethods(s)
                .bind("env", write(s.env()))
                .bind("labels", write(s.labels()))
                .bind("state", s.state().wireValue())
                .bind("desiredState", s.desiredState().wireValue())
                .execute());
    }

    /** A sandbox of the organization that has not been deleted, by id or by name. */
    public Optional<SandboxRecord> findLive(String organizationId, String idOrName) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT * FROM sandbox
                        WHERE organization_id = :org AND desired_state <> 'destroyed' AND (id = :key OR live_name = :key)
                        ORDER BY CASE WHEN id = :key THEN 0 ELSE 1 END""")
                .bind("org", organizationId)
                .bind("key", idOrName)
                .map(this::map)
                .findFirst());
    }

    public Optional<SandboxRecord> findById(String id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM sandbox WHERE id = :id")
                .bind("id", id)
                .map(this::map)
                .findFirst());
    }

    public boolean nameTaken(String organizationId, String name) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM sandbox WHERE organization_id = :org AND live_name = :name")
                .bind("org", organizationId)
                .bind("name", name)
                .mapTo(Long.class)
                .one() > 0);
    }

    /** The organization's sandboxes that have not been destroyed, newest first. */
    public List<SandboxRecord> listLive(String organizationId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT * FROM sandbox WHERE organization_id = :org AND desired_state <> 'destroyed'
                        ORDER BY created_at DESC, id""")
                .bind("org", organizationId)
                .map(this::map)
                .list());
    }

    /** Sandboxes whose actual state differs from the desired one and that are not waiting for a person. */
    public List<String> findUnsettled() {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id FROM sandbox
                        WHERE state <> desired_state AND state NOT IN ('destroyed', 'build_failed')
                          AND (state <> 'error' OR desired_state = 'destroyed')""")
                .mapTo(String.class)
                .list());
    }

    /**
     * Sets the desired state if the sandbox is still in {@code expectedState} and settled:
     * the optimistic guard that turns a second conflicting call into a 409.
     */
    public boolean requestState(String id, SandboxState expectedState, SandboxDesiredState expectedDesired,
                                SandboxDesiredState desired, Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE sandbox SET desired_state = :desired, updated_at = :now
                        WHERE id = :id AND state = :state AND desired_state = :expectedDesired""")
                .bind("id", id)
                .bind("state", expectedState.wireValue())
                .bind("expectedDesired", expectedDesired.wireValue())
                .bind("desired", desired.wireValue())
                .bind("now", now)
                .execute() == 1);
    }

    /** Marks a sandbox for destruction and frees its name at once. */
    public void requestDestroy(String id, Instant now) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE sandbox SET desired_state = 'destroyed', live_name = NULL, updated_at = :now WHERE id = :id""")
                .bind("id", id)
                .bind("now", now)
                .execute());
    }

    /** Records an actual state reached or entered by the reconciler. */
    public void recordState(String id, SandboxState state, String errorReason, Instant now) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE sandbox SET state = :state, error_reason = :error, updated_at = :now WHERE id = :id""")
                .bind("id", id)
                .bind("state", state.wireValue())
                .bind("error", errorReason)
                .bind("now", now)
                .execute());
    }

    /** Ids of every sandbox not yet destroyed, of every organization: the runner's view is checked against them. */
    public java.util.Set<String> liveIds() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT id FROM sandbox WHERE state <> 'destroyed'")
                .mapTo(String.class)
                .set());
    }

    /** Ids of sandboxes that are, and are meant to be, started. */
    public List<String> startedIds() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT id FROM sandbox WHERE state = 'started' AND desired_state = 'started'")
                .mapTo(String.class)
                .list());
    }

    /**
     * Records that a started sandbox stopped without being asked (its main process exited, the
     * engine was restarted): shown as stopped with the reason, and left stopped, not restarted.
     */
    public boolean recordStoppedByItself(String id, String reason, Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                        "UPDATE sandbox SET state = 'stopped', desired_state = 'stopped', error_reason = :reason, updated_at = :now, "
                                + "last_activity_at = :now, auth_token = :token WHERE id = :id AND state = 'started' AND desired_state = 'started'")
                .bind("id", id)
                .bind("token", newPreviewToken())
                .bind("reason", reason)
                .bind("now", now)
                .execute() == 1);
    }

    public void updateNetwork(String id, boolean blockAll, String allowList, Instant now) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "UPDATE sandbox SET network_block_all = :blockAll, network_allow_list = :allowList, updated_at = :now WHERE id = :id")
                .bind("id", id)
                .bind("blockAll", blockAll)
                .bind("allowList", allowList)
                .bind("now", now)
                .execute());
    }

    /** Records that the sandbox runs; starting counts as activity, so auto-stop counts from here. */
    public void recordStarted(String id, String runnerId, String daemonVersion, Instant now) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE sandbox SET state = 'started', error_reason = NULL, runner_id = :runner,
                            daemon_version = :version, updated_at = :now, last_activity_at = :now WHERE id = :id""")
                .bind("id", id)
                .bind("runner", runnerId)
                .bind("version", daemonVersion)
                .bind("now", now)
                .execute());
    }

    /**
     * Records that the sandbox stopped and clears a forced stop. Stopping counts as activity, so
     * auto-delete counts the time continuously stopped.
     */
    public void recordStopped(String id, Instant now) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE sandbox SET state = 'stopped', error_reason = NULL, force_stop = FALSE, updated_at = :now,
                            last_activity_at = :now, auth_token = :token WHERE id = :id""")
                .bind("id", id)
                .bind("now", now)
                .bind("token", newPreviewToken())
                .execute());
    }

    /** Like {@link #requestState} for a stop, recording whether the stop should kill the sandbox. */
    public boolean requestStop(String id, SandboxState expectedState, SandboxDesiredState expectedDesired, boolean force, Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE sandbox SET desired_state = 'stopped', force_stop = :force, updated_at = :now
                        WHERE id = :id AND state = :state AND desired_state = :expectedDesired""")
                .bind("id", id)
                .bind("state", expectedState.wireValue())
                .bind("expectedDesired", expectedDesired.wireValue())
                .bind("force", force)
                .bind("now", now)
                .execute() == 1);
    }

    public void replaceLabels(String id, Map<String, String> labels, Instant now) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE sandbox SET labels = :labels, updated_at = :now WHERE id = :id")
                .bind("id", id)
                .bind("labels", write(labels))
                .bind("now", now)
                .execute());
    }

    public void setInterval(String id, LifecycleInterval interval, int minutes, Instant now) {
        // The column name comes from the enum, never from the caller.
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE sandbox SET " + interval.column() + " = :minutes, updated_at = :now WHERE id = :id")
                .bind("id", id)
                .bind("minutes", minutes)
                .bind("now", now)
                .execute());
    }

    public void setPublic(String id, boolean isPublic, Instant now) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE sandbox SET is_public = :public, updated_at = :now WHERE id = :id")
                .bind("id", id)
                .bind("public", isPublic)
                .bind("now", now)
                .execute());
    }

    /** Moves the sandbox's last activity forward to {@code at}; never back. */
    public void recordActivity(String id, Instant at) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "UPDATE sandbox SET last_activity_at = :at WHERE id = :id AND last_activity_at < :at")
                .bind("id", id)
                .bind("at", at)
                .execute());
    }

    /**
     * Sandboxes, of every organization, that are and are meant to be started, have an auto-stop
     * interval and have been idle since {@code idleSince} at least: the shortest interval is a
     * minute, so busy sandboxes are not even read.
     */
    public List<SandboxRecord> findAutoStopCandidates(Instant idleSince) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT * FROM sandbox WHERE state = 'started' AND desired_state = 'started' AND auto_stop_interval > 0
                          AND last_activity_at <= :idleSince""")
                .bind("idleSince", idleSince)
                .map(this::map)
                .list());
    }

    /** Sandboxes, of every organization, that are and are meant to be stopped and have an auto-delete interval. */
    public List<SandboxRecord> findAutoDeleteCandidates() {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT * FROM sandbox WHERE state = 'stopped' AND desired_state = 'stopped' AND auto_delete_interval >= 0""")
                .map(this::map)
                .list());
    }

    /**
     * Sets the desired state a lifecycle timer decided on, if the sandbox is still as the timer
     * saw it: same states, same intervals, and idle since {@code idleSince} or before. A sandbox used
     * or changed meanwhile is left alone. Destroying frees the name at once, as a delete does.
     */
    public boolean applyTimer(SandboxRecord seen, SandboxDesiredState desired, Instant idleSince, Instant now) {
        String set = desired == SandboxDesiredState.DESTROYED
                ? "desired_state = :desired, live_name = NULL"
                : "desired_state = :desired";
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE sandbox SET " + set + ", updated_at = :now "
                        + "WHERE id = :id AND state = :state AND desired_state = :seenDesired AND auto_stop_interval = :autoStop "
                        + "AND auto_delete_interval = :autoDelete AND last_activity_at <= :idleSince")
                .bind("id", seen.id())
                .bind("state", seen.state().wireValue())
                .bind("seenDesired", seen.desiredState().wireValue())
                .bind("autoStop", seen.autoStopInterval())
                .bind("autoDelete", seen.autoDeleteInterval())
                .bind("idleSince", idleSince)
                .bind("desired", desired.wireValue())
                .bind("now", now)
                .execute() == 1);
    }

    /**
     * The preview token changes whenever the sandbox stops, so a token handed out before a
     * restart no longer opens its previews (signed preview URLs, stored apart, survive).
     */
    private static String newPreviewToken() {
        return io.daytona.controlplane.auth.ApiKeys.randomToken(32);
    }

    private SandboxRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new SandboxRecord(
                rs.getString("id"),
                rs.getString("organization_id"),
                rs.getString("name"),
                rs.getString("snapshot"),
                rs.getString("os_user"),
                read(rs.getString("env")),
                read(rs.getString("labels")),
                rs.getBoolean("is_public"),
                rs.getBoolean("network_block_all"),
                rs.getString("network_allow_list"),
                rs.getString("region"),
                rs.getInt("cpu"),
                rs.getInt("gpu"),
                rs.getInt("memory"),
                rs.getInt("disk"),
                SandboxState.fromWire(rs.getString("state")),
                SandboxDesiredState.fromWire(rs.getString("desired_state")),
                rs.getString("error_reason"),
                rs.getBoolean("recoverable"),
                rs.getInt("auto_stop_interval"),
                rs.getInt("auto_archive_interval"),
                rs.getInt("auto_delete_interval"),
                rs.getString("runner_id"),
                rs.getString("daemon_version"),
                rs.getString("auth_token"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                instant(rs, "last_activity_at"),
                rs.getBoolean("force_stop"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private String write(Map<String, String> map) {
        try {
            return json.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string map always serializes", e);
        }
    }

    private Map<String, String> read(String text) {
        try {
            return json.readValue(text, STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON column: " + text, e);
        }
    }
}
