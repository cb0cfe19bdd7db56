package io.daytona.controlplane.sandbox;

import static java.util.Objects.requireNonNull;

import io.daytona.model.sandbox.SandboxDesiredState;
import io.daytona.model.sandbox.SandboxState;
import java.time.Instant;
import java.util.Map;

/**
 * A sandbox row: what the control plane stores and the reconciler acts on. {@code forceStop} says
 * that the stop asked for should kill the sandbox rather than wait for its processes to exit.
 * {@code recoveryState} is the stable state a recoverable error goes back to; {@code backupState}
 * and {@code backupCreatedAt} describe its archive; {@code resizeCpu}, {@code resizeMemory} and
 * {@code resizeDisk} are what a resize under way asked for (null when none is). {@code parentId} is
 * the sandbox this one was forked from (null for a created one), and {@code forkPending} says that
 * the fork still waits for its copy of the parent's files.
 */
public record SandboxRecord(
        String id,
        String organizationId,
        String name,
        String snapshot,
        String user,
        Map<String, String> env,
        Map<String, String> labels,
        boolean isPublic,
        boolean networkBlockAll,
        String networkAllowList,
        String region,
        int cpu,
        int gpu,
        int memory,
        int disk,
        SandboxState state,
        SandboxDesiredState desiredState,
        String errorReason,
        boolean recoverable,
        int autoStopInterval,
        int autoArchiveInterval,
        int autoDeleteInterval,
        String runnerId,
        String daemonVersion,
        String authToken,
        Instant createdAt,
        Instant updatedAt,
        Instant lastActivityAt,
        boolean forceStop,
        SandboxState recoveryState,
        String backupState,
        Instant backupCreatedAt,
        Integer resizeCpu,
        Integer resizeMemory,
        Integer resizeDisk,
        String parentId,
        boolean forkPending) {

    /** A sandbox that was created, not forked. */
    public SandboxRecord(String id, String organizationId, String name, String snapshot, String user,
                         Map<String, String> env, Map<String, String> labels, boolean isPublic, boolean networkBlockAll,
                         String networkAllowList, String region, int cpu, int gpu, int memory, int disk,
                         SandboxState state, SandboxDesiredState desiredState, String errorReason, boolean recoverable,
                         int autoStopInterval, int autoArchiveInterval, int autoDeleteInterval, String runnerId,
                         String daemonVersion, String authToken, Instant createdAt, Instant updatedAt,
                         Instant lastActivityAt, boolean forceStop, SandboxState recoveryState, String backupState,
                         Instant backupCreatedAt, Integer resizeCpu, Integer resizeMemory, Integer resizeDisk) {
        this(id, organizationId, name, snapshot, user, env, labels, isPublic, networkBlockAll, networkAllowList, region,
                cpu, gpu, memory, disk, state, desiredState, errorReason, recoverable, autoStopInterval,
                autoArchiveInterval, autoDeleteInterval, runnerId, daemonVersion, authToken, createdAt, updatedAt,
                lastActivityAt, forceStop, recoveryState, backupState, backupCreatedAt, resizeCpu, resizeMemory, resizeDisk,
                null, false);
    }

    /** A sandbox with no error to recover from, no archive and no resize under way. */
    public SandboxRecord(String id, String organizationId, String name, String snapshot, String user,
                         Map<String, String> env, Map<String, String> labels, boolean isPublic, boolean networkBlockAll,
                         String networkAllowList, String region, int cpu, int gpu, int memory, int disk,
                         SandboxState state, SandboxDesiredState desiredState, String errorReason, boolean recoverable,
                         int autoStopInterval, int autoArchiveInterval, int autoDeleteInterval, String runnerId,
                         String daemonVersion, String authToken, Instant createdAt, Instant updatedAt,
                         Instant lastActivityAt, boolean forceStop) {
        this(id, organizationId, name, snapshot, user, env, labels, isPublic, networkBlockAll, networkAllowList, region,
                cpu, gpu, memory, disk, state, desiredState, errorReason, recoverable, autoStopInterval,
                autoArchiveInterval, autoDeleteInterval, runnerId, daemonVersion, authToken, createdAt, updatedAt,
                lastActivityAt, forceStop, null, NO_BACKUP, null, null, null, null);
    }

    /** The backup state of a sandbox that was never archived. */
    public static final String NO_BACKUP = "None";

    public SandboxRecord {
        requireNonNull(id, "id is null");
        // organizationId is null for sandboxes of the warm pool, until one is claimed
        requireNonNull(name, "name is null");
        env = Map.copyOf(env);
        labels = Map.copyOf(labels);
        requireNonNull(state, "state is null");
        requireNonNull(desiredState, "desiredState is null");
        requireNonNull(backupState, "backupState is null");
    }

    /** Whether the actual state is {@code state} and is the one asked for: no change is under way. */
    public boolean isSettledIn(SandboxState settled) {
        return state == settled && isSettled();
    }

    /** Whether a backup was asked for and has not finished. */
    public boolean backupDue() {
        return BACKUP_PENDING.equals(backupState) || BACKUP_IN_PROGRESS.equals(backupState);
    }

    /** Backup states, as the reference names them. */
    public static final String BACKUP_PENDING = "Pending";
    public static final String BACKUP_IN_PROGRESS = "InProgress";
    public static final String BACKUP_COMPLETED = "Completed";
    public static final String BACKUP_ERROR = "Error";

    /** Whether the sandbox is deleted as soon as it stops ({@code autoDeleteInterval} 0). */
    public boolean isEphemeral() {
        return autoDeleteInterval == 0;
    }

    /** Whether the actual state already is the one asked for. */
    public boolean isSettled() {
        return switch (desiredState) {
            case STARTED -> state == SandboxState.STARTED;
            case STOPPED -> state == SandboxState.STOPPED;
            case DESTROYED -> state == SandboxState.DESTROYED;
            case ARCHIVED -> state == SandboxState.ARCHIVED;
            case PAUSED -> state == SandboxState.PAUSED;
            case RESIZED -> true;
        };
    }
}
