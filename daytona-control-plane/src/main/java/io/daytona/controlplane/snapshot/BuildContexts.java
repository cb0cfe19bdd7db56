package io.daytona.controlplane.snapshot;

import java.nio.file.Path;
import java.util.Optional;

/** Where builds find the contexts clients uploaded: {@code {organizationId}/{hash}/context.tar}. */
@FunctionalInterface
public interface BuildContexts {
    Optional<Path> context(String organizationId, String hash);
}
