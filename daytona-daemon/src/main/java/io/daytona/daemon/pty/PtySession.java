package io.daytona.daemon.pty;

import static java.util.Objects.requireNonNull;

import io.daytona.model.toolbox.pty.PtySessionInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shell in a terminal. Every connected client gets its output as binary frames and may type
 * into it; when the shell exits, clients are closed with its exit code in the close reason.
 */
final class PtySession {
    private static final Logger LOG = LoggerFactory.getLogger(PtySession.class);

    private final String id;
    private final Path cwd;
    private final Map<String, String> envs;
    private final boolean lazyStart;
    private final Instant createdAt;
    private final Set<Session> clients = new CopyOnWriteArraySet<>();
    private int cols;
    private int rows;
    private Terminal terminal;
    private Process shell;
    private volatile String closeReason;
    private volatile int closeCode;

    PtySession(String id, Path cwd, Map<String, String> envs, int cols, int rows, boolean lazyStart, Instant createdAt) {
        this.id = requireNonNull(id, "id is null");
        this.cwd = requireNonNull(cwd, "cwd is null");
        this.envs = Map.copyOf(envs);
        this.cols = cols;
        this.rows = rows;
        this.lazyStart = lazyStart;
        this.createdAt = requireNonNull(createdAt, "createdAt is null");
    }

    synchronized void start() throws IOException {
        if (terminal != null) {
            return;
        }
        terminal = Terminal.open(cols, rows);
        // setsid gives the shell a session of its own with the terminal as its controlling
        // terminal, so Ctrl+C and job control reach it and not the daemon.
        ProcessBuilder builder = new ProcessBuilder(List.of("setsid", "--wait", "--ctty", shellPath(), "-l"))
                .directory(cwd.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(terminal.slave().toFile()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(terminal.slave().toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(terminal.slave().toFile()));
        builder.environment().put("TERM", "xterm-256color");
        builder.environment().putAll(envs);
        shell = builder.start();
        Terminal started = terminal;
        Thread.ofPlatform().daemon().name("pty-" + id).start(() -> relayOutput(started));
        shell.onExit().thenAccept(this::exited);
    }

    private void relayOutput(Terminal source) {
        byte[] buffer = new byte[32 * 1024];
        try {
            int read;
            while ((read = source.read(buffer)) > 0) {
                ByteBuffer frame = ByteBuffer.wrap(java.util.Arrays.copyOf(buffer, read));
                for (Session client : clients) {
                    client.sendBinary(frame.duplicate(), Callback.NOOP);
                }
            }
        } catch (IOException e) {
            LOG.debug("terminal {} ended: {}", id, e.getMessage());
        }
    }

    private void exited(Process ended) {
        int code = ended.exitValue();
        // Give the last output a moment to reach the clients before they are closed.
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeCode = code == 0 ? StatusCode.NORMAL : StatusCode.SERVER_ERROR;
        closeReason = code == 0 ? "{\"exitCode\":0}" : "{\"exitCode\":%d,\"exitReason\":\"%s\"}".formatted(code, exitReason(code));
        for (Session client : clients) {
            client.close(closeCode, closeReason, Callback.NOOP);
        }
        clients.clear();
        synchronized (this) {
            terminal.close();
        }
    }

    static String exitReason(int code) {
        return switch (code) {
            case 130 -> "Ctrl+C";
            case 137 -> "SIGKILL";
            case 143 -> "SIGTERM";
            default -> code > 128 ? "signal " + (code - 128) : "non-zero exit";
        };
    }

    /** A client connected: start a lazy shell, confirm the connection, then stream to it. */
    void attach(Session client) throws IOException {
        start();
        if (closeReason != null) {
            client.close(closeCode, closeReason, Callback.NOOP);
            return;
        }
        client.sendText("{\"type\":\"control\",\"status\":\"connected\"}", Callback.NOOP);
        clients.add(client);
    }

    void detach(Session client) {
        clients.remove(client);
    }

    synchronized void input(byte[] bytes) throws IOException {
        if (terminal == null || !isActive()) {
            throw new IOException("the terminal's shell is not running");
        }
        terminal.write(bytes);
    }

    synchronized void resize(int newCols, int newRows) throws IOException {
        cols = newCols;
        rows = newRows;
        if (terminal != null && isActive()) {
            terminal.resize(newCols, newRows);
        }
    }

    boolean hasExited() {
        return closeReason != null;
    }

    /** Kills the shell and everything it started; clients are closed as for any exit. */
    void kill() {
        Process running = shell;
        if (running == null) {
            return;
        }
        running.descendants().forEach(ProcessHandle::destroyForcibly);
        running.destroyForcibly();
        try {
            running.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean isActive() {
        return shell != null && shell.isAlive();
    }

    synchronized PtySessionInfo info() {
        return new PtySessionInfo(id, cwd.toString(), envs, cols, rows, createdAt, isActive() || (shell == null && lazyStart), lazyStart);
    }

    private static String shellPath() {
        return Files.isExecutable(Path.of("/bin/bash")) ? "/bin/bash" : "/bin/sh";
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
