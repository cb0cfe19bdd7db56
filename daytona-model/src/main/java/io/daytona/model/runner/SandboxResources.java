package io.daytona.model.runner;

/** Runner API {@code POST /sandboxes/{id}/resize}: the CPU cores and memory the sandbox gets. */
public record SandboxResources(int cpu, int memoryGiB) {}
