package io.daytona.model.runner;

/** Runner API {@code POST /sandboxes/{id}/commit}: the image (with a tag) to make of the sandbox's filesystem. */
public record SandboxCommit(String image) {}
