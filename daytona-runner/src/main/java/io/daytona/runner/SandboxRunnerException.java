package io.daytona.runner;

/** A runner operation failed; the message says why, with the container's last output when useful. */
public final class SandboxRunnerException extends Exception {
    public SandboxRunnerException(String message) {
        super(message);
    }

    public SandboxRunnerException(String message, Throwable cause) {
        super(message, cause);
    }
}
