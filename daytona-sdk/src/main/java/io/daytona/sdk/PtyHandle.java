package io.daytona.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.model.toolbox.pty.PtySessionInfo;
import io.daytona.sdk.internal.Deadline;
import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A connection to an interactive terminal of a sandbox, from
 * {@link SandboxProcess#createPty(PtyCreateOptions)} or {@link SandboxProcess#connectPty(String, Consumer)}.
 * Input goes in with {@link #sendInput(String)}; output goes to the {@code onData} callback given
 * at creation. Thread-safe.
 *
 * <p>{@link #close()} only disconnects: the terminal keeps running in the sandbox until its shell
 * exits or {@link #kill()} is called.
 */
public final class PtyHandle implements AutoCloseable {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final String sessionId;
    private final SandboxProcess process;
    private final Consumer<byte[]> onData;
    private final ObjectMapper mapper;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final CompletableFuture<PtyResult> exited = new CompletableFuture<>();
    private final CompletableFuture<Void> socketClosed = new CompletableFuture<>();
    private final Object sendLock = new Object();
    private volatile WebSocket socket;

    PtyHandle(String sessionId, SandboxProcess process, Consumer<byte[]> onData, ObjectMapper mapper) {
        this.sessionId = Objects.requireNonNull(sessionId, "sessionId is null");
        this.process = Objects.requireNonNull(process, "process is null");
        this.onData = onData == null ? bytes -> { } : onData;
        this.mapper = Objects.requireNonNull(mapper, "mapper is null");
    }

    /** {@return the terminal's ID} */
    public String getSessionId() {
        return sessionId;
    }

    /** {@return true if the terminal reported that it is connected and has not ended since} */
    public boolean isConnected() {
        return connected.isDone() && !connected.isCompletedExceptionally() && !exited.isDone();
    }

    /**
     * Returns the shell's exit code once the terminal has ended, or null while it runs or if it
     * ended without one.
     *
     * @return the shell's exit code once the terminal has ended, or null while it runs or if it ended without one
     */
    public Integer getExitCode() {
        PtyResult result = exited.getNow(null);
        return result == null ? null : result.exitCode();
    }

    /** {@return why the terminal ended abnormally, or null while it runs or after a clean exit} */
    public String getError() {
        PtyResult result = exited.getNow(null);
        return result == null ? null : result.error();
    }

    /**
     * Waits until the terminal reports that it is connected; {@code createPty} and
     * {@code connectPty} already did.
     *
     * @param timeout how long to wait; {@link Duration#ZERO} for no limit
     * @throws DaytonaTimeoutException if it is not connected in time
     * @throws DaytonaException if the terminal refused the connection or the connection failed
     */
    public void waitForConnection(Duration timeout) {
        await(connected, timeout, "connect PTY session", "the terminal did not report that it is connected");
    }

    /**
     * Types {@code data} into the terminal, e.g. {@code "ls\n"} or {@code "\u0003"} for Ctrl+C.
     *
     * @param data the text to type
     * @throws DaytonaException if the terminal has ended or the connection fails
     */
    public void sendInput(String data) {
        Objects.requireNonNull(data, "data is null");
        send(webSocket -> webSocket.sendText(data, true));
    }

    /**
     * Sends raw bytes to the terminal, written to it verbatim.
     *
     * @param data the bytes to write
     * @throws DaytonaException if the terminal has ended or the connection fails
     */
    public void sendInput(byte[] data) {
        Objects.requireNonNull(data, "data is null");
        ByteBuffer copy = ByteBuffer.wrap(data.clone());
        send(webSocket -> webSocket.sendBinary(copy, true));
    }

    /**
     * Changes the terminal's size; see {@link SandboxProcess#resizePtySession(String, int, int)}.
     *
     * @param cols the width in columns, 1 to 1000
     * @param rows the height in rows, 1 to 1000
     * @return the terminal with its new size
     */
    public PtySessionInfo resize(int cols, int rows) {
        return process.resizePtySession(sessionId, cols, rows);
    }

    /**
     * Kills the terminal's shell and removes the terminal; see
     * {@link SandboxProcess#killPtySession(String)}. {@link #waitForExit(Duration)} then reports
     * the signal.
     */
    public void kill() {
        process.killPtySession(sessionId);
    }

    /**
     * Waits without limit until the terminal ends; see {@link #waitForExit(Duration)}.
     *
     * @return the exit code and, for an abnormal end, why
     */
    public PtyResult waitForExit() {
        return waitForExit(Duration.ZERO);
    }

    /**
     * Waits until the terminal ends: its shell exits, it is killed, the connection breaks or this
     * handle is closed.
     *
     * @param timeout how long to wait; {@link Duration#ZERO} for no limit
     * @return the exit code and, for an abnormal end, why
     * @throws DaytonaTimeoutException if it has not ended in time; it keeps running
     */
    public PtyResult waitForExit(Duration timeout) {
        return await(exited, timeout, "wait for PTY exit", "the terminal is still running");
    }

    /**
     * Disconnects from the terminal, which keeps running in the sandbox; a later
     * {@link #waitForExit(Duration)} reports the disconnection. Idempotent.
     */
    @Override
    public void close() {
        exited.complete(new PtyResult(null, "disconnected by the client"));
        connected.completeExceptionally(new DaytonaException("Failed to connect PTY session: disconnected by the client"));
        WebSocket current = socket;
        if (current == null) {
            return;
        }
        try {
            if (!current.isOutputClosed()) {
                synchronized (sendLock) {
                    current.sendClose(WebSocket.NORMAL_CLOSURE, "").get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                }
                socketClosed.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // The socket is aborted below either way.
        } finally {
            current.abort();
        }
    }

    /** Describes the handle by terminal ID and state. */
    @Override
    public String toString() {
        PtyResult result = exited.getNow(null);
        return "PtyHandle[sessionId=" + sessionId + ", " + (result == null ? (isConnected() ? "connected" : "connecting") : result) + "]";
    }

    WebSocket.Listener listener() {
        return new Listener();
    }

    void attach(WebSocket webSocket) {
        this.socket = webSocket;
    }

    private void send(Function<WebSocket, CompletableFuture<WebSocket>> sender) {
        String operation = "send PTY input";
        WebSocket current = socket;
        PtyResult result = exited.getNow(null);
        if (result != null || current == null || current.isOutputClosed()) {
            throw new DaytonaException("Failed to " + operation + ": terminal " + sessionId + " has ended"
                    + (result == null ? "" : " (" + result + ")"));
        }
        synchronized (sendLock) {
            await(sender.apply(current), SEND_TIMEOUT, operation, "the input could not be sent");
        }
    }

    private <T> T await(Future<T> future, Duration timeout, String operation, String whenLate) {
        Objects.requireNonNull(timeout, "timeout is null");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative (zero means no timeout): " + timeout);
        }
        try {
            return timeout.isZero() ? future.get() : future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new DaytonaTimeoutException("Failed to " + operation + ": " + whenLate + " after "
                    + Deadline.format(timeout) + " (terminal " + sessionId + ")", 0, null, Map.of(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DaytonaException("Failed to " + operation + ": interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DaytonaException daytona) {
                throw daytona;
            }
            if (cause instanceof IOException) {
                throw new DaytonaConnectionException("Failed to " + operation + ": " + cause, cause);
            }
            throw new DaytonaException("Failed to " + operation + ": " + cause, cause);
        }
    }

    /** Ends the terminal with {@code result}, and fails a pending connection wait with it. */
    private void end(PtyResult result) {
        exited.complete(result);
        connected.completeExceptionally(new DaytonaException("Failed to connect PTY session: terminal " + sessionId
                + " ended before it reported that it is connected: " + result));
    }

    /**
     * Reads a close frame: 1000 is exit code 0 (or the code of the reason), 1011 carries
     * {@code {"exitCode":N,"exitReason":"..."}}, anything else is a connection failure.
     */
    PtyResult resultOf(int statusCode, String reason) {
        Integer exitCode = null;
        String exitReason = null;
        if (reason != null && !reason.isBlank()) {
            try {
                JsonNode tree = mapper.readTree(reason);
                if (tree != null && tree.isObject()) {
                    exitCode = tree.path("exitCode").isIntegralNumber() ? tree.path("exitCode").asInt() : null;
                    exitReason = tree.path("exitReason").isTextual() ? tree.path("exitReason").asText() : null;
                }
            } catch (IOException e) {
                // A plain-text reason.
            }
        }
        if (statusCode == WebSocket.NORMAL_CLOSURE) {
            return new PtyResult(exitCode == null ? 0 : exitCode, exitReason);
        }
        if (exitCode != null) {
            return new PtyResult(exitCode, exitReason == null ? "exit code " + exitCode : exitReason);
        }
        return new PtyResult(null, "the connection closed with code " + statusCode
                + (reason == null || reason.isBlank() ? "" : ": " + reason));
    }

    /** Receives the terminal's messages on a thread of the client, one at a time. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                if (!handleControl(message)) {
                    deliver(webSocket, message.getBytes(StandardCharsets.UTF_8));
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            deliver(webSocket, bytes);
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            end(resultOf(statusCode, reason));
            socketClosed.complete(null);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            end(new PtyResult(null, "the connection failed: " + error));
            socketClosed.complete(null);
        }

        /** Handles {@code {"type":"control",...}}; returns false for any other text, which is output. */
        private boolean handleControl(String message) {
            if (!message.startsWith("{")) {
                return false;
            }
            JsonNode tree;
            try {
                tree = mapper.readTree(message);
            } catch (IOException e) {
                return false;
            }
            if (tree == null || !"control".equals(tree.path("type").asText(null))) {
                return false;
            }
            String status = tree.path("status").asText("");
            if ("connected".equals(status)) {
                connected.complete(null);
            } else if ("error".equals(status)) {
                String error = tree.path("error").asText("the terminal refused the connection");
                connected.completeExceptionally(new DaytonaException("Failed to connect PTY session: " + error));
                exited.complete(new PtyResult(null, error));
            }
            return true;
        }

        private void deliver(WebSocket webSocket, byte[] bytes) {
            try {
                onData.accept(bytes);
            } catch (RuntimeException e) {
                end(new PtyResult(null, "onData failed: " + e));
                webSocket.abort();
            }
        }
    }
}
