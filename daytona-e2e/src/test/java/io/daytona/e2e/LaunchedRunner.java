package io.daytona.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A runner started the way users start one, {@code ./daytona runner}, as a process of its own on
 * its own port and data directory, with the key its registration gave. It can be killed (as a
 * crash) and started again with the same settings.
 */
final class LaunchedRunner implements AutoCloseable {
    private static final Path REPOSITORY = Path.of(System.getProperty("daytona.repository.dir", "..")).toAbsolutePath().normalize();

    private final String token;
    private final List<String> options;
    private final Path log;
    private final int port;
    private Process process;

    private LaunchedRunner(String token, List<String> options, Path log, int port) {
        this.token = token;
        this.options = List.copyOf(options);
        this.log = log;
        this.port = port;
    }

    /**
     * Starts {@code ./daytona runner} against the control plane at {@code apiUrl} with {@code token}.
     *
     * @param extraOptions more options, e.g. {@code --cpu 2 --memory 4 --disk 40}
     */
    static LaunchedRunner start(String apiUrl, String token, Path dataDirectory, Path archives, Path daemon, List<String> extraOptions)
            throws IOException {
        int port = freePort();
        List<String> options = new ArrayList<>(List.of("--api-url", apiUrl, "--port", Integer.toString(port),
                "--data-dir", dataDirectory.toString(), "--archive-dir", archives.toString(), "--daemon-dir", daemon.toString(),
                "--healthcheck-interval", "1"));
        options.addAll(extraOptions);
        LaunchedRunner runner = new LaunchedRunner(token, options, Files.createTempFile("daytona-runner", ".log"), port);
        runner.launch();
        return runner;
    }

    /** Starts the process (again, after {@link #kill()}), with the same settings. */
    void launch() throws IOException {
        List<String> command = new ArrayList<>(List.of(REPOSITORY.resolve("daytona").toString(), "runner"));
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(REPOSITORY.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("JAVA_HOME_25", System.getProperty("java.home"));
        // The key in the environment, as the README tells users: ps does not show it.
        builder.environment().put("DAYTONA_RUNNER_TOKEN", token);
        process = builder.start();
    }

    /** Kills the process at once, as a crash or a power cut would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    boolean alive() {
        return process.isAlive();
    }

    int port() {
        return port;
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** Stops the process as Ctrl-C would; its containers are the test's to remove. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
