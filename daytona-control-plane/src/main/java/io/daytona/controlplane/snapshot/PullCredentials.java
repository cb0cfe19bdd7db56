package io.daytona.controlplane.snapshot;

import java.util.Optional;

/** The registry login a runner uses to pull an organization's image, if a registry of it (or the default one) serves the image's host. */
@FunctionalInterface
public interface PullCredentials {
    Optional<ImageRuntime.RegistryCredentials> forImage(String organizationId, String image);

    static PullCredentials none() {
        return (organizationId, image) -> Optional.empty();
    }
}
