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

    /**
     * Sandboxes whose actual state differs from the desired one and that are not waiting for a
     * person, and settled ones with a backup to make.
     */
    public List<String> findUnsettled() {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id FROM sandbox
                        WHERE (state <> desired_state AND state NOT IN ('destroyed', 'build_failed')
                            AND (state <> 'error' OR desired_state = 'destroyed'))
                          OR (backup_state IN ('Pending', 'InProgress') AND state = desired_state
                            AND state IN ('started', 'stopped', 'paused'))""")
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

    /** Enters {@code snapshotting} if the sandbox is still settled in {@code expectedState}. */
    public boolean requestSnapshotting(String id, SandboxState expectedState, Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE sandbox SET state = 'snapshotting', updated_at = :now
                        WHERE id = :id AND state = :state AND desired_state = :state""")
                .bind("id", id).bind("state", expectedState.wireValue()).bind("now", now).execute() == 1);
    }

    /** Leaves {@code snapshotting} for {@code state}, unless something else moved the sandbox meanwhile. */
    public void endSnapshotting(String id, SandboxState state, Instant now) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE sandbox SET state = :state, updated_at = :now WHERE id = :id AND state = 'snapshotting'""")
                .bind("id", id).bind("state", state.wireValue()).bind("now", now).execute());
    }

    /**
     * Sandboxes left in {@code snapshotting} by a server that stopped mid-commit go back to the
     * state they are meant to be in; the reconciler then checks it. Returns how many.
     */
    public int endInterruptedSnapshots(Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE sandbox SET state = CASE WHEN desired_state = 'stopped' THEN 'stopped' ELSE 'starting' END,
                            updated_at = :now
                        WHERE state = 'snapshotting'""")
                .bind("now", now).execute());
    }

    /** Records that the sandbox's processes are frozen; the pause counts as activity, so auto-stop counts from here. */
    public void recordPaused(String id, Instant now) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE sandbox SET state = 'paused', error_reason = NULL, updated_at = :now, last_activity_at = :now
                        WHERE id = :id""")
                .bind("id", id)
                .bind("now", now)
                .execute());
    }

    /**
     * Records a fork: the source, if it is still settled in {@code sourceState}, enters
     * {@code forking} (its files are copied; other changes answer 409 meanwhile), and the fork's row
     * is inserted, waiting for its copy. False, and nothing changed, if the source moved meanwhile.
     */
    public boolean insertFork(SandboxRecord fork, SandboxState sourceState, Instant now) {
        return jdbi.inTransaction(handle -> {
            int entered = handle.createUpdate("""
                            UPDATE sandbox SET state = 'forking', updated_at = :now
                            WHERE id = :id AND state = :state AND desired_state = :state""")
                    .bind("id", fork.parentId()).bind("state", sourceState.wireValue()).bind("now", now).execute();
            if (entered != 1) {
                return false;
            }
            handle.createUpdate("""
                            INSERT INTO sandbox (id, organization_id, name, live_name, snapshot, os_user, env, labels, is_public,
                                network_block_all, network_allow_list, region, cpu, gpu, memory, disk, state, desired_state,
                                error_reason, recoverable, auto_stop_interval, auto_archive_interval, auto_delete_interval,
                                runner_id, daemon_version, auth_token, created_at, updated_at, last_activity_at, parent_id, fork_pending)
                            VALUES (:id, :organizationId, :name, :name, :snapshot, :user, :env, :labels, :isPublic,
                                :networkBlockAll, :networkAllowList, :region, :cpu, :gpu, :memory, :disk, :state, :desiredState,
                                :errorReason, :recoverable, :autoStopInterval, :autoArchiveInterval, :autoDeleteInterval,
                                :runnerId, :daemonVersion, :authToken, :createdAt, :updatedAt, :lastActivityAt, :parentId, :forkPending)""")
                    .bindMethods(fork)
                    .bind("env", write(fork.env()))
                    .bind("labels", write(fork.labels()))
                    .bind("state", fork.state().wireValue())
                    .bind("desiredState", fork.desiredState().wireValue())
                    .execute();
            return true;
        });
    }

    /** How many forks of the sandbox still wait for their copy of its files. */
    public int pendingForks(String sourceId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM sandbox WHERE parent_id = :id AND fork_pending = TRUE AND state = 'forking'")
                .bind("id", sourceId)
                .mapTo(Integer.class)
                .one());
    }

    /**
     * Ends a fork's wait for its files: the fork becomes {@code creating} (the reconciler starts
     * it on its copy) or, when the copy failed, {@code error} (not recoverable: it has no files of
     * its own to come back to); the source leaves {@code forking} unless another fork still waits.
     */
    public void endForkCopy(String forkId, String sourceId, Optional<String> failure, Instant now) {
        jdbi.useTransaction(handle -> {
            handle.createUpdate(failure.isPresent()
                            ? """
                              UPDATE sandbox SET state = 'error', error_reason = :reason, recoverable = FALSE, fork_pending = FALSE,
                                  updated_at = :now WHERE id = :id AND fork_pending = TRUE"""
                            : """
                              UPDATE sandbox SET state = 'creating', fork_pending = FALSE, updated_at = :now
                              WHERE id = :id AND fork_pending = TRUE""")
                    .bind("id", forkId).bind("reason", failure.orElse(null)).bind("now", now).execute();
            releaseForkSource(handle, sourceId, false, now);
        });
    }

    /** Drops a fork's wait for its files (it is being deleted), and releases its source. */
    public void cancelFork(String forkId, String sourceId, Instant now) {
        jdbi.useTransaction(handle -> {
            handle.createUpdate("UPDATE sandbox SET state = 'unknown', fork_pending = FALSE, updated_at = :now WHERE id = :id")
                    .bind("id", forkId).bind("now", now).execute();
            releaseForkSource(handle, sourceId, false, now);
        });
    }

    /**
     * A source in {@code forking} that no fork waits for (its fork was deleted, or the server
     * stopped half-way) goes back towards its desired state through the transition that makes the
     * runner check it: {@code starting} resumes a container the interrupted copy left frozen.
     */
    public void releaseAbandonedForkSource(String sourceId, Instant now) {
        jdbi.useTransaction(handle -> releaseForkSource(handle, sourceId, true, now));
    }

    private static void releaseForkSource(org.jdbi.v3.core.Handle handle, String sourceId, boolean converge, Instant now) {
        String back = converge
                ? "CASE desired_state WHEN 'started' THEN 'starting' WHEN 'paused' THEN 'pausing' ELSE 'stopped' END"
                : "CASE WHEN desired_state IN ('started', 'paused', 'stopped') THEN desired_state ELSE 'stopped' END";
        handle.createUpdate("UPDATE sandbox SET state = " + back + ", updated_at = :now WHERE id = :id AND state = 'forking' "
                        + "AND NOT EXISTS (SELECT 1 FROM sandbox f WHERE f.parent_id = :id AND f.fork_pending = TRUE AND f.state = 'forking')")
                .bind("id", sourceId).bind("now", now).execute();
    }

    /** The sandbox's forks, oldest first; deleted ones too when {@code includeDestroyed}. */
    public List<SandboxRecord> forksOf(String organizationId, String parentId, boolean includeDestroyed) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM sandbox WHERE organization_id = :org AND parent_id = :parent"
                        + (includeDestroyed ? "" : " AND desired_state <> 'destroyed'") + " ORDER BY created_at, id")
                .bind("org", organizationId)
                .bind("parent", parentId)
                .map(this::map)
                .list());
    }

    /** A sandbox of the organization by id, deleted or not (a fork's parent may be gone). */
    public Optional<SandboxRecord> findInOrganization(String organizationId, String id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM sandbox WHERE organization_id = :org AND id = :id")
                .bind("org", organizationId)
                .bind("id", id)
                .map(this::map)
                .findFirst());
    }

    /**
     * Asks for a backup of a sandbox settled in {@code state} that has none under way: its backup
     * state becomes {@code Pending}, and the reconciler makes it. False if the sandbox moved or a
     * backup is already under way.
     */
    public boolean requestBackup(String id, SandboxState state, Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE sandbox SET backup_state = 'Pending', updated_at = :now
                        WHERE id = :id AND state = :state AND desired_state = :state AND backup_state NOT IN ('Pending', 'InProgress')""")
                .bind("id", id).bind("state", state.wireValue()).bind("now", now).execute() == 1);
    }

    /** Records a backup's progress: {@code InProgress}, {@code Error}, or {@code None} once a restore used up the archive. */
    public void recordBackupState(String id, String backupState, Instant now) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE sandbox SET backup_state = :backup, updated_at = :now"
                        + ("None".equals(backupState) ? ", backup_created_at = NULL" : "") + " WHERE id = :id")
                .bind("id", id).bind("backup", backupState).bind("now", now).execute());
    }

    /** Records a completed backup, unless the sandbox was archived meanwhile (its archive is newer). */
    public void recordBackedUp(String id, Instant createdAt, Instant now) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE sandbox SET backup_state = 'Completed', backup_created_at = :createdAt, updated_at = :now
                        WHERE id = :id AND backup_state = 'InProgress'""")
                .bind("id", id).bind("createdAt", createdAt).bind("now", now).execute());
    }

    /** Ids of sandboxes on the runner that are, and are meant to be, paused. */
    public List<String> pausedIds(String runnerId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT id FROM sandbox WHERE state = 'paused' AND desired_state = 'paused' AND runner_id = :runner")
                .bind("runner", runnerId)
                .mapTo(String.class)
                .list());
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

    /**
     * Records that the reconciler could not reach the desired state: {@code recoverable} errors
     * go back to {@code recoveryState} on recover. A resize under way is dropped.
     */
    public void recordError(String id, String reason, boolean recoverable, SandboxState recoveryState, Instant now) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE sandbox SET state = 'error', error_reason = :error, recoverable = :recoverable,
                            recovery_state = :recoveryState, resize_cpu = NULL, resize_memory = NULL, resize_disk = NULL,
                            force_stop = FALSE, updated_at = :now,
                            backup_state = CASE WHEN backup_state IN ('Pending', 'InProgress') THEN 'Error' ELSE backup_state END
                        WHERE id = :id""")
                .bind("id", id)
                .bind("error", reason)
                .bind("recoverable", recoverable)
                .bind("recoveryState", recoveryState.wireValue())
                .bind("now", now)
                .execute());
    }

    /**
     * Sends a recoverable sandbox in error back to {@code state}, with a new desired state; false
     * if it is no longer a recoverable error (a concurrent recover or delete won).
     */
    public boolean requestRecover(String id, SandboxState state, SandboxDesiredState desired, Instant now) {
        return requestRecover(id, state, desired, true, now);
    }

    /** As {@link #requestRecover(String, SandboxState, SandboxDesiredState, Instant)}, also for an error not marked recoverable. */
    public boolean requestRecover(String id, SandboxState state, SandboxDesiredState desired, boolean requireRecoverable, Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE sandbox SET state = :state, desired_state = :desired, error_reason = NULL, recoverable = FALSE,
                            recovery_state = NULL, updated_at = :now
                        WHERE id = :id AND state = 'error' AND (recoverable = TRUE OR NOT :requireRecoverable)
                            AND desired_state <> 'destroyed'""")
                .bind("id", id)
                .bind("requireRecoverable", requireRecoverable)
                .bind("state", state.wireValue())
                .bind("desired", desired.wireValue())
                .bind("now", now)
                .execute() == 1);
    }

    /** Records that the sandbox's files are in the archive store and no runner hosts it. */
    public void recordArchived(String id, Instant archivedAt, Instant now) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE sandbox SET state = 'archived', error_reason = NULL, runner_id = NULL, backup_state = 'Completed',
                            backup_created_at = :archivedAt, updated_at = :now
                        WHERE id = :id""")
                .bind("id", id)
                .bind("archivedAt", archivedAt)
                .bind("now", now)
                .execute());
    }

    /**
     * Starts a resize if the sandbox is still settled in {@code expectedState}: the state becomes
     * {@code resizing} and the reconciler applies the new resources.
     */
    public boolean requestResize(String id, SandboxState expectedState, SandboxDesiredState expectedDesired,
                                 int cpu, int memory, int disk, Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE sandbox SET state = 'resizing', resize_cpu = :cpu, resize_memory = :memory, resize_disk = :disk,
                            updated_at = :now
                        WHERE id = :id AND state = :state AND desired_state = :expectedDesired""")
                .bind("id", id)
                .bind("state", expectedState.wireValue())
                .bind("expectedDesired", expectedDesired.wireValue())
                .bind("cpu", cpu)
                .bind("memory", memory)
                .bind("disk", disk)
                .bind("now", now)
                .execute() == 1);
    }

    /** Records the resources a resize applied and the state the sandbox is back in. */
    public void recordResized(String id, int cpu, int memory, int disk, SandboxState state, Instant now) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE sandbox SET cpu = :cpu, memory = :memory, disk = :disk, state = :state,
                            resize_cpu = NULL, resize_memory = NULL, resize_disk = NULL, updated_at = :now
                        WHERE id = :id AND state = 'resizing'""")
                .bind("id", id)
                .bind("cpu", cpu)
                .bind("memory", memory)
                .bind("disk", disk)
                .bind("state", state.wireValue())
                .bind("now", now)
                .execute());
    }

    /**
     * Records that a sandbox's container disappeared behind the platform's back: an error,
     * recoverable by creating the container again, if the sandbox still is (and is meant to be)
     * in {@code state}.
     */
    public boolean recordVanished(String id, SandboxState state, String reason, Instant now) {
        return recordVanished(id, state, reason, SandboxState.STOPPED, now);
    }

    /** As {@link #recordVanished(String, SandboxState, String, Instant)}, recover going back to {@code recoveryState}. */
    public boolean recordVanished(String id, SandboxState state, String reason, SandboxState recoveryState, Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE sandbox SET state = 'error', error_reason = :reason, recoverable = TRUE, recovery_state = :recoveryState,
                            updated_at = :now
                        WHERE id = :id AND state = :state AND desired_state = :state""")
                .bind("id", id)
                .bind("state", state.wireValue())
                .bind("reason", reason)
                .bind("recoveryState", recoveryState.wireValue())
                .bind("now", now)
                .execute() == 1);
    }

    /** How many sandboxes the warm pool has, started or on their way. */
    public int countPool() {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM sandbox WHERE organization_id IS NULL AND desired_state = 'started' AND state <> 'error'")
                .mapTo(Integer.class)
                .one());
    }

    /** Marks the warm pool's failed sandboxes for destruction; returns their ids. */
    public List<String> destroyFailedPoolSandboxes(Instant now) {
        return jdbi.inTransaction(handle -> {
            List<String> failed = handle.createQuery(
                            "SELECT id FROM sandbox WHERE organization_id IS NULL AND state = 'error' AND desired_state <> 'destroyed'")
                    .mapTo(String.class)
                    .list();
            failed.forEach(id -> handle.createUpdate("UPDATE sandbox SET desired_state = 'destroyed', live_name = NULL, updated_at = :now WHERE id = :id")
                    .bind("id", id).bind("now", now).execute());
            return failed;
        });
    }

    /**
     * Hands a started warm-pool sandbox to an organization with the settings of {@code wanted}
     * (whose id is ignored), in state {@code starting} until the runner has applied them. Several
     * creates may race for the same sandbox: the update only succeeds for one.
     */
    public java.util.Optional<SandboxRecord> claimPooled(SandboxRecord wanted) {
        List<String> candidates = jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id FROM sandbox WHERE organization_id IS NULL AND state = 'started' AND desired_state = 'started'
                        ORDER BY created_at LIMIT 3""")
                .mapTo(String.class)
                .list());
        for (String id : candidates) {
            int updated = jdbi.withHandle(handle -> handle.createUpdate("""
                            UPDATE sandbox SET organization_id = :organizationId, name = :name, live_name = :name, env = :env,
                                labels = :labels, is_public = :isPublic, network_block_all = :networkBlockAll,
                                network_allow_list = :networkAllowList, cpu = :cpu, memory = :memory, disk = :disk,
                                auto_stop_interval = :autoStopInterval, auto_archive_interval = :autoArchiveInterval,
                                auto_delete_interval = :autoDeleteInterval, auth_token = :authToken, state = 'starting',
                                created_at = :createdAt, updated_at = :createdAt, last_activity_at = :createdAt
                            WHERE id = :id AND organization_id IS NULL AND state = 'started' AND desired_state = 'started'""")
                    .bindMethods(wanted)
                    .bind("id", id)
                    .bind("name", wanted.name().equals(wanted.id()) ? id : wanted.name())
                    .bind("env", write(wanted.env()))
                    .bind("labels", write(wanted.labels()))
                    .execute());
            if (updated == 1) {
                return findById(id);
            }
        }
        return java.util.Optional.empty();
    }

    /** Ids of sandboxes on the runner (or on none yet) that are, and are meant to be, stopped. */
    public List<String> stoppedIds(String runnerId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id FROM sandbox WHERE state = 'stopped' AND desired_state = 'stopped'
                          AND (runner_id = :runner OR runner_id IS NULL)""")
                .bind("runner", runnerId)
                .mapTo(String.class)
                .list());
    }

    /**
     * Ids of every sandbox not yet destroyed, of every organization, that is on the runner or on
     * none yet: the runner's containers are checked against them (a container of any other
     * sandbox is an orphan).
     */
    public java.util.Set<String> liveIds(String runnerId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT id FROM sandbox WHERE state <> 'destroyed' AND (runner_id = :runner OR runner_id IS NULL)")
                .bind("runner", runnerId)
                .mapTo(String.class)
                .set());
    }

    /** Ids of sandboxes on the runner (or on none yet) that are, and are meant to be, started. */
    public List<String> startedIds(String runnerId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id FROM sandbox WHERE state = 'started' AND desired_state = 'started'
                          AND (runner_id = :runner OR runner_id IS NULL)""")
                .bind("runner", runnerId)
                .mapTo(String.class)
                .list());
    }

    /** Records the runner a sandbox is placed on, before the runner is asked to create (or restore) it. */
    public void assignRunner(String id, String runnerId, Instant now) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE sandbox SET runner_id = :runner, updated_at = :now WHERE id = :id")
                .bind("id", id)
                .bind("runner", runnerId)
                .bind("now", now)
                .execute());
    }

    /**
     * Records that the runner hosting these sandboxes stopped reporting: every sandbox on it that
     * is, and is meant to be, started or stopped becomes a recoverable error (recover starts it
     * again there once the runner is back). Returns their ids.
     */
    public List<String> recordRunnerLost(String runnerId, String reason, Instant now) {
        return jdbi.inTransaction(handle -> {
            List<String> ids = handle.createQuery("""
                            SELECT id FROM sandbox WHERE runner_id = :runner AND state IN ('started', 'stopped', 'paused') AND desired_state = state""")
                    .bind("runner", runnerId)
                    .mapTo(String.class)
                    .list();
            for (String id : ids) {
                handle.createUpdate("""
                                UPDATE sandbox SET state = 'error', error_reason = :reason, recoverable = TRUE, recovery_state = 'stopped',
                                    updated_at = :now
                                WHERE id = :id AND runner_id = :runner AND state IN ('started', 'stopped', 'paused') AND desired_state = state""")
                        .bind("id", id)
                        .bind("runner", runnerId)
                        .bind("reason", reason)
                        .bind("now", now)
                        .execute();
            }
            return ids;
        });
    }

    /**
     * Records that a started sandbox stopped without being asked (its main process exited, the
     * engine was restarted): shown as stopped with the reason, and left stopped, not restarted.
     */
    public boolean recordStoppedByItself(String id, String reason, Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                        "UPDATE sandbox SET state = 'stopped', desired_state = 'stopped', error_reason = :reason, updated_at = :now, "
                                + "last_activity_at = :now, auth_token = :token WHERE id = :id AND state IN ('started', 'paused') "
                                + "AND desired_state = state")
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
                        SELECT * FROM sandbox WHERE state IN ('started', 'paused') AND desired_state = state AND auto_stop_interval > 0
                          AND last_activity_at <= :idleSince""")
                .bind("idleSince", idleSince)
                .map(this::map)
                .list());
    }

    /**
     * Sandboxes, of every organization, that are and are meant to be stopped and have an
     * auto-delete interval, or have been idle since {@code idleSince} (auto-archive's shortest
     * interval).
     */
    public List<SandboxRecord> findAutoDeleteOrArchiveCandidates(Instant idleSince) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT * FROM sandbox WHERE state = 'stopped' AND desired_state = 'stopped'
                          AND (auto_delete_interval >= 0 OR (auto_archive_interval > 0 AND last_activity_at <= :idleSince))""")
                .bind("idleSince", idleSince)
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
                        + "AND auto_delete_interval = :autoDelete AND auto_archive_interval = :autoArchive "
                        + "AND last_activity_at <= :idleSince")
                .bind("autoArchive", seen.autoArchiveInterval())
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
                rs.getBoolean("force_stop"),
                rs.getString("recovery_state") == null ? null : SandboxState.fromWire(rs.getString("recovery_state")),
                rs.getString("backup_state"),
                instant(rs, "backup_created_at"),
                rs.getObject("resize_cpu", Integer.class),
                rs.getObject("resize_memory", Integer.class),
                rs.getObject("resize_disk", Integer.class),
                rs.getString("parent_id"),
                rs.getBoolean("fork_pending"));
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
