package io.daytona.runner.api;

import static java.util.Objects.requireNonNull;

import io.daytona.model.runner.RunnerTokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * Who may call a runner's API: whoever sends {@code Authorization: Bearer <token>} (or
 * {@code X-Daytona-Authorization}, which the proxy uses so that the caller's own
 * {@code Authorization} stays apart) with the runner's key or the call token derived from it
 * ({@link RunnerTokens#callToken}), which is what the control plane and the proxy hold.
 */
public final class RunnerAuthorization {
    private final List<byte[]> accepted;

    public RunnerAuthorization(String runnerKey) {
        requireNonNull(runnerKey, "runnerKey is null");
        this.accepted = List.of(runnerKey.getBytes(StandardCharsets.UTF_8),
                RunnerTokens.callToken(runnerKey).getBytes(StandardCharsets.UTF_8));
    }

    /** Whether either header carries an accepted bearer token. */
    public boolean allows(Optional<String> authorization, Optional<String> daytonaAuthorization) {
        return accepts(daytonaAuthorization) || accepts(authorization);
    }

    private boolean accepts(Optional<String> header) {
        if (header.isEmpty() || !header.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] token = header.get().substring(7).strip().getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (byte[] candidate : accepted) {
            // Constant time, and every candidate compared: the answer's timing tells nothing.
            match |= MessageDigest.isEqual(candidate, token);
        }
        return match;
    }
}
