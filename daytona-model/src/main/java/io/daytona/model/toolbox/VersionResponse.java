package io.daytona.model.toolbox;

/** The answer of {@code GET /version}: the daemon's version. */
public record VersionResponse(String version) {}
