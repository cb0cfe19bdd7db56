package io.daytona.sdk;

import io.daytona.model.toolbox.ExecuteRequest;
import io.daytona.model.toolbox.pty.PtySessionInfo;
import io.daytona.model.toolbox.session.Command;
import io.daytona.model.toolbox.session.Session;
import io.daytona.model.toolbox.session.SessionCommandLogsResponse;
import io.daytona.model.toolbox.session.SessionExecuteRequest;
import io.daytona.model.toolbox.session.SessionExecuteResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Commands, sessions and terminals of an {@link AsyncSandbox}; each method mirrors {@link SandboxProcess}. */
public final class AsyncSandboxProcess {
    private final SandboxProcess process;
    private final AsyncCalls calls;

    AsyncSandboxProcess(SandboxProcess process, AsyncCalls calls) {
        this.process = process;
        this.calls = calls;
    }

    /**
     * The asynchronous {@link SandboxProcess#executeCommand(String)}: runs {@code command} in the sandbox's
     * work directory and waits for it to finish.
     *
     * @param command the command line, e.g. {@code ls -la}
     * @return a future of the exit code and the combined output; a non-zero exit code is not an exception
     */
    public CompletableFuture<ExecuteResponse> executeCommand(String command) {
        return calls.supply(() -> process.executeCommand(command));
    }

    /**
     * The asynchronous {@link SandboxProcess#executeCommand(String, String, Map, Duration)}: runs
     * {@code command} and waits for it to finish.
     *
     * @param command the command line
     * @param cwd the working directory, relative to the work directory unless absolute; null for the work directory
     * @param env extra environment variables; null or empty for none
     * @param timeout how long the command may run before the toolbox kills it, rounded up to whole seconds;
     *     null for the toolbox's default
     * @return a future of the exit code and the combined output; a non-zero exit code is not an exception
     */
    public CompletableFuture<ExecuteResponse> executeCommand(String command, String cwd, Map<String, String> env, Duration timeout) {
        return calls.supply(() -> process.executeCommand(command, cwd, env, timeout));
    }

    /**
     * The asynchronous {@link SandboxProcess#executeCommand(ExecuteRequest)}: runs the command of
     * {@code request} ({@code timeout} in seconds) and waits for it to finish.
     *
     * @param request the wire request
     * @return a future of the exit code and the combined output; a non-zero exit code is not an exception
     */
    public CompletableFuture<ExecuteResponse> executeCommand(ExecuteRequest request) {
        return calls.supply(() -> process.executeCommand(request));
    }

    /**
     * The asynchronous {@link SandboxProcess#codeRun(String)}: runs {@code code} as a program in the sandbox's
     * language (its {@value Daytona#LANGUAGE_LABEL} label: {@code python}, {@code typescript} or
     * {@code javascript}; Python when it has none) and waits for it to finish.
     *
     * @param code the program's source
     * @return a future of the exit code, the combined output and the charts a Python program showed with matplotlib
     *     ({@code artifacts().charts()})
     */
    public CompletableFuture<ExecuteResponse> codeRun(String code) {
        return calls.supply(() -> process.codeRun(code));
    }

    /**
     * The asynchronous {@link SandboxProcess#codeRun(String, List, Map, Duration)}: runs {@code code} as a
     * program in the sandbox's language and waits for it to finish.
     *
     * @param code the program's source
     * @param argv the arguments it sees after its own name; null for none
     * @param env extra environment variables; null for none
     * @param timeout how long it may run before the toolbox kills it, rounded up to whole seconds; null for no limit
     * @return a future of the exit code, the combined output and the charts a Python program showed with matplotlib;
     *     a non-zero exit code is not an exception
     */
    public CompletableFuture<ExecuteResponse> codeRun(String code, List<String> argv, Map<String, String> env,
                                                                              Duration timeout) {
        return calls.supply(() -> process.codeRun(code, argv, env, timeout));
    }

    /**
     * The asynchronous {@link SandboxProcess#createSession(String)}: creates a session: a shell that keeps
     * running, so that directory changes and variables carry over between the commands run in it ({@code POST
     * /process/session}).
     *
     * @param sessionId the ID to give it, unique in the sandbox
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> createSession(String sessionId) {
        return calls.run(() -> process.createSession(sessionId));
    }

    /**
     * The asynchronous {@link SandboxProcess#getSession(String)}: returns a session and the commands run in it,
     * oldest first ({@code GET /process/session/{id}}).
     *
     * @param sessionId the session's ID
     * @return a future of a session and the commands run in it, oldest first
     */
    public CompletableFuture<Session> getSession(String sessionId) {
        return calls.supply(() -> process.getSession(sessionId));
    }

    /**
     * The asynchronous {@link SandboxProcess#listSessions()}: returns every session of the sandbox ({@code GET
     * /process/session}), unmodifiable.
     *
     * @return a future of every session of the sandbox, unmodifiable
     */
    public CompletableFuture<List<Session>> listSessions() {
        return calls.supply(process::listSessions);
    }

    /**
     * The asynchronous {@link SandboxProcess#deleteSession(String)}: deletes a session, killing its shell and
     * every command still running in it ({@code DELETE /process/session/{id}}).
     *
     * @param sessionId the session's ID
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> deleteSession(String sessionId) {
        return calls.run(() -> process.deleteSession(sessionId));
    }

    /**
     * The asynchronous {@link SandboxProcess#executeSessionCommand(String, String)}: runs {@code command} in a
     * session and waits for it to finish; see {@link #executeSessionCommand(String, SessionExecuteRequest)}.
     *
     * @param sessionId the session's ID
     * @param command the command line
     * @return a future of the command's ID, exit code and output
     */
    public CompletableFuture<SessionExecuteResponse> executeSessionCommand(String sessionId, String command) {
        return calls.supply(() -> process.executeSessionCommand(sessionId, command));
    }

    /**
     * The asynchronous {@link SandboxProcess#executeSessionCommand(String, SessionExecuteRequest)}: runs a
     * command in a session ({@code POST /process/session/{id}/exec}), in its shell, so it sees the directory
     * and variables earlier commands left.
     *
     * @param sessionId the session's ID
     * @param request the wire request
     * @return a future of for a command run synchronously, its ID, exit code, stdout and stderr (and both
     *     combined in {@code output}); for one run asynchronously, only its ID: follow it with
     *     {@link #getSessionCommand(String, String)} and
     *     {@link #getSessionCommandLogs(String, String, Consumer, Consumer)}
     */
    public CompletableFuture<SessionExecuteResponse> executeSessionCommand(String sessionId, SessionExecuteRequest request) {
        return calls.supply(() -> process.executeSessionCommand(sessionId, request));
    }

    /**
     * The asynchronous {@link SandboxProcess#executeSessionCommand(String, SessionExecuteRequest, Duration)}:
     * runs a command in a session, as {@link #executeSessionCommand(String, SessionExecuteRequest)} does,
     * waiting at most {@code timeout} for the toolbox to answer.
     *
     * @param sessionId the session's ID
     * @param request the wire request
     * @param timeout how long to wait for the answer; {@link Duration#ZERO} for no limit
     * @return a future of the command's ID, and its exit code and output once it has finished
     */
    public CompletableFuture<SessionExecuteResponse> executeSessionCommand(String sessionId, SessionExecuteRequest request, Duration timeout) {
        return calls.supply(() -> process.executeSessionCommand(sessionId, request, timeout));
    }

    /**
     * The asynchronous {@link SandboxProcess#getSessionCommand(String, String)}: returns a command of a
     * session, with its exit code once it has ended ({@code GET /process/session/{id}/command/{cmdId}}).
     *
     * @param sessionId the session's ID
     * @param commandId the command's ID, from {@link SessionExecuteResponse#cmdId()}
     * @return a future of a command of a session, with its exit code once it has ended ({@code GET /process/session/{id}/command/{cmdId}})
     */
    public CompletableFuture<Command> getSessionCommand(String sessionId, String commandId) {
        return calls.supply(() -> process.getSessionCommand(sessionId, commandId));
    }

    /**
     * The asynchronous {@link SandboxProcess#getSessionCommandLogs(String, String)}: returns the output of a
     * session command so far: stdout, stderr, and both as written in {@code output} ({@code GET
     * .../command/{cmdId}/logs}).
     *
     * @param sessionId the session's ID
     * @param commandId the command's ID, from {@link SessionExecuteResponse#cmdId()}
     * @return a future of the output of a session command so far: stdout, stderr, and both as written in {@code output}
     */
    public CompletableFuture<SessionCommandLogsResponse> getSessionCommandLogs(String sessionId, String commandId) {
        return calls.supply(() -> process.getSessionCommandLogs(sessionId, commandId));
    }

    /**
     * Follows a command's output into the callbacks; the future completes when the command has
     * ended and its output is delivered. See {@link SandboxProcess#getSessionCommandLogs(String, String, Consumer, Consumer)}.
     *
     * @param sessionId the session's ID
     * @param commandId the command's ID, from {@link SessionExecuteResponse#cmdId()}
     * @param onStdout receives stdout as it arrives
     * @param onStderr receives stderr as it arrives
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> getSessionCommandLogs(String sessionId, String commandId, Consumer<String> onStdout, Consumer<String> onStderr) {
        return calls.run(() -> process.getSessionCommandLogs(sessionId, commandId, onStdout, onStderr));
    }

    /**
     * The asynchronous {@link SandboxProcess#sendSessionCommandInput(String, String, String)}: writes
     * {@code data} to the stdin of a command running in a session ({@code POST .../command/{cmdId}/input}); include a
     * line break to end a line.
     *
     * @param sessionId the session's ID
     * @param commandId the command's ID, from {@link SessionExecuteResponse#cmdId()}
     * @param data the text to write
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> sendSessionCommandInput(String sessionId, String commandId, String data) {
        return calls.run(() -> process.sendSessionCommandInput(sessionId, commandId, data));
    }

    /**
     * Creates a terminal and connects to it; the handle itself is the same as the blocking one's. See {@link SandboxProcess#createPty(PtyCreateOptions)}.
     *
     * @param options the terminal's ID, size, directory, environment and output callback
     * @return a future of the connected handle
     */
    public CompletableFuture<PtyHandle> createPty(PtyCreateOptions options) {
        return calls.supply(() -> process.createPty(options));
    }

    /**
     * The asynchronous {@link SandboxProcess#connectPty(String, Consumer)}: connects to an existing terminal,
     * e.g. one created by another client; its output from now on goes to {@code onData}.
     *
     * @param sessionId the session's ID
     * @param onData receives the terminal's output as it arrives; null to discard it
     * @return a future of the connected handle
     */
    public CompletableFuture<PtyHandle> connectPty(String sessionId, Consumer<byte[]> onData) {
        return calls.supply(() -> process.connectPty(sessionId, onData));
    }

    /**
     * The asynchronous {@link SandboxProcess#listPtySessions()}: returns every terminal of the sandbox ({@code
     * GET /process/pty}), unmodifiable.
     *
     * @return a future of every terminal of the sandbox, unmodifiable
     */
    public CompletableFuture<List<PtySessionInfo>> listPtySessions() {
        return calls.supply(process::listPtySessions);
    }

    /**
     * The asynchronous {@link SandboxProcess#getPtySessionInfo(String)}: describes a terminal: size, directory,
     * and whether its shell still runs ({@code GET /process/pty/{id}}).
     *
     * @param sessionId the session's ID
     * @return a future of the terminal's information
     */
    public CompletableFuture<PtySessionInfo> getPtySessionInfo(String sessionId) {
        return calls.supply(() -> process.getPtySessionInfo(sessionId));
    }

    /**
     * The asynchronous {@link SandboxProcess#killPtySession(String)}: kills a terminal's shell and removes the
     * terminal ({@code DELETE /process/pty/{id}}); connected clients see it exit.
     *
     * @param sessionId the session's ID
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> killPtySession(String sessionId) {
        return calls.run(() -> process.killPtySession(sessionId));
    }

    /**
     * The asynchronous {@link SandboxProcess#resizePtySession(String, int, int)}: changes a terminal's size
     * ({@code POST /process/pty/{id}/resize}); its programs receive SIGWINCH.
     *
     * @param sessionId the session's ID
     * @param cols the width in columns, 1 to 1000
     * @param rows the height in rows, 1 to 1000
     * @return a future of the terminal with its new size
     */
    public CompletableFuture<PtySessionInfo> resizePtySession(String sessionId, int cols, int rows) {
        return calls.supply(() -> process.resizePtySession(sessionId, cols, rows));
    }

    /**
     * The asynchronous {@link SandboxProcess#connectPty(String)}: connects to an existing terminal and discards
     * its output, e.g. to type into it or wait for its exit; see {@link #connectPty(String, Consumer)}.
     *
     * @param sessionId the terminal's ID
     * @return a future of the connected handle
     */
    public CompletableFuture<PtyHandle> connectPty(String sessionId) {
        return calls.supply(() -> process.connectPty(sessionId));
    }

    /**
     * The asynchronous {@link SandboxProcess#getEntrypointSession()}: returns the session of the image's own
     * entrypoint ({@code GET /process/session/entrypoint}), whose command is the entrypoint of a sandbox built
     * from an image that has one.
     *
     * @return a future of the session and its command
     */
    public CompletableFuture<Session> getEntrypointSession() {
        return calls.supply(process::getEntrypointSession);
    }

    /**
     * The asynchronous {@link SandboxProcess#getEntrypointLogs()}: returns the output of the image's entrypoint
     * so far ({@code GET /process/session/entrypoint/logs}).
     *
     * @return a future of stdout, stderr, and both as written
     */
    public CompletableFuture<SessionCommandLogsResponse> getEntrypointLogs() {
        return calls.supply(process::getEntrypointLogs);
    }

    /**
     * The asynchronous {@link SandboxProcess#getEntrypointLogs(Consumer, Consumer)}: follows the output of the
     * image's entrypoint until it ends, as {@link #getSessionCommandLogs(String, String, Consumer, Consumer)}
     * follows a command's.
     *
     * @param onStdout receives stdout as it arrives
     * @param onStderr receives stderr as it arrives
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> getEntrypointLogs(Consumer<String> onStdout, Consumer<String> onStderr) {
        return calls.run(() -> process.getEntrypointLogs(onStdout, onStderr));
    }
}
