package io.daytona.model.snapshot;

/**
 * {@code PATCH /api/admin/snapshots/{id}/general}: whether every organization sees the snapshot.
 *
 * @param general true to share it with every organization
 */
public record SetSnapshotGeneralStatus(Boolean general) {}
