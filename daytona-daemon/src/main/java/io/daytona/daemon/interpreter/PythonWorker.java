package io.daytona.daemon.interpreter;

import io.daytona.daemon.posix.Libc;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Python process that runs a context's code, one request at a time, keeping its variables.
 * Its output arrives as JSON lines, read by a platform thread (a blocking pipe read would pin a
 * virtual thread's carrier) into a queue.
 */
final class PythonWorker implements AutoCloseable {
    /** Put in the queue when the worker's output ends: the worker died. */
    static final String END = "\u0000end";
    private static final int SIGINT = 2;
    private static final MethodHandle KILL = Libc.function("kill",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private final Process process;
    private final OutputStream requests;
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

    private PythonWorker(Process process) {
        this.process = process;
        this.requests = process.getOutputStream();
        Thread.ofPlatform().daemon().name("interpreter-" + process.pid()).start(this::readMessages);
    }

    static PythonWorker start(Path cwd) throws IOException {
        String script;
        try (InputStream in = PythonWorker.class.getResourceAsStream("worker.py")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Process process = new ProcessBuilder(List.of("python3", "-u", "-c", script))
                .directory(cwd.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        return new PythonWorker(process);
    }

    private void readMessages() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                messages.add(line);
            }
        } catch (IOException ignored) {
            // the worker is gone; END says so below
        } finally {
            messages.add(END);
        }
    }

    void send(ObjectMapper json, String code, Map<String, String> envs) throws IOException {
        byte[] line = (json.writeValueAsString(Map.of("code", code, "envs", envs)) + "\n").getBytes(StandardCharsets.UTF_8);
        requests.write(line);
        requests.flush();
    }

    /** The next message, or empty if none came within {@code wait}. */
    Optional<String> next(Duration wait) throws InterruptedException {
        return Optional.ofNullable(messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Raises KeyboardInterrupt in the running code; the worker and its variables survive. */
    void interrupt() {
        try {
            int ignored = (int) KILL.invokeExact((int) process.pid(), SIGINT);
        } catch (Throwable e) {
            throw new IllegalStateException("could not interrupt the interpreter", e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
