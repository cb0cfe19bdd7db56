package io.daytona.model.runner;

import java.time.Instant;

/** Runner API {@code POST /sandboxes/{id}/archive}: when the archive was made. */
public record ArchivedSandbox(String id, Instant createdAt) {}
