package io.daytona.sdk;

import io.daytona.sdk.chart.Chart;
import java.util.List;
import java.util.Objects;

/**
 * The result of {@link SandboxProcess#executeCommand(String)} and {@link SandboxProcess#codeRun(String)}.
 *
 * @param exitCode the exit code; a non-zero one is not an exception
 * @param result the output: stdout and stderr combined
 * @param artifacts the output again as {@code artifacts.stdout}, and the charts of a code run, as the
 *     Python SDK reports them
 */
public record ExecuteResponse(int exitCode, String result, ExecutionArtifacts artifacts) {
    /**
     * Normalizes a null result to empty.
     *
     * @param exitCode the exit code
     * @param result the output, or null
     * @param artifacts the artifacts
     */
    public ExecuteResponse {
        result = result == null ? "" : result;
        Objects.requireNonNull(artifacts, "artifacts is null");
    }

    /**
     * Creates a response whose artifacts hold {@code result} as stdout and no charts.
     *
     * @param exitCode the exit code
     * @param result the output
     * @return the response
     */
    public static ExecuteResponse of(int exitCode, String result) {
        return new ExecuteResponse(exitCode, result, new ExecutionArtifacts(result));
    }

    /**
     * Creates a response whose artifacts hold {@code result} as stdout and {@code charts}.
     *
     * @param exitCode the exit code
     * @param result the output
     * @param charts the charts shown, in order
     * @return the response
     */
    public static ExecuteResponse of(int exitCode, String result, List<Chart> charts) {
        return new ExecuteResponse(exitCode, result, new ExecutionArtifacts(result, charts));
    }
}
