package io.daytona.model.registry;

/** The body of {@code POST /api/docker-registry}. */
public record CreateDockerRegistry(String name, String url, String username, String password, String project) {}
