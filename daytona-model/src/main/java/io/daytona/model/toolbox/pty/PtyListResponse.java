package io.daytona.model.toolbox.pty;

import java.util.List;

/** The answer of {@code GET /process/pty}. */
public record PtyListResponse(List<PtySessionInfo> sessions) {
    public PtyListResponse {
        sessions = List.copyOf(sessions);
    }
}
