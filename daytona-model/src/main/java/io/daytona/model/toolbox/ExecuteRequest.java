package io.daytona.model.toolbox;

import java.util.Map;

/**
 * The body of {@code POST /process/execute}.
 *
 * @param command the shell command line
 * @param cwd the working directory, relative to the work directory if not absolute; optional
 * @param envs extra environment variables; optional
 * @param timeout seconds before the command is killed and the call answers 408; optional
 */
public record ExecuteRequest(String command, String cwd, Map<String, String> envs, Integer timeout) {
    public ExecuteRequest {
        envs = envs == null ? Map.of() : Map.copyOf(envs);
    }
}
