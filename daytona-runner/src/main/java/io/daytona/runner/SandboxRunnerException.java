package io.daytona.runner;

/**
 * A runner operation failed; the message says why, with the container's last output when useful.
 * {@link #recoverable()} tells whether trying again can succeed once the cause is dealt with
 * (an engine that was down, a missing image put back); it is false when the sandbox's files are
 * lost.
 */
public final class SandboxRunnerException extends Exception {
    private final boolean recoverable;

    public SandboxRunnerException(String message) {
        this(message, true);
    }

    public SandboxRunnerException(String message, boolean recoverable) {
        super(message);
        this.recoverable = recoverable;
    }

    public SandboxRunnerException(String message, Throwable cause) {
        super(message, cause);
        this.recoverable = true;
    }

    public boolean recoverable() {
        return recoverable;
    }
}
