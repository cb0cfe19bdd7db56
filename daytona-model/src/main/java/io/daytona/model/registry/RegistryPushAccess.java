package io.daytona.model.registry;

/**
 * Temporary credentials to push an image to the platform's internal registry
 * ({@code GET /api/docker-registry/registry-push-access}, {@code RegistryPushAccessDto}); the
 * image goes to {@code {registryUrl}/{project}/{name}:{tag}}.
 */
public record RegistryPushAccess(String username, String secret, String registryUrl, String registryId, String project,
                                 String expiresAt) {}
