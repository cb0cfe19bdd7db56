package io.daytona.model.registry;

import java.time.Instant;

/** A docker registry of an organization, as the API shows it: never with its password. */
public record DockerRegistry(
        String id,
        String name,
        String url,
        String username,
        String project,
        RegistryType registryType,
        Instant createdAt,
        Instant updatedAt) {}
