package io.daytona.model.toolbox.interpreter;

import java.util.Map;

/**
 * The one text message a client sends on {@code /process/interpreter/execute}.
 *
 * @param code the code to run
 * @param contextId the context to run it in; the default context when absent
 * @param timeout seconds before the execution is interrupted (0 or absent: 600)
 * @param envs environment variables for this execution
 */
public record ExecuteCodeRequest(String code, String contextId, Integer timeout, Map<String, String> envs) {
    public ExecuteCodeRequest {
        envs = envs == null ? Map.of() : Map.copyOf(envs);
    }
}
