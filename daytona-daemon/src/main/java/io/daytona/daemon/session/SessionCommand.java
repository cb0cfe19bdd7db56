package io.daytona.daemon.session;

import static java.util.Objects.requireNonNull;

import io.daytona.model.toolbox.session.Command;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One command run by a session's shell. Its stdout, stderr and exit status reach the daemon
 * through named pipes in the command's directory; the daemon frames them into {@code output.log}
 * and records {@code exit_code}, so the logs outlive the daemon.
 */
final class SessionCommand {
    private static final Logger LOG = LoggerFactory.getLogger(SessionCommand.class);
    /** Output a command's background children write after it ended is still logged, but not waited for. */
    private static final Duration DRAIN = Duration.ofMillis(500);
    private static final Duration UNBLOCK_GRACE = Duration.ofSeconds(2);

    private final String id;
    private final String command;
    private final Path directory;
    private final boolean async;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private RandomAccessFile stdin;

    private SessionCommand(String id, String command, Path directory, boolean async) {
        this.id = requireNonNull(id, "id is null");
        this.command = requireNonNull(command, "command is null");
        this.directory = requireNonNull(directory, "directory is null");
        this.async = async;
    }

    /** Prepares the command's pipes and starts the threads that read them; the shell is told to run it next. */
    static SessionCommand prepare(String id, String command, Path directory, boolean async) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("cmd"), command + "\n");
        for (String pipe : async ? new String[] {"out", "err", "status", "in"} : new String[] {"out", "err", "status"}) {
            Fifos.create(directory.resolve(pipe));
        }
        SessionCommand prepared = new SessionCommand(id, command, directory, async);
        prepared.startReaders();
        if (async) {
            // Read-write keeps the pipe open without waiting for the shell, and keeps the command's
            // stdin open until it ends, so input can be sent at any time.
            prepared.stdin = new RandomAccessFile(directory.resolve("in").toFile(), "rw");
        }
        return prepared;
    }

    /** The line the session's shell runs: the command in the current shell, so cd and export persist. */
    String shellLine() {
        String dir = quote(directory.toString());
        String input = async ? dir + "/in" : "/dev/null";
        return "{ . " + dir + "/cmd; } < " + input + " > " + dir + "/out 2> " + dir + "/err; echo $? > " + dir + "/status\n";
    }

    /**
     * Opening a named pipe blocks in the kernel until the other end opens, which would pin a
     * virtual thread's carrier; a sandbox limited to one CPU has a single carrier, so these
     * readers, which live as long as their command, are platform threads.
     */
    private void startReaders() throws IOException {
        CommandLog log = new CommandLog(directory.resolve("output.log"));
        Thread.Builder readers = Thread.ofPlatform().daemon().stackSize(256 * 1024);
        Thread out = readers.name("session-out-" + id).start(() -> pump(directory.resolve("out"), LogStream.STDOUT, log));
        Thread err = readers.name("session-err-" + id).start(() -> pump(directory.resolve("err"), LogStream.STDERR, log));
        readers.name("session-status-" + id).start(() -> awaitStatus(out, err, log));
    }

    private static void pump(Path pipe, LogStream stream, CommandLog log) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = Files.newInputStream(pipe)) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                log.append(stream, buffer, 0, read);
            }
        } catch (IOException e) {
            LOG.debug("reading {} ended: {}", pipe, e.getMessage());
        }
    }

    private void awaitStatus(Thread out, Thread err, CommandLog log) {
        int code;
        try {
            code = Integer.parseInt(Files.readString(directory.resolve("status")).strip());
        } catch (IOException | NumberFormatException e) {
            code = -1;
        }
        finish(code, out, err, log);
    }

    private void finish(int code, Thread out, Thread err, CommandLog log) {
        try {
            out.join(DRAIN);
            err.join(DRAIN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        complete(code);
    }

    /** Records the exit code and ends the command, once: the status pipe and a dying shell may both report. */
    private synchronized void complete(int code) {
        if (exit.isDone()) {
            return;
        }
        try {
            Files.writeString(directory.resolve("exit_code"), Integer.toString(code));
            closeStdin();
        } catch (IOException e) {
            LOG.warn("could not record the exit code of command {}", id, e);
        }
        exit.complete(code);
    }

    /**
     * Ends the command with the shell's exit code after the shell died (a command that exits the
     * shell never writes its status). The pipes it never opened are opened here so their readers
     * wake; they stay open a moment, because a pipe closed by everyone before a reader has opened
     * it loses what was written to it.
     */
    void abandon(int shellExitCode) {
        if (exit.isDone()) {
            return;
        }
        List<RandomAccessFile> unblocking = new ArrayList<>();
        for (String pipe : new String[] {"out", "err", "status"}) {
            try {
                RandomAccessFile end = new RandomAccessFile(directory.resolve(pipe).toFile(), "rw");
                if (pipe.equals("status")) {
                    end.write((shellExitCode + "\n").getBytes(StandardCharsets.UTF_8));
                }
                unblocking.add(end);
            } catch (IOException e) {
                LOG.debug("could not unblock {}: {}", pipe, e.getMessage());
            }
        }
        complete(shellExitCode);
        Thread.ofVirtual().name("session-unblock-" + id).start(() -> {
            try {
                Thread.sleep(UNBLOCK_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (RandomAccessFile end : unblocking) {
                try {
                    end.close();
                } catch (IOException ignored) {
                    // already gone
                }
            }
        });
    }

    synchronized void sendInput(String data) throws IOException {
        if (stdin == null || exit.isDone()) {
            throw new IllegalStateException("command " + id + " does not accept input: it ended or was not started with runAsync");
        }
        stdin.write(data.getBytes(StandardCharsets.UTF_8));
    }

    private synchronized void closeStdin() throws IOException {
        if (stdin != null) {
            stdin.close();
            stdin = null;
        }
    }

    String id() {
        return id;
    }

    CompletableFuture<Integer> exit() {
        return exit;
    }

    Optional<Integer> exitCode() {
        return Optional.ofNullable(exit.getNow(null));
    }

    Path logFile() {
        return directory.resolve("output.log");
    }

    byte[] log() throws IOException {
        Path file = logFile();
        return Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
    }

    Command describe() {
        return new Command(id, command, exit.getNow(null));
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
