package io.daytona.sdk;

import io.daytona.model.toolbox.ExecuteRequest;
import io.daytona.sdk.internal.HttpTransport;
import io.daytona.sdk.internal.HttpTransport.HttpCall;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs commands in one sandbox through its toolbox; obtained from {@link Sandbox#getProcess()}.
 * Thread-safe.
 *
 * <p>Named {@code SandboxProcess} rather than {@code Process} so that it does not shadow
 * {@link java.lang.Process}, which every Java file imports implicitly.
 */
public final class SandboxProcess {
    /** How much longer than the command's own timeout the client waits for the toolbox to answer. */
    private static final Duration RESPONSE_GRACE = Duration.ofSeconds(30);

    private final Sandbox sandbox;
    private final HttpTransport transport;

    SandboxProcess(Sandbox sandbox, HttpTransport transport) {
        this.sandbox = sandbox;
        this.transport = transport;
    }

    /**
     * Runs {@code command} in the sandbox's work directory and waits for it to finish.
     *
     * @param command the command line, e.g. {@code ls -la}
     * @return the exit code and the combined output; a non-zero exit code is not an exception
     * @throws DaytonaTimeoutException if the toolbox gave up on the command (HTTP 408)
     * @throws DaytonaException if the call fails
     */
    public ExecuteResponse executeCommand(String command) {
        return executeCommand(command, null, null, null);
    }

    /**
     * Runs {@code command} and waits for it to finish.
     *
     * @param command the command line
     * @param cwd the working directory, relative to the work directory unless absolute; null for the work directory
     * @param env extra environment variables; null or empty for none
     * @param timeout how long the command may run before the toolbox kills it, rounded up to whole seconds;
     *     null for the toolbox's default
     * @return the exit code and the combined output; a non-zero exit code is not an exception
     * @throws DaytonaTimeoutException if the command ran out of time (HTTP 408)
     * @throws DaytonaException if the call fails
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public ExecuteResponse executeCommand(String command, String cwd, Map<String, String> env, Duration timeout) {
        return executeCommand(new ExecuteRequest(command, cwd, env, timeout == null ? null : toSeconds(timeout)));
    }

    /**
     * Runs the command of {@code request} ({@code timeout} in seconds) and waits for it to finish.
     *
     * @return the exit code and the combined output; a non-zero exit code is not an exception
     * @throws DaytonaTimeoutException if the command ran out of time (HTTP 408)
     * @throws DaytonaException if the call fails
     */
    public ExecuteResponse executeCommand(ExecuteRequest request) {
        Objects.requireNonNull(request, "request is null");
        Objects.requireNonNull(request.command(), "command is null");
        Optional<Duration> responseTimeout = request.timeout() == null || request.timeout() <= 0
                ? Optional.empty()
                : Optional.of(Duration.ofSeconds(request.timeout()).plus(RESPONSE_GRACE));
        HttpCall call = HttpCall.post("execute command", sandbox.toolboxUri("/process/execute"), request)
                .withTimeout(responseTimeout);
        io.daytona.model.toolbox.ExecuteResponse response =
                transport.send(call, io.daytona.model.toolbox.ExecuteResponse.class);
        if (response == null) {
            throw new DaytonaException("Failed to execute command: the toolbox answered with an empty body");
        }
        return ExecuteResponse.of(response.exitCode(), response.result());
    }

    private static int toSeconds(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, or null for the default: " + timeout);
        }
        long seconds = timeout.getSeconds() + (timeout.getNano() > 0 ? 1 : 0);
        return (int) Math.min(seconds, Integer.MAX_VALUE);
    }
}
