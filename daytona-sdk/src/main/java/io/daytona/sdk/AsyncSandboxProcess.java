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

    /** See {@link SandboxProcess#executeCommand(String)}. */
    public CompletableFuture<ExecuteResponse> executeCommand(String command) {
        return calls.supply(() -> process.executeCommand(command));
    }

    /** See {@link SandboxProcess#executeCommand(String, String, Map, Duration)}. */
    public CompletableFuture<ExecuteResponse> executeCommand(String command, String cwd, Map<String, String> env, Duration timeout) {
        return calls.supply(() -> process.executeCommand(command, cwd, env, timeout));
    }

    /** See {@link SandboxProcess#executeCommand(ExecuteRequest)}. */
    public CompletableFuture<ExecuteResponse> executeCommand(ExecuteRequest request) {
        return calls.supply(() -> process.executeCommand(request));
    }

    /** See {@link SandboxProcess#codeRun(String)}. */
    public CompletableFuture<ExecuteResponse> codeRun(String code) {
        return calls.supply(() -> process.codeRun(code));
    }

    /** See {@link SandboxProcess#codeRun(String, List, Map, Duration)}. */
    public CompletableFuture<ExecuteResponse> codeRun(String code, List<String> argv, Map<String, String> env,
                                                                              Duration timeout) {
        return calls.supply(() -> process.codeRun(code, argv, env, timeout));
    }

    /** See {@link SandboxProcess#createSession(String)}. */
    public CompletableFuture<Void> createSession(String sessionId) {
        return calls.run(() -> process.createSession(sessionId));
    }

    /** See {@link SandboxProcess#getSession(String)}. */
    public CompletableFuture<Session> getSession(String sessionId) {
        return calls.supply(() -> process.getSession(sessionId));
    }

    /** See {@link SandboxProcess#listSessions()}. */
    public CompletableFuture<List<Session>> listSessions() {
        return calls.supply(process::listSessions);
    }

    /** See {@link SandboxProcess#deleteSession(String)}. */
    public CompletableFuture<Void> deleteSession(String sessionId) {
        return calls.run(() -> process.deleteSession(sessionId));
    }

    /** See {@link SandboxProcess#executeSessionCommand(String, String)}. */
    public CompletableFuture<SessionExecuteResponse> executeSessionCommand(String sessionId, String command) {
        return calls.supply(() -> process.executeSessionCommand(sessionId, command));
    }

    /** See {@link SandboxProcess#executeSessionCommand(String, SessionExecuteRequest)}. */
    public CompletableFuture<SessionExecuteResponse> executeSessionCommand(String sessionId, SessionExecuteRequest request) {
        return calls.supply(() -> process.executeSessionCommand(sessionId, request));
    }

    /** See {@link SandboxProcess#executeSessionCommand(String, SessionExecuteRequest, Duration)}. */
    public CompletableFuture<SessionExecuteResponse> executeSessionCommand(String sessionId, SessionExecuteRequest request, Duration timeout) {
        return calls.supply(() -> process.executeSessionCommand(sessionId, request, timeout));
    }

    /** See {@link SandboxProcess#getSessionCommand(String, String)}. */
    public CompletableFuture<Command> getSessionCommand(String sessionId, String commandId) {
        return calls.supply(() -> process.getSessionCommand(sessionId, commandId));
    }

    /** See {@link SandboxProcess#getSessionCommandLogs(String, String)}. */
    public CompletableFuture<SessionCommandLogsResponse> getSessionCommandLogs(String sessionId, String commandId) {
        return calls.supply(() -> process.getSessionCommandLogs(sessionId, commandId));
    }

    /**
     * Follows a command's output into the callbacks; the future completes when the command has
     * ended and its output is delivered. See {@link SandboxProcess#getSessionCommandLogs(String, String, Consumer, Consumer)}.
     */
    public CompletableFuture<Void> getSessionCommandLogs(String sessionId, String commandId, Consumer<String> onStdout, Consumer<String> onStderr) {
        return calls.run(() -> process.getSessionCommandLogs(sessionId, commandId, onStdout, onStderr));
    }

    /** See {@link SandboxProcess#sendSessionCommandInput(String, String, String)}. */
    public CompletableFuture<Void> sendSessionCommandInput(String sessionId, String commandId, String data) {
        return calls.run(() -> process.sendSessionCommandInput(sessionId, commandId, data));
    }

    /** Creates a terminal and connects to it; the handle itself is the same as the blocking one's. See {@link SandboxProcess#createPty(PtyCreateOptions)}. */
    public CompletableFuture<PtyHandle> createPty(PtyCreateOptions options) {
        return calls.supply(() -> process.createPty(options));
    }

    /** See {@link SandboxProcess#connectPty(String, Consumer)}. */
    public CompletableFuture<PtyHandle> connectPty(String sessionId, Consumer<byte[]> onData) {
        return calls.supply(() -> process.connectPty(sessionId, onData));
    }

    /** See {@link SandboxProcess#listPtySessions()}. */
    public CompletableFuture<List<PtySessionInfo>> listPtySessions() {
        return calls.supply(process::listPtySessions);
    }

    /** See {@link SandboxProcess#getPtySessionInfo(String)}. */
    public CompletableFuture<PtySessionInfo> getPtySessionInfo(String sessionId) {
        return calls.supply(() -> process.getPtySessionInfo(sessionId));
    }

    /** See {@link SandboxProcess#killPtySession(String)}. */
    public CompletableFuture<Void> killPtySession(String sessionId) {
        return calls.run(() -> process.killPtySession(sessionId));
    }

    /** See {@link SandboxProcess#resizePtySession(String, int, int)}. */
    public CompletableFuture<PtySessionInfo> resizePtySession(String sessionId, int cols, int rows) {
        return calls.supply(() -> process.resizePtySession(sessionId, cols, rows));
    }

    /** See {@link SandboxProcess#connectPty(String)}. */
    public CompletableFuture<PtyHandle> connectPty(String sessionId) {
        return calls.supply(() -> process.connectPty(sessionId));
    }

    /** See {@link SandboxProcess#getEntrypointSession()}. */
    public CompletableFuture<Session> getEntrypointSession() {
        return calls.supply(process::getEntrypointSession);
    }

    /** See {@link SandboxProcess#getEntrypointLogs()}. */
    public CompletableFuture<SessionCommandLogsResponse> getEntrypointLogs() {
        return calls.supply(process::getEntrypointLogs);
    }

    /** See {@link SandboxProcess#getEntrypointLogs(Consumer, Consumer)}. */
    public CompletableFuture<Void> getEntrypointLogs(Consumer<String> onStdout, Consumer<String> onStderr) {
        return calls.run(() -> process.getEntrypointLogs(onStdout, onStderr));
    }
}
