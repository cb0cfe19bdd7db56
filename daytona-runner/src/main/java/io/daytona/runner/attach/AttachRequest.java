package io.daytona.runner.attach;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * A process to start inside a sandbox with its standard streams attached to the caller.
 *
 * @param command the program and its arguments
 * @param tty whether it gets a terminal (then stdout and stderr are one stream)
 * @param env variables added to the sandbox's environment
 * @param columns the terminal's width, when {@code tty}
 * @param rows the terminal's height, when {@code tty}
 */
public record AttachRequest(List<String> command, boolean tty, Map<String, String> env, int columns, int rows) {
    public AttachRequest {
        command = List.copyOf(requireNonNull(command, "command is null"));
        env = Map.copyOf(requireNonNull(env, "env is null"));
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command is empty");
        }
    }
}
