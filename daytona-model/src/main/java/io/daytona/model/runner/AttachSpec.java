package io.daytona.model.runner;

import java.util.List;
import java.util.Map;

/**
 * Runner API {@code GET /sandboxes/{id}/exec}: a process to run in the sandbox as its user, with
 * its streams attached.
 *
 * @param tty whether it runs on a terminal (then stdout and stderr are one stream)
 * @param columns the terminal's width (0 without a terminal)
 * @param rows the terminal's height
 */
public record AttachSpec(List<String> command, boolean tty, Map<String, String> env, int columns, int rows) {
    public AttachSpec {
        command = command == null ? List.of() : List.copyOf(command);
        env = env == null ? Map.of() : Map.copyOf(env);
    }
}
