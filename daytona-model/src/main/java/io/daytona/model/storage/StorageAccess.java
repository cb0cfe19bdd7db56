package io.daytona.model.storage;

/**
 * Credentials for the S3-compatible store where clients upload build contexts
 * ({@code GET /api/object-storage/push-access}); objects go under {@code {organizationId}/}.
 */
public record StorageAccess(
        String accessKey,
        String secret,
        String sessionToken,
        String storageUrl,
        String organizationId,
        String bucket) {}
