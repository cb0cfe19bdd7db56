package io.daytona.sshgateway;

import java.io.IOException;
import java.util.Optional;

/**
 * What the gateway needs of the platform: which sandbox an access token opens, and a way into
 * that sandbox. The control plane answers the first and the runner hosting the sandbox (the only
 * piece that talks to the container engine) the other two: in-process for the embedded runner,
 * over the runner's API for a runner process.
 */
public interface SandboxConnector {
    /** The sandbox a token opens; empty when the token is unknown, expired or revoked. */
    Optional<String> sandboxFor(String token);

    /**
     * Starts a process in the sandbox as its user, streams attached.
     *
     * @throws SandboxUnavailableException when the sandbox is not running, with a message for the user
     */
    SandboxProcess start(String sandboxId, ProcessSpec spec) throws IOException;

    /**
     * Connects to {@code host:port} as seen from inside the sandbox ({@code localhost} is the
     * sandbox's own loopback).
     *
     * @throws SandboxUnavailableException when the sandbox is not running
     */
    SandboxConnection connect(String sandboxId, String host, int port) throws IOException;
}
