package io.daytona.model.runner;

/**
 * Runner API {@code GET /sandboxes/{id}}: what the runner sees of one sandbox.
 *
 * @param exitDescription why a stopped container exited (exit code, killed for memory), or null
 */
public record RunnerSandboxInfo(String id, RunnerSandboxState state, String exitDescription) {}
