package io.daytona.model.audit;

import java.time.Instant;
import java.util.Map;

/** One recorded call: who, what, on which target, with which outcome (HTTP status), when. */
public record AuditLog(String id, String actorId, String actorEmail, String actorApiKeyPrefix, String actorApiKeySuffix,
                       String organizationId, String action, String targetType, String targetId, Integer statusCode,
                       String errorMessage, String ipAddress, String userAgent, String source, Map<String, Object> metadata,
                       Instant createdAt) {}
