package io.daytona.model.toolbox.session;

import java.util.List;

/** A long-lived shell in a sandbox and the commands run in it, oldest first. */
public record Session(String sessionId, List<Command> commands) {
    public Session {
        commands = List.copyOf(commands);
    }
}
