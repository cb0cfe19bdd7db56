package io.daytona.model.runner;

import java.time.Instant;

/** Runner API {@code POST /sandboxes/{id}/archive} and {@code POST /sandboxes/{id}/backup}: when the archive (or backup) was made. */
public record ArchivedSandbox(String id, Instant createdAt) {}
