package io.daytona.model.region;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A runner with what a proxy or an SSH gateway needs to call it: {@code apiKey} is the credential
 * its API accepts from the platform (never the key the runner itself was given, which is stored
 * only hashed).
 */
public record RunnerFull(@JsonUnwrapped Runner runner, String apiKey, String regionType) {
    public RunnerFull {
        requireNonNull(runner, "runner is null");
        requireNonNull(apiKey, "apiKey is null");
    }
}
