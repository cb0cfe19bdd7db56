package io.daytona.model.region;

/** {@code POST /api/regions}: a custom region of the caller's organization. */
public record CreateRegion(String name, String proxyUrl, String sshGatewayUrl, String snapshotManagerUrl) {}
