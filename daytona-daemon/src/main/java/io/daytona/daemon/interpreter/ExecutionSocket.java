package io.daytona.daemon.interpreter;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.model.toolbox.interpreter.ExecuteCodeRequest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution over a WebSocket: the client sends one request, then receives the output as it
 * is produced. Close codes: 1000 done, 4008 timed out (the context stays usable), 1008 for a bad
 * request, 1011 if the interpreter died.
 *
 * <p>Public because Jetty binds a listener's methods by reflection.
 */
public final class ExecutionSocket implements Session.Listener.AutoDemanding {
    static final int TIMED_OUT = 4008;
    private static final Logger LOG = LoggerFactory.getLogger(ExecutionSocket.class);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    private final Contexts contexts;
    private final ObjectMapper json;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile Session session;

    ExecutionSocket(Contexts contexts, ObjectMapper json) {
        this.contexts = requireNonNull(contexts, "contexts is null");
        this.json = requireNonNull(json, "json is null");
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        session = opened;
    }

    @Override
    public void onWebSocketText(String message) {
        if (started.compareAndSet(false, true)) {
            Thread.ofVirtual().name("interpreter-execution").start(() -> execute(message));
        }
    }

    private void execute(String message) {
        Session current = session;
        ExecuteCodeRequest request;
        try {
            request = json.readValue(message, ExecuteCodeRequest.class);
        } catch (Exception e) {
            current.close(StatusCode.POLICY_VIOLATION, "invalid request: send {\"code\": \"...\"}", Callback.NOOP);
            return;
        }
        if (request.code() == null || request.code().isBlank()) {
            current.close(StatusCode.POLICY_VIOLATION, "code is required", Callback.NOOP);
            return;
        }
        String contextId = request.contextId() == null || request.contextId().isBlank() ? Contexts.DEFAULT : request.contextId();
        Context context = contexts.find(contextId).orElse(null);
        if (context == null) {
            current.close(StatusCode.POLICY_VIOLATION, "context not found: " + contextId, Callback.NOOP);
            return;
        }
        Duration timeout = request.timeout() == null || request.timeout() <= 0 ? DEFAULT_TIMEOUT : Duration.ofSeconds(request.timeout());
        try {
            Context.Outcome outcome = context.execute(request.code(), request.envs(), timeout,
                    line -> current.sendText(line, Callback.NOOP));
            switch (outcome) {
                case COMPLETED -> current.close(StatusCode.NORMAL, null, Callback.NOOP);
                case TIMED_OUT -> current.close(TIMED_OUT, "execution timed out after " + timeout.toSeconds() + " s", Callback.NOOP);
                case WORKER_DIED -> current.close(StatusCode.SERVER_ERROR, "the interpreter exited; the context was reset", Callback.NOOP);
            }
        } catch (Exception e) {
            LOG.warn("interpreter execution failed", e);
            current.close(StatusCode.SERVER_ERROR, "execution failed: " + e.getMessage(), Callback.NOOP);
        }
    }
}
