package io.daytona.model.region;

import java.time.Instant;

/** A region sandboxes run in; {@code regionType} is shared, dedicated or custom. */
public record Region(String id, String name, String organizationId, String regionType, Instant createdAt, Instant updatedAt,
                     String proxyUrl, String sshGatewayUrl, String snapshotManagerUrl) {}
