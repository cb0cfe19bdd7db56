package io.daytona.model.toolbox.interpreter;

import java.time.Instant;

/** An isolated interpreter whose state carries over between executions. */
public record InterpreterContext(String id, String cwd, Instant createdAt, boolean active, String language) {}
