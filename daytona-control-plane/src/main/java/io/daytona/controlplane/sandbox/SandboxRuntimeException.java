package io.daytona.controlplane.sandbox;

/**
 * A runner could not bring a sandbox to the state asked for. {@link #recoverable()} is recorded
 * with the error: a recoverable sandbox can be sent back to its last stable state with
 * {@code POST /api/sandbox/{id}/recover}; an unrecoverable one (its files are lost) can only be
 * deleted.
 */
public final class SandboxRuntimeException extends Exception {
    private final boolean recoverable;

    public SandboxRuntimeException(String message, boolean recoverable, Throwable cause) {
        super(message, cause);
        this.recoverable = recoverable;
    }

    public boolean recoverable() {
        return recoverable;
    }
}
