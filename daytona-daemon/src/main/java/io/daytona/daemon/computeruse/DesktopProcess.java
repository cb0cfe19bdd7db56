package io.daytona.daemon.computeruse;

import static java.util.Objects.requireNonNull;

import io.daytona.daemon.posix.Libc;
import io.daytona.model.toolbox.computeruse.ProcessStatus;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One program of the desktop (Xvfb, the session bus, Xfce, x11vnc, noVNC), supervised by the
 * daemon: started on demand in a process group of its own, started again when it exits on its
 * own (after a pause that grows while it keeps failing), and stopped with its whole group, so
 * what it spawned (Xfce's panel and window manager) goes with it. stdout and stderr go to
 * {@code <name>.log} and {@code <name>.err} in the state directory.
 */
final class DesktopProcess {
    private static final Logger LOG = LoggerFactory.getLogger(DesktopProcess.class);
    private static final int SIGKILL = 9;
    private static final int SIGTERM = 15;
    private static final int MAX_LOG = 64 * 1024;
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(3);

    private final String name;
    private final int priority;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path logFile;
    private final Path errFile;
    private final BooleanSupplier ready;
    private Process process;
    /** Incremented by every start and stop, so a supervisor of an older run knows to give up. */
    private long generation;
    private String lastExit = "";

    /**
     * @param ready true once the program serves (its socket exists, its port accepts); polled after a start
     */
    DesktopProcess(String name, int priority, List<String> command, Map<String, String> environment, Path stateDir,
                   BooleanSupplier ready) {
        this.name = requireNonNull(name, "name is null");
        this.priority = priority;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.logFile = stateDir.resolve(name + ".log");
        this.errFile = stateDir.resolve(name + ".err");
        this.ready = requireNonNull(ready, "ready is null");
    }

    String name() {
        return name;
    }

    int priority() {
        return priority;
    }

    /** Starts the program unless it runs; does not wait for it to be ready. */
    synchronized void start() throws IOException {
        if (isRunning()) {
            return;
        }
        long run = ++generation;
        launch();
        Thread.ofVirtual().name("desktop-" + name).start(() -> supervise(run));
    }

    /**
     * Waits up to {@code timeout} for the program to be ready; false if it was not. A program that
     * exits meanwhile is started again by its supervisor, so one early exit does not fail a start.
     */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (isRunning() && ready.getAsBoolean()) {
                return true;
            }
            Thread.sleep(25);
        }
        return false;
    }

    /** How the program last exited on its own, for error messages; empty if it never did. */
    synchronized String lastExit() {
        return lastExit;
    }

    /** Stops the program and everything in its process group; waits until it is gone. */
    void stop() throws InterruptedException {
        Process stopping;
        synchronized (this) {
            generation++;
            stopping = process;
            process = null;
        }
        if (stopping == null || !stopping.isAlive()) {
            return;
        }
        int group = (int) stopping.pid();
        signalGroup(group, SIGTERM);
        if (!stopping.waitFor(STOP_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            LOG.warn("{} did not stop within {}; killing it", name, STOP_GRACE);
            signalGroup(group, SIGKILL);
            stopping.waitFor();
        }
        // What the program left in its group (Xfce's children) goes too.
        signalGroup(group, SIGKILL);
    }

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    synchronized ProcessStatus status() {
        boolean running = isRunning();
        return new ProcessStatus(running, running ? (int) process.pid() : null, priority, true);
    }

    String logs() throws IOException {
        return tail(logFile);
    }

    String errors() throws IOException {
        return tail(errFile);
    }

    private void launch() throws IOException {
        Files.createDirectories(logFile.getParent());
        List<String> argv = new ArrayList<>(List.of("setsid"));
        argv.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(argv)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(errFile.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        LOG.info("started {} (pid {})", name, process.pid());
    }

    /** Waits for the run's process to exit and starts it again while the run is current. */
    private void supervise(long run) {
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            Process watched;
            synchronized (this) {
                if (generation != run) {
                    return;
                }
                watched = process;
            }
            try {
                long started = System.nanoTime();
                int exit = watched.waitFor();
                if (Duration.ofNanos(System.nanoTime() - started).compareTo(MAX_BACKOFF) > 0) {
                    backoff = FIRST_BACKOFF;
                }
                synchronized (this) {
                    if (generation != run) {
                        return;
                    }
                    lastExit = "exit code " + exit + " after " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms";
                }
                LOG.warn("{} exited with {}; starting it again in {}", name, exit, backoff);
                Thread.sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                synchronized (this) {
                    if (generation != run) {
                        return;
                    }
                    signalGroup((int) watched.pid(), SIGKILL);
                    launch();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException e) {
                LOG.warn("could not start {} again: {}", name, e.getMessage());
                return;
            }
        }
    }

    /** Bound on first use: a daemon whose desktop never starts never links it. */
    private static final class Kill {
        static final MethodHandle KILL = Libc.function("kill",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    }

    private static void signalGroup(int group, int signal) {
        try {
            int ignored = (int) Kill.KILL.invokeExact(-group, signal);
        } catch (Throwable e) {
            throw new IllegalStateException("kill failed", e);
        }
    }

    private static String tail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            long from = Math.max(0, length - MAX_LOG);
            byte[] bytes = new byte[(int) (length - from)];
            in.seek(from);
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
