package io.daytona.sshgateway;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * A process for {@link SandboxConnector#start}.
 *
 * @param command the program and its arguments
 * @param tty whether it runs on a terminal (stdout and stderr are then one stream)
 * @param env variables added to the sandbox's environment
 * @param columns the terminal's width (0 without a terminal)
 * @param rows the terminal's height (0 without a terminal)
 */
public record ProcessSpec(List<String> command, boolean tty, Map<String, String> env, int columns, int rows) {
    public ProcessSpec {
        command = List.copyOf(requireNonNull(command, "command is null"));
        env = Map.copyOf(requireNonNull(env, "env is null"));
    }
}
