package io.daytona.sshgateway;

import java.io.IOException;

/** The sandbox cannot be entered now (stopped, starting, deleted); the message tells the user what to do. */
public final class SandboxUnavailableException extends IOException {
    public SandboxUnavailableException(String message) {
        super(message);
    }
}
