package io.daytona.model.region;

/**
 * A created region and the keys of its proxy and SSH gateway (made when their URLs are given),
 * shown this once.
 */
public record CreateRegionResponse(String id, String proxyApiKey, String sshGatewayApiKey, String snapshotManagerUsername,
                                   String snapshotManagerPassword) {}
