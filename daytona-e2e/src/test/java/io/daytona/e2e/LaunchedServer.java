package io.daytona.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The platform started the way the README tells users to start it, {@code ./daytona server}, as a
 * process of its own on free ports and a fresh data directory: what the conformance suite runs
 * against, so it checks the product as shipped (launcher, jar, defaults such as the warm pool).
 */
final class LaunchedServer implements AutoCloseable {
    private static final Path REPOSITORY = Path.of(System.getProperty("daytona.repository.dir", "..")).toAbsolutePath().normalize();
    private static final Duration READY_WITHIN = Duration.ofMinutes(4);

    private final Process process;
    private final Path log;
    private final Platform platform;

    private LaunchedServer(Process process, Path log, Platform platform) {
        this.process = process;
        this.log = log;
        this.platform = platform;
    }

    /** Starts {@code ./daytona server} with {@code extraOptions} and waits until its API is ready. */
    static LaunchedServer start(List<String> extraOptions) throws IOException, InterruptedException {
        Path data = Files.createTempDirectory("daytona-launched");
        Path log = Files.createTempFile("daytona-launched", ".log");
        int api = freePort();
        int proxy = freePort();
        int ssh = freePort();
        List<String> command = new ArrayList<>(List.of(REPOSITORY.resolve("daytona").toString(), "server",
                "--data-dir", data.toString(), "--api-port", Integer.toString(api), "--proxy-port", Integer.toString(proxy),
                "--ssh-port", Integer.toString(ssh)));
        command.addAll(extraOptions);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(REPOSITORY.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME_25", System.getProperty("java.home"));
        Process process = builder.start();
        URI apiUrl = URI.create("http://localhost:" + api + "/api");
        LaunchedServer server = new LaunchedServer(process, log, new Platform(apiUrl, URI.create("http://localhost:" + proxy),
                "", Optional.of(data)));
        try {
            server.awaitReady();
            String key = Files.readString(data.resolve("admin-api-key")).strip();
            return new LaunchedServer(process, log, new Platform(apiUrl, server.platform.proxyUrl(), key, Optional.of(data)));
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    Platform platform() {
        return platform;
    }

    private void awaitReady() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(READY_WITHIN);
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpRequest ready = HttpRequest.newBuilder(URI.create(platform.apiUrl() + "/health/ready")).timeout(Duration.ofSeconds(5)).build();
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("./daytona server exited with " + process.exitValue() + ":\n" + Files.readString(log));
                }
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("./daytona server was not ready within " + READY_WITHIN + ":\n" + Files.readString(log));
    }

    /** The server's own output, for failure messages. */
    String output() throws IOException {
        return Files.readString(log);
    }

    /**
     * Stops the server as Ctrl-C would (its shutdown hook closes every role) and waits for it. Its
     * children are left alone: a Podman service it started serves the other tests too.
     */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        removeSandboxes();
    }

    /**
     * A stopped server leaves its sandboxes running, as it should for users; a test server's
     * (its warm pool at least) are removed here by their runner label so runs do not pile up.
     */
    private void removeSandboxes() throws InterruptedException {
        removeContainersOf(platform.dataDirectory().orElseThrow());
    }

    /**
     * Removes every container of the server whose data directory is {@code dataDirectory}
     * (sandboxes, and the holds that keep their images): the kernel then frees their disks' mounts.
     */
    static void removeContainersOf(Path dataDirectory) throws InterruptedException {
        try {
            Path runnerIdFile = dataDirectory.resolve("runner-id");
            if (!Files.exists(runnerIdFile)) {
                return;
            }
            String runnerId = Files.readString(runnerIdFile).strip();
            Process list = new ProcessBuilder("podman", "ps", "-aq", "--filter", "label=io.daytona.runner-id=" + runnerId)
                    .redirectErrorStream(true).start();
            List<String> ids = new String(list.getInputStream().readAllBytes()).lines().filter(id -> !id.isBlank()).toList();
            list.waitFor();
            if (!ids.isEmpty()) {
                List<String> remove = new ArrayList<>(List.of("podman", "rm", "-f", "-t", "0"));
                remove.addAll(ids);
                new ProcessBuilder(remove).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            }
        } catch (IOException e) {
            System.err.println("could not remove the sandboxes of the launched server: " + e.getMessage());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
