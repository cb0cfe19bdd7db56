package io.daytona.model.sandbox;

import java.time.Instant;
import java.util.List;

/** The declarative build a sandbox was created from. */
public record BuildInfo(
        String dockerfileContent,
        List<String> contextHashes,
        Instant createdAt,
        Instant updatedAt,
        String snapshotRef) {}
