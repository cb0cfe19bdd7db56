package io.daytona.sdk;

/**
 * How a terminal ended, from {@link PtyHandle#waitForExit(java.time.Duration)}.
 *
 * @param exitCode the shell's exit code, or null if the terminal ended without reporting one
 *     (the connection broke or was closed by the client)
 * @param error why it ended abnormally, e.g. {@code non-zero exit}, {@code SIGKILL} or a
 *     connection failure; null after a clean exit with code 0
 */
public record PtyResult(Integer exitCode, String error) {
    /** {@return true if the shell exited with code 0} */
    public boolean isSuccess() {
        return exitCode != null && exitCode == 0;
    }
}
