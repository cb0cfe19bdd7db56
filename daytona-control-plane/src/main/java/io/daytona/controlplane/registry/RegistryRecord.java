package io.daytona.controlplane.registry;

import io.daytona.model.registry.DockerRegistry;
import io.daytona.model.registry.RegistryType;
import java.time.Instant;

/** A registry row; {@code passwordEncrypted} is sealed by {@link SecretCipher} and never leaves the server. */
public record RegistryRecord(
        String id,
        String organizationId,
        String name,
        String url,
        String username,
        String passwordEncrypted,
        String project,
        RegistryType registryType,
        boolean isDefault,
        Instant createdAt,
        Instant updatedAt) {

    DockerRegistry toDto() {
        return new DockerRegistry(id, name, url, username, project, registryType, createdAt, updatedAt);
    }

    /** The registry's host (and port), which an image name starts with: the url without scheme or path. */
    String host() {
        return RegistryHosts.ofUrl(url);
    }
}
