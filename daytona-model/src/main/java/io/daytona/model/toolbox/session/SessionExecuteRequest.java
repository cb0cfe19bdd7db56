package io.daytona.model.toolbox.session;

/**
 * The body of {@code POST /process/session/{id}/exec}.
 *
 * @param command the command line, run by the session's shell
 * @param runAsync answer at once with the command's id (202) instead of waiting for it
 * @param async the legacy spelling of {@code runAsync}
 * @param suppressInputEcho accepted for compatibility; input sent to a command is never echoed into its output here
 */
public record SessionExecuteRequest(String command, Boolean runAsync, Boolean async, Boolean suppressInputEcho) {
    public boolean isAsync() {
        return Boolean.TRUE.equals(runAsync) || Boolean.TRUE.equals(async);
    }
}
