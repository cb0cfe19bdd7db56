package io.daytona.sdk;

import io.daytona.model.toolbox.CodeRunRequest;
import io.daytona.model.toolbox.CodeRunResponse;
import io.daytona.model.toolbox.ExecuteRequest;
import io.daytona.model.toolbox.pty.PtyCreateRequest;
import io.daytona.model.toolbox.pty.PtyCreateResponse;
import io.daytona.model.toolbox.pty.PtyListResponse;
import io.daytona.model.toolbox.pty.PtyResizeRequest;
import io.daytona.model.toolbox.pty.PtySessionInfo;
import io.daytona.model.toolbox.session.Command;
import io.daytona.model.toolbox.session.CreateSessionRequest;
import io.daytona.model.toolbox.session.Session;
import io.daytona.model.toolbox.session.SessionCommandLogsResponse;
import io.daytona.model.toolbox.session.SessionExecuteRequest;
import io.daytona.model.toolbox.session.SessionExecuteResponse;
import io.daytona.model.toolbox.session.SessionSendInputRequest;
import io.daytona.sdk.internal.Deadline;
import io.daytona.sdk.internal.HttpTransport;
import io.daytona.sdk.internal.HttpTransport.HttpCall;
import io.daytona.sdk.internal.LogDemultiplexer;
import io.daytona.sdk.internal.Urls;
import io.daytona.sdk.internal.WebSocketQueue;
import io.daytona.sdk.chart.Chart;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs commands in one sandbox through its toolbox; obtained from {@link Sandbox#getProcess()}.
 * Thread-safe.
 *
 * <p>Three ways to run something: {@link #executeCommand(String)} runs one command and returns its
 * output; a <em>session</em> ({@link #createSession(String)}) is a long-lived shell whose state
 * (directory, variables) carries over between its commands, which may run in the background
 * while their logs are followed; a <em>PTY</em> ({@link #createPty(PtyCreateOptions)}) is an
 * interactive terminal.
 *
 * <p>Named {@code SandboxProcess} rather than {@code Process} so that it does not shadow
 * {@link java.lang.Process}, which every Java file imports implicitly.
 */
public final class SandboxProcess {
    /** How much longer than the command's own timeout the client waits for the toolbox to answer. */
    private static final Duration RESPONSE_GRACE = Duration.ofSeconds(30);
    /** How long opening a WebSocket (connection and handshake) may take. */
    static final Duration WEBSOCKET_OPEN_TIMEOUT = Duration.ofSeconds(30);
    /** How long a new terminal may take to report that it is connected. */
    private static final Duration PTY_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_PTY_SIZE = 1000;

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
     * @param request the wire request
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

    /**
     * Runs {@code code} as a program in the sandbox's language (its {@value Daytona#LANGUAGE_LABEL}
     * label: {@code python}, {@code typescript} or {@code javascript}; Python when it has none) and
     * waits for it to finish.
     *
     * @param code the program's source
     * @return the exit code, the combined output and the charts a Python program showed with matplotlib
     *     ({@code artifacts().charts()})
     * @throws DaytonaException if the call fails
     */
    public ExecuteResponse codeRun(String code) {
        return codeRun(code, null, null, null);
    }

    /**
     * Runs {@code code} as a program in the sandbox's language and waits for it to finish.
     *
     * @param code the program's source
     * @param argv the arguments it sees after its own name; null for none
     * @param env extra environment variables; null for none
     * @param timeout how long it may run before the toolbox kills it, rounded up to whole seconds; null for no limit
     * @return the exit code, the combined output and the charts a Python program showed with matplotlib;
     *     a non-zero exit code is not an exception
     * @throws DaytonaTimeoutException if the program ran out of time (HTTP 408)
     * @throws DaytonaValidationException if the sandbox's language cannot be run there (HTTP 400)
     * @throws DaytonaException if the call fails
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public ExecuteResponse codeRun(String code, List<String> argv, Map<String, String> env, Duration timeout) {
        Objects.requireNonNull(code, "code is null");
        String language = sandbox.getLabels().getOrDefault(Daytona.LANGUAGE_LABEL, Daytona.DEFAULT_LANGUAGE);
        Integer seconds = timeout == null ? null : toSeconds(timeout);
        CodeRunRequest request = new CodeRunRequest(code, language, argv, env, seconds);
        Optional<Duration> responseTimeout = seconds == null
                ? Optional.empty()
                : Optional.of(Duration.ofSeconds(seconds).plus(RESPONSE_GRACE));
        HttpCall call = HttpCall.post("run code", sandbox.toolboxUri("/process/code-run"), request).withTimeout(responseTimeout);
        CodeRunResponse response = transport.send(call, CodeRunResponse.class);
        if (response == null) {
            throw new DaytonaException("Failed to run code: the toolbox answered with an empty body");
        }
        return ExecuteResponse.of(response.exitCode(), response.result(),
                Chart.ofAll(response.artifacts() == null ? null : response.artifacts().charts()));
    }

    /**
     * Creates a session: a shell that keeps running, so that directory changes and variables carry
     * over between the commands run in it ({@code POST /process/session}).
     *
     * @param sessionId the ID to give it, unique in the sandbox
     * @throws DaytonaConflictException if a session with that ID exists
     * @throws DaytonaException if the call fails
     */
    public void createSession(String sessionId) {
        requireId(sessionId, "sessionId");
        transport.send(HttpCall.post("create session", sandbox.toolboxUri("/process/session"),
                new CreateSessionRequest(sessionId)), Void.class);
    }

    /**
     * Returns a session and the commands run in it, oldest first ({@code GET /process/session/{id}}).
     *
     * @param sessionId the session's ID
     * @return a session and the commands run in it, oldest first
     * @throws DaytonaNotFoundException if there is no such session
     * @throws DaytonaException if the call fails
     */
    public Session getSession(String sessionId) {
        requireId(sessionId, "sessionId");
        return require(transport.send(HttpCall.get("get session", session(sessionId, "")), Session.class),
                "get session", "session");
    }

    /**
     * Returns every session of the sandbox ({@code GET /process/session}), unmodifiable.
     *
     * @return every session of the sandbox, unmodifiable
     * @throws DaytonaException if the call fails
     */
    public List<Session> listSessions() {
        Session[] sessions = transport.send(HttpCall.get("list sessions", sandbox.toolboxUri("/process/session")), Session[].class);
        return sessions == null ? List.of() : List.of(sessions);
    }

    /**
     * Deletes a session, killing its shell and every command still running in it
     * ({@code DELETE /process/session/{id}}).
     *
     * @param sessionId the session's ID
     * @throws DaytonaNotFoundException if there is no such session
     * @throws DaytonaException if the call fails
     */
    public void deleteSession(String sessionId) {
        requireId(sessionId, "sessionId");
        transport.send(HttpCall.delete("delete session", session(sessionId, "")), Void.class);
    }

    /**
     * Runs {@code command} in a session and waits for it to finish; see
     * {@link #executeSessionCommand(String, SessionExecuteRequest)}.
     *
     * @param sessionId the session's ID
     * @param command the command line
     * @return the command's ID, exit code and output
     */
    public SessionExecuteResponse executeSessionCommand(String sessionId, String command) {
        return executeSessionCommand(sessionId, new SessionExecuteRequest(command, null, null, null));
    }

    /**
     * Runs a command in a session ({@code POST /process/session/{id}/exec}), in its shell, so it
     * sees the directory and variables earlier commands left. Waits for it to finish without time
     * limit unless {@code request.runAsync()} is set.
     *
     * @param sessionId the session's ID
     * @param request the wire request
     * @return for a command run synchronously, its ID, exit code, stdout and stderr (and both
     *     combined in {@code output}); for one run asynchronously, only its ID: follow it with
     *     {@link #getSessionCommand(String, String)} and
     *     {@link #getSessionCommandLogs(String, String, Consumer, Consumer)}
     * @throws DaytonaNotFoundException if there is no such session
     * @throws DaytonaException if the call fails
     */
    public SessionExecuteResponse executeSessionCommand(String sessionId, SessionExecuteRequest request) {
        return executeSessionCommand(sessionId, request, Duration.ZERO);
    }

    /**
     * Runs a command in a session, as {@link #executeSessionCommand(String, SessionExecuteRequest)}
     * does, waiting at most {@code timeout} for the toolbox to answer. The command is not stopped
     * when the wait ends.
     *
     * @param sessionId the session's ID
     * @param request the wire request
     * @param timeout how long to wait for the answer; {@link Duration#ZERO} for no limit
     * @return the command's ID, and its exit code and output once it has finished
     * @throws DaytonaTimeoutException if no answer came in time
     */
    public SessionExecuteResponse executeSessionCommand(String sessionId, SessionExecuteRequest request, Duration timeout) {
        requireId(sessionId, "sessionId");
        Objects.requireNonNull(request, "request is null");
        Objects.requireNonNull(request.command(), "command is null");
        String operation = "execute session command";
        SessionExecuteResponse response = transport.send(
                HttpCall.post(operation, session(sessionId, "/exec"), request), SessionExecuteResponse.class,
                Deadline.after(Objects.requireNonNull(timeout, "timeout is null")));
        return require(response, operation, "command result");
    }

    /**
     * Returns a command of a session, with its exit code once it has ended
     * ({@code GET /process/session/{id}/command/{cmdId}}).
     *
     * @param sessionId the session's ID
     * @param commandId the command's ID, from {@link SessionExecuteResponse#cmdId()}
     * @return a command of a session, with its exit code once it has ended ({@code GET /process/session/{id}/command/{cmdId}})
     * @throws DaytonaNotFoundException if there is no such session or command
     * @throws DaytonaException if the call fails
     */
    public Command getSessionCommand(String sessionId, String commandId) {
        requireId(sessionId, "sessionId");
        requireId(commandId, "commandId");
        return require(transport.send(HttpCall.get("get session command", command(sessionId, commandId, "")), Command.class),
                "get session command", "command");
    }

    /**
     * Returns the output of a session command so far: stdout, stderr, and both as written in
     * {@code output} ({@code GET .../command/{cmdId}/logs}).
     *
     * @param sessionId the session's ID
     * @param commandId the command's ID, from {@link SessionExecuteResponse#cmdId()}
     * @return the output of a session command so far: stdout, stderr, and both as written in {@code output}
     * @throws DaytonaNotFoundException if there is no such session or command
     * @throws DaytonaException if the call fails
     */
    public SessionCommandLogsResponse getSessionCommandLogs(String sessionId, String commandId) {
        requireId(sessionId, "sessionId");
        requireId(commandId, "commandId");
        String operation = "get session command logs";
        return require(transport.send(HttpCall.get(operation, command(sessionId, commandId, "/logs")),
                SessionCommandLogsResponse.class), operation, "logs");
    }

    /**
     * Follows the output of a session command until it ends, handing stdout and stderr to separate
     * callbacks as they arrive. The log is streamed over a WebSocket
     * ({@code .../command/{cmdId}/logs?follow=true}); what the command wrote before the call is
     * delivered first. The callbacks run on the calling thread, one at a time, with text in the
     * pieces it arrived in (not necessarily whole lines); the call returns once the command has
     * ended and its output is delivered. An exception thrown by a callback stops the following and
     * is rethrown.
     *
     * @param sessionId the session's ID
     * @param commandId the command's ID, from {@link SessionExecuteResponse#cmdId()}
     * @param onStdout receives stdout as it arrives
     * @param onStderr receives stderr as it arrives
     * @throws DaytonaNotFoundException if there is no such session or command
     * @throws DaytonaException if the call fails or the toolbox ends the stream abnormally
     */
    public void getSessionCommandLogs(String sessionId, String commandId, Consumer<String> onStdout, Consumer<String> onStderr) {
        requireId(sessionId, "sessionId");
        requireId(commandId, "commandId");
        Objects.requireNonNull(onStdout, "onStdout is null");
        Objects.requireNonNull(onStderr, "onStderr is null");
        followLogs("get session command logs", command(sessionId, commandId, "/logs"), onStdout, onStderr);
    }

    /**
     * Returns the session of the image's own entrypoint ({@code GET /process/session/entrypoint}),
     * whose command is the entrypoint of a sandbox built from an image that has one.
     *
     * @return the session and its command
     * @throws DaytonaNotFoundException if the toolbox has no entrypoint session; the message says
     *     where else the entrypoint's output can be read
     * @throws DaytonaException if the call fails
     */
    public Session getEntrypointSession() {
        String operation = "get entrypoint session";
        try {
            return require(transport.send(HttpCall.get(operation, sandbox.toolboxUri("/process/session/entrypoint")), Session.class),
                    operation, "session");
        } catch (DaytonaNotFoundException e) {
            throw noEntrypoint(e);
        }
    }

    /**
     * Returns the output of the image's entrypoint so far ({@code GET /process/session/entrypoint/logs}).
     *
     * @return stdout, stderr, and both as written
     * @throws DaytonaNotFoundException if the toolbox has no entrypoint session; the message says
     *     where else the entrypoint's output can be read
     * @throws DaytonaException if the call fails
     */
    public SessionCommandLogsResponse getEntrypointLogs() {
        String operation = "get entrypoint logs";
        try {
            return require(transport.send(HttpCall.get(operation, sandbox.toolboxUri("/process/session/entrypoint/logs")),
                    SessionCommandLogsResponse.class), operation, "logs");
        } catch (DaytonaNotFoundException e) {
            throw noEntrypoint(e);
        }
    }

    /**
     * Follows the output of the image's entrypoint until it ends, as
     * {@link #getSessionCommandLogs(String, String, Consumer, Consumer)} follows a command's.
     *
     * @param onStdout receives stdout as it arrives
     * @param onStderr receives stderr as it arrives
     * @throws DaytonaNotFoundException if the toolbox has no entrypoint session; the message says
     *     where else the entrypoint's output can be read
     * @throws DaytonaException if the call fails or the toolbox ends the stream abnormally
     */
    public void getEntrypointLogs(Consumer<String> onStdout, Consumer<String> onStderr) {
        Objects.requireNonNull(onStdout, "onStdout is null");
        Objects.requireNonNull(onStderr, "onStderr is null");
        // Asked first over plain HTTP: a proxy may turn a refused WebSocket upgrade into a 502.
        getEntrypointSession();
        try {
            followLogs("get entrypoint logs", sandbox.toolboxUri("/process/session/entrypoint/logs"), onStdout, onStderr);
        } catch (DaytonaNotFoundException e) {
            throw noEntrypoint(e);
        }
    }

    /** The toolbox of this platform keeps the entrypoint's output in a file rather than a session. */
    private static DaytonaNotFoundException noEntrypoint(DaytonaNotFoundException e) {
        return new DaytonaNotFoundException(e.getMessage() + " (this toolbox has no entrypoint session; the output of the"
                + " image's entrypoint, if it has one, is in .daytona/entrypoint.log under the user's home directory: read it with"
                + " getFs().downloadFile(sandbox.getUserHomeDir() + \"/.daytona/entrypoint.log\"))",
                e.statusCode(), e.errorCode().orElse(null), e.headers(), e);
    }

    /** Streams a multiplexed log over {@code logs?follow=true} into the two callbacks until it ends. */
    private void followLogs(String operation, URI logs, Consumer<String> onStdout, Consumer<String> onStderr) {
        WebSocketQueue queue = new WebSocketQueue();
        WebSocket socket = transport.openWebSocket(operation,
                URI.create(logs + Urls.query(Map.of("follow", "true"))), queue, WEBSOCKET_OPEN_TIMEOUT);
        LogDemultiplexer demultiplexer = new LogDemultiplexer(onStdout, onStderr);
        try {
            while (true) {
                WebSocketQueue.Event event = takeEvent(queue, operation);
                switch (event) {
                    case WebSocketQueue.Binary binary -> demultiplexer.accept(binary.data());
                    case WebSocketQueue.Text text ->
                            demultiplexer.accept(text.text().getBytes(StandardCharsets.UTF_8));
                    case WebSocketQueue.Closed closed -> {
                        demultiplexer.finish();
                        if (closed.statusCode() != WebSocket.NORMAL_CLOSURE) {
                            throw new DaytonaException("Failed to " + operation + ": the toolbox ended the log with code "
                                    + closed.statusCode() + (closed.reason().isEmpty() ? "" : ": " + closed.reason()));
                        }
                        return;
                    }
                    case WebSocketQueue.Failed failed -> throw new DaytonaConnectionException(
                            "Failed to " + operation + ": the connection broke: " + failed.error(), failed.error());
                }
            }
        } finally {
            socket.abort();
        }
    }

    /**
     * Writes {@code data} to the stdin of a command running in a session
     * ({@code POST .../command/{cmdId}/input}); include a line break to end a line. Only commands
     * run asynchronously keep their stdin open.
     *
     * @param sessionId the session's ID
     * @param commandId the command's ID, from {@link SessionExecuteResponse#cmdId()}
     * @param data the text to write
     * @throws DaytonaNotFoundException if there is no such session or command
     * @throws DaytonaException if the call fails, e.g. because the command has ended
     */
    public void sendSessionCommandInput(String sessionId, String commandId, String data) {
        requireId(sessionId, "sessionId");
        requireId(commandId, "commandId");
        Objects.requireNonNull(data, "data is null");
        transport.send(HttpCall.post("send session command input", command(sessionId, commandId, "/input"),
                new SessionSendInputRequest(data)), Void.class);
    }

    /**
     * Creates an interactive terminal and connects to it ({@code POST /process/pty} with
     * {@code lazyStart}, then the WebSocket {@code /process/pty/{id}/connect}); its shell starts
     * as the connection opens, so no output is missed. Returns once the terminal reports that it
     * is connected.
     *
     * <pre>{@code
     * try (PtyHandle pty = sandbox.getProcess().createPty(PtyCreateOptions.builder("term")
     *         .cols(120).rows(40).onData(bytes -> System.out.write(bytes, 0, bytes.length)).build())) {
     *     pty.sendInput("ls -la; exit\n");
     *     PtyResult result = pty.waitForExit(Duration.ofSeconds(30));
     * }
     * }</pre>
     *
     * @param options the terminal's ID, size, directory, environment and output callback
     * @return the connected handle
     * @throws DaytonaConflictException if a terminal with that ID exists
     * @throws DaytonaException if it cannot be created or connected; a terminal created but not
     *     connected is killed
     */
    public PtyHandle createPty(PtyCreateOptions options) {
        Objects.requireNonNull(options, "options is null");
        String operation = "create PTY session";
        PtyCreateResponse created = transport.send(HttpCall.post(operation, sandbox.toolboxUri("/process/pty"),
                new PtyCreateRequest(options.id(), options.cwd(), options.envs(), options.cols(), options.rows(), true)),
                PtyCreateResponse.class);
        String sessionId = created == null || created.sessionId() == null ? options.id() : created.sessionId();
        try {
            return connect(operation, sessionId, options.onData());
        } catch (RuntimeException e) {
            try {
                killPtySession(sessionId);
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Connects to an existing terminal and discards its output, e.g. to type into it or wait for
     * its exit; see {@link #connectPty(String, Consumer)}.
     *
     * @param sessionId the terminal's ID
     * @return the connected handle
     * @throws DaytonaNotFoundException if there is no such terminal
     * @throws DaytonaException if the connection fails
     */
    public PtyHandle connectPty(String sessionId) {
        return connectPty(sessionId, null);
    }

    /**
     * Connects to an existing terminal, e.g. one created by another client; its output from now on
     * goes to {@code onData}. Returns once the terminal reports that it is connected.
     *
     * @param sessionId the session's ID
     * @param onData receives the terminal's output as it arrives; null to discard it
     * @return the connected handle
     * @throws DaytonaNotFoundException if there is no such terminal
     * @throws DaytonaException if the connection fails
     */
    public PtyHandle connectPty(String sessionId, Consumer<byte[]> onData) {
        requireId(sessionId, "sessionId");
        return connect("connect PTY session", sessionId, onData);
    }

    /**
     * Returns every terminal of the sandbox ({@code GET /process/pty}), unmodifiable.
     *
     * @return every terminal of the sandbox, unmodifiable
     * @throws DaytonaException if the call fails
     */
    public List<PtySessionInfo> listPtySessions() {
        PtyListResponse response = transport.send(
                HttpCall.get("list PTY sessions", sandbox.toolboxUri("/process/pty")), PtyListResponse.class);
        return response == null ? List.of() : response.sessions();
    }

    /**
     * Describes a terminal: size, directory, and whether its shell still runs ({@code GET /process/pty/{id}}).
     *
     * @param sessionId the session's ID
     * @return the terminal's information
     * @throws DaytonaNotFoundException if there is no such terminal
     * @throws DaytonaException if the call fails
     */
    public PtySessionInfo getPtySessionInfo(String sessionId) {
        requireId(sessionId, "sessionId");
        return require(transport.send(HttpCall.get("get PTY session info", pty(sessionId, "")), PtySessionInfo.class),
                "get PTY session info", "terminal information");
    }

    /**
     * Kills a terminal's shell and removes the terminal ({@code DELETE /process/pty/{id}}); connected
     * clients see it exit.
     *
     * @param sessionId the session's ID
     * @throws DaytonaNotFoundException if there is no such terminal
     * @throws DaytonaException if the call fails
     */
    public void killPtySession(String sessionId) {
        requireId(sessionId, "sessionId");
        transport.send(HttpCall.delete("kill PTY session", pty(sessionId, "")), Void.class);
    }

    /**
     * Changes a terminal's size ({@code POST /process/pty/{id}/resize}); its programs receive SIGWINCH.
     *
     * @param sessionId the session's ID
     * @param cols the width in columns, 1 to 1000
     * @param rows the height in rows, 1 to 1000
     * @return the terminal with its new size
     * @throws DaytonaNotFoundException if there is no such terminal
     * @throws DaytonaException if the call fails, e.g. because the shell has exited (HTTP 410)
     * @throws IllegalArgumentException if a dimension is out of range
     */
    public PtySessionInfo resizePtySession(String sessionId, int cols, int rows) {
        requireId(sessionId, "sessionId");
        requireSize(cols, "cols");
        requireSize(rows, "rows");
        return require(transport.send(HttpCall.post("resize PTY session", pty(sessionId, "/resize"),
                new PtyResizeRequest(cols, rows)), PtySessionInfo.class), "resize PTY session", "terminal information");
    }

    static void requireSize(int value, String name) {
        if (value < 1 || value > MAX_PTY_SIZE) {
            throw new IllegalArgumentException(name + " must be between 1 and " + MAX_PTY_SIZE + ": " + value);
        }
    }

    private PtyHandle connect(String operation, String sessionId, Consumer<byte[]> onData) {
        PtyHandle handle = new PtyHandle(sessionId, this, onData, transport.mapper());
        WebSocket socket = transport.openWebSocket(operation, pty(sessionId, "/connect"), handle.listener(), WEBSOCKET_OPEN_TIMEOUT);
        handle.attach(socket);
        try {
            handle.waitForConnection(PTY_CONNECT_TIMEOUT);
        } catch (RuntimeException e) {
            handle.close();
            throw e;
        }
        return handle;
    }

    private WebSocketQueue.Event takeEvent(WebSocketQueue queue, String operation) {
        try {
            return queue.take(Duration.ZERO).orElseThrow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DaytonaException("Failed to " + operation + ": interrupted", e);
        }
    }

    private URI session(String sessionId, String suffix) {
        return sandbox.toolboxUri("/process/session/" + Urls.segment(sessionId) + suffix);
    }

    private URI command(String sessionId, String commandId, String suffix) {
        return sandbox.toolboxUri("/process/session/" + Urls.segment(sessionId) + "/command/" + Urls.segment(commandId) + suffix);
    }

    private URI pty(String sessionId, String suffix) {
        return sandbox.toolboxUri("/process/pty/" + Urls.segment(sessionId) + suffix);
    }

    private static <T> T require(T value, String operation, String what) {
        if (value == null) {
            throw new DaytonaException("Failed to " + operation + ": the toolbox sent no " + what);
        }
        return value;
    }

    private static void requireId(String value, String name) {
        Objects.requireNonNull(value, name + " is null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
    }

    private static int toSeconds(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, or null for the default: " + timeout);
        }
        long seconds = timeout.getSeconds() + (timeout.getNano() > 0 ? 1 : 0);
        return (int) Math.min(seconds, Integer.MAX_VALUE);
    }
}
