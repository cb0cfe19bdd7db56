package io.daytona.model.toolbox.pty;

import java.time.Instant;
import java.util.Map;

/** A terminal session: its size, where it started, and whether its shell still runs. */
public record PtySessionInfo(String id, String cwd, Map<String, String> envs, int cols, int rows, Instant createdAt,
                             boolean active, boolean lazyStart) {
    public PtySessionInfo {
        envs = Map.copyOf(envs);
    }
}
