package io.daytona.model.registry;

/** The body of {@code PATCH /api/docker-registry/{id}}: a missing password keeps the stored one. */
public record UpdateDockerRegistry(String name, String url, String username, String password, String project) {}
