package io.daytona.sdk;

import java.util.Objects;

/**
 * The result of {@link SandboxProcess#executeCommand(String)}.
 *
 * @param exitCode the command's exit code
 * @param result the command's output: stdout and stderr combined
 * @param artifacts the output again as {@code artifacts.stdout}, as the Python SDK reports it
 */
public record ExecuteResponse(int exitCode, String result, ExecutionArtifacts artifacts) {
    public ExecuteResponse {
        result = result == null ? "" : result;
        Objects.requireNonNull(artifacts, "artifacts is null");
    }

    /** Creates a response whose artifacts hold {@code result} as stdout. */
    public static ExecuteResponse of(int exitCode, String result) {
        return new ExecuteResponse(exitCode, result, new ExecutionArtifacts(result));
    }
}
