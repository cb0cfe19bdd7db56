package io.daytona.sdk;

/**
 * What a command produced besides its exit code.
 *
 * @param stdout the command's output (stdout and stderr combined, as the toolbox reports it)
 */
public record ExecutionArtifacts(String stdout) {
    public ExecutionArtifacts {
        stdout = stdout == null ? "" : stdout;
    }
}
