package io.daytona.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.daytona.model.toolbox.interpreter.CreateContextRequest;
import io.daytona.model.toolbox.interpreter.ExecuteCodeRequest;
import io.daytona.model.toolbox.interpreter.InterpreterContext;
import io.daytona.model.toolbox.interpreter.ListContextsResponse;
import io.daytona.sdk.internal.Deadline;
import io.daytona.sdk.internal.HttpTransport;
import io.daytona.sdk.internal.HttpTransport.HttpCall;
import io.daytona.sdk.internal.Urls;
import io.daytona.sdk.internal.WebSocketQueue;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs Python in stateful interpreters in one sandbox; obtained from
 * {@link Sandbox#getCodeInterpreter()}. Thread-safe.
 *
 * <p>Code runs in a <em>context</em>: a Python interpreter whose variables, imports and functions
 * carry over between executions. Without one, code runs in the sandbox's default context;
 * {@link #createContext()} makes an isolated one. A context runs one execution at a time; others
 * wait their turn.
 *
 * <pre>{@code
 * CodeInterpreter interpreter = sandbox.getCodeInterpreter();
 * interpreter.runCode("x = 21");
 * ExecutionResult result = interpreter.runCode("print(x * 2)");   // result.stdout() is "42\n"
 * }</pre>
 */
public final class CodeInterpreter {
    /** How long the toolbox lets code run when no timeout is given. */
    private static final Duration TOOLBOX_DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    /** How much longer than the execution's own timeout the client waits for the toolbox to end it. */
    private static final Duration END_GRACE = Duration.ofSeconds(30);
    private static final int TIMED_OUT = 4008;

    private final Sandbox sandbox;
    private final HttpTransport transport;

    CodeInterpreter(Sandbox sandbox, HttpTransport transport) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox is null");
        this.transport = Objects.requireNonNull(transport, "transport is null");
    }

    /**
     * Runs Python {@code code} in the default context and waits for it to finish, for up to the
     * toolbox's default of 10 minutes.
     *
     * @param code the Python source to run
     * @return what it wrote and the exception it raised, if any
     * @throws DaytonaTimeoutException if it ran out of time; the context survives
     * @throws DaytonaException if the call fails
     */
    public ExecutionResult runCode(String code) {
        return runCode(code, RunCodeOptions.defaults());
    }

    /**
     * Runs Python {@code code} and waits for it to finish, streaming its output to the callbacks of
     * {@code options} as it is produced. The execution goes over a WebSocket
     * ({@code /process/interpreter/execute}). Callbacks run on the calling thread, one at a time;
     * an exception thrown by one stops waiting for the execution (which goes on in the sandbox)
     * and is rethrown.
     *
     * @param code the Python source to run
     * @param options the context, environment, timeout and callbacks
     * @return what it wrote and the exception it raised, if any; an exception in the code is not
     *     a failure of the call
     * @throws DaytonaTimeoutException if it ran out of time (close code 4008); the code is
     *     interrupted and the context keeps its state
     * @throws DaytonaException if the call fails, e.g. because the context does not exist
     */
    public ExecutionResult runCode(String code, RunCodeOptions options) {
        Objects.requireNonNull(code, "code is null");
        Objects.requireNonNull(options, "options is null");
        String operation = "run code";
        Integer timeoutSeconds = options.timeout() == null ? null : seconds(options.timeout());
        ExecuteCodeRequest request = new ExecuteCodeRequest(code,
                options.context() == null ? null : options.context().id(), timeoutSeconds, options.envs());
        Duration executionLimit = options.timeout() == null ? TOOLBOX_DEFAULT_TIMEOUT : options.timeout();
        Deadline deadline = Deadline.after(executionLimit.isZero() ? Duration.ZERO : executionLimit.plus(END_GRACE));
        String message;
        try {
            message = transport.mapper().writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new DaytonaException("Failed to " + operation + ": could not write the request: " + e.getOriginalMessage(), e);
        }
        WebSocketQueue queue = new WebSocketQueue();
        WebSocket socket = transport.openWebSocket(operation, sandbox.toolboxUri("/process/interpreter/execute"),
                queue, SandboxProcess.WEBSOCKET_OPEN_TIMEOUT);
        try {
            socket.sendText(message, true).get(SandboxProcess.WEBSOCKET_OPEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return collect(operation, queue, options, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DaytonaException("Failed to " + operation + ": interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new DaytonaConnectionException("Failed to " + operation + ": could not send the code: " + e, e);
        } finally {
            socket.abort();
        }
    }

    /**
     * Creates an isolated context that starts in the work directory ({@code POST /process/interpreter/context}).
     *
     * @return the new context, with its ID, language and directory
     * @throws DaytonaException if the call fails
     */
    public InterpreterContext createContext() {
        return createContext(null);
    }

    /**
     * Creates an isolated context: a new Python interpreter with its own state.
     *
     * @param cwd the directory it starts in; null for the work directory
     * @return the new context, with its ID, language and directory
     * @throws DaytonaException if the call fails
     */
    public InterpreterContext createContext(String cwd) {
        String operation = "create interpreter context";
        InterpreterContext context = transport.send(HttpCall.post(operation,
                sandbox.toolboxUri("/process/interpreter/context"), new CreateContextRequest(cwd, null)), InterpreterContext.class);
        if (context == null || context.id() == null) {
            throw new DaytonaException("Failed to " + operation + ": the toolbox sent no context");
        }
        return context;
    }

    /**
     * Returns the contexts created with {@link #createContext()}, unmodifiable; the default context
     * is not among them.
     *
     * @return the contexts created with {@link #createContext()}, unmodifiable
     * @throws DaytonaException if the call fails
     */
    public List<InterpreterContext> listContexts() {
        ListContextsResponse response = transport.send(HttpCall.get("list interpreter contexts",
                sandbox.toolboxUri("/process/interpreter/context")), ListContextsResponse.class);
        return response == null ? List.of() : response.contexts();
    }

    /**
     * Deletes a context, ending its interpreter and losing its state
     * ({@code DELETE /process/interpreter/context/{id}}). The default context cannot be deleted.
     *
     * @param context the context, from {@link #createContext()}
     * @throws DaytonaNotFoundException if there is no such context
     * @throws DaytonaException if the call fails
     */
    public void deleteContext(InterpreterContext context) {
        Objects.requireNonNull(context, "context is null");
        Objects.requireNonNull(context.id(), "context.id is null");
        transport.send(HttpCall.delete("delete interpreter context",
                sandbox.toolboxUri("/process/interpreter/context/" + Urls.segment(context.id()))), Void.class);
    }

    private ExecutionResult collect(String operation, WebSocketQueue queue, RunCodeOptions options, Deadline deadline)
            throws InterruptedException {
        StringBuilder stdout = new StringBuilder();
        StringBuilder stderr = new StringBuilder();
        ExecutionError error = null;
        while (true) {
            Duration wait = deadline.isUnbounded() ? Duration.ZERO : deadline.remaining();
            if (!deadline.isUnbounded() && wait.isZero()) {
                throw lateEnd(operation, deadline);
            }
            Optional<WebSocketQueue.Event> next = queue.take(wait);
            if (next.isEmpty()) {
                throw lateEnd(operation, deadline);
            }
            switch (next.get()) {
                case WebSocketQueue.Text text -> {
                    JsonNode tree = parse(text.text());
                    String type = tree.path("type").asText("");
                    switch (type) {
                        case "stdout" -> {
                            String output = tree.path("text").asText("");
                            stdout.append(output);
                            accept(options.onStdout(), new OutputMessage(output));
                        }
                        case "stderr" -> {
                            String output = tree.path("text").asText("");
                            stderr.append(output);
                            accept(options.onStderr(), new OutputMessage(output));
                        }
                        case "error" -> {
                            error = new ExecutionError(tree.path("name").asText(""),
                                    tree.path("value").asText(""), tree.path("traceback").asText(""));
                            accept(options.onError(), error);
                        }
                        default -> {
                            // control messages (completed, interrupted) and unknown types: the close says how it ended
                        }
                    }
                }
                case WebSocketQueue.Binary ignored -> {
                    // The protocol has no binary messages.
                }
                case WebSocketQueue.Closed closed -> {
                    if (closed.statusCode() == WebSocket.NORMAL_CLOSURE) {
                        return new ExecutionResult(stdout.toString(), stderr.toString(), error);
                    }
                    String reason = closed.reason().isEmpty() ? "the toolbox closed the connection with code " + closed.statusCode()
                            : closed.reason();
                    if (closed.statusCode() == TIMED_OUT) {
                        throw new DaytonaTimeoutException("Failed to " + operation + ": " + reason);
                    }
                    throw new DaytonaException("Failed to " + operation + ": " + reason + " (close code " + closed.statusCode() + ")");
                }
                case WebSocketQueue.Failed failed -> throw new DaytonaConnectionException(
                        "Failed to " + operation + ": the connection broke: " + failed.error(), failed.error());
            }
        }
    }

    private JsonNode parse(String text) {
        try {
            JsonNode tree = transport.mapper().readTree(text);
            return tree == null ? transport.mapper().createObjectNode() : tree;
        } catch (JsonProcessingException e) {
            throw new DaytonaException("Failed to run code: the toolbox sent a message that is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> void accept(Consumer<T> callback, T value) {
        if (callback != null) {
            callback.accept(value);
        }
    }

    private static DaytonaTimeoutException lateEnd(String operation, Deadline deadline) {
        return new DaytonaTimeoutException("Failed to " + operation + ": the toolbox did not end the execution within "
                + Deadline.format(deadline.timeout()), 0, null, Map.of(), null);
    }

    private static int seconds(Duration timeout) {
        long seconds = timeout.getSeconds() + (timeout.getNano() > 0 ? 1 : 0);
        return (int) Math.min(seconds, Integer.MAX_VALUE);
    }
}
