package io.daytona.model.region;

/** {@code GET /api/runners/by-snapshot-ref}: a runner that has a snapshot's image. */
public record RunnerSnapshot(String runnerSnapshotId, String runnerId, String runnerDomain) {}
