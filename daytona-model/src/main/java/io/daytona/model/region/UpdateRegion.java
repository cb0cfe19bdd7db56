package io.daytona.model.region;

/** {@code PATCH /api/regions/{id}}: the URLs to change; a null field stays as it is. */
public record UpdateRegion(String proxyUrl, String sshGatewayUrl, String snapshotManagerUrl) {}
