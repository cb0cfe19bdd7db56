package io.daytona.daemon.interpreter;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.model.toolbox.interpreter.InterpreterContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/** One interpreter context: a worker, started on first use and again if it dies, running one execution at a time. */
final class Context implements AutoCloseable {
    /** How an execution ended. */
    enum Outcome { COMPLETED, TIMED_OUT, WORKER_DIED }

    /** How long an interrupted execution may take to stop before its worker is killed. */
    private static final Duration INTERRUPT_GRACE = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(100);

    private final String id;
    private final Path cwd;
    private final Instant createdAt;
    private final ObjectMapper json;
    // Fair, so executions queued on one context run in the order they came.
    private final ReentrantLock running = new ReentrantLock(true);
    private volatile PythonWorker worker;

    Context(String id, Path cwd, Instant createdAt, ObjectMapper json) {
        this.id = requireNonNull(id, "id is null");
        this.cwd = requireNonNull(cwd, "cwd is null");
        this.createdAt = requireNonNull(createdAt, "createdAt is null");
        this.json = requireNonNull(json, "json is null");
    }

    /** Runs {@code code}, passing each message (already in wire form) to {@code messages}. */
    Outcome execute(String code, Map<String, String> envs, Duration timeout, Consumer<String> messages)
            throws IOException, InterruptedException {
        running.lockInterruptibly();
        try {
            PythonWorker current = ensureWorker();
            current.send(json, code, envs);
            Instant deadline = Instant.now().plus(timeout);
            boolean interrupted = false;
            while (true) {
                Optional<String> message = current.next(POLL);
                if (message.isEmpty()) {
                    if (Instant.now().isBefore(deadline)) {
                        continue;
                    }
                    if (interrupted) {
                        // The code ignored the interrupt: only a new worker can free the context.
                        replaceWorker();
                        return Outcome.TIMED_OUT;
                    }
                    current.interrupt();
                    interrupted = true;
                    deadline = Instant.now().plus(INTERRUPT_GRACE);
                    continue;
                }
                if (message.get().equals(PythonWorker.END)) {
                    replaceWorker();
                    return Outcome.WORKER_DIED;
                }
                JsonNode parsed = json.readTree(message.get());
                if (parsed.path("type").asText().equals("control")) {
                    if (interrupted) {
                        return Outcome.TIMED_OUT;
                    }
                    messages.accept(message.get());
                    return Outcome.COMPLETED;
                }
                messages.accept(message.get());
            }
        } finally {
            running.unlock();
        }
    }

    private PythonWorker ensureWorker() throws IOException {
        PythonWorker current = worker;
        if (current == null || !current.isAlive()) {
            current = PythonWorker.start(cwd);
            worker = current;
        }
        return current;
    }

    private void replaceWorker() {
        PythonWorker current = worker;
        worker = null;
        if (current != null) {
            current.close();
        }
    }

    /** Starts the worker now, so the first execution does not wait for Python to start. */
    void warmUp() throws IOException {
        ensureWorker();
    }

    InterpreterContext describe() {
        PythonWorker current = worker;
        return new InterpreterContext(id, cwd.toString(), createdAt, current == null || current.isAlive(), "python");
    }

    @Override
    public void close() {
        replaceWorker();
    }
}
