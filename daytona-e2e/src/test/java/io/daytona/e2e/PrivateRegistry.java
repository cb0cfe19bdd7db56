package io.daytona.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A private image registry on this machine, as users run them: Debian's {@code docker-registry}
 * (the CNCF distribution registry) with TLS from a certificate of its own and basic
 * authentication from an htpasswd file. The engine trusts the certificate through
 * {@code /etc/containers/certs.d/<host:port>/ca.crt}, which {@link #close()} removes again.
 */
final class PrivateRegistry implements AutoCloseable {
    private static final Path CERTS_D = Path.of("/etc/containers/certs.d");

    private final Path directory;
    private final Process process;
    private final String address;
    private final Path trust;

    private PrivateRegistry(Path directory, Process process, String address, Path trust) {
        this.directory = directory;
        this.process = process;
        this.address = address;
        this.trust = trust;
    }

    /** Starts a registry on a free loopback port that accepts {@code username}/{@code password} only. */
    static PrivateRegistry start(String username, String password) throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("daytona-registry");
        int port = freePort();
        String address = "127.0.0.1:" + port;
        run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-keyout", directory.resolve("key.pem").toString(), "-out", directory.resolve("cert.pem").toString(),
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"), directory);
        // The registry accepts bcrypt entries only: htpasswd -B makes one.
        String entry = run(List.of("htpasswd", "-nbB", username, password), directory);
        Files.writeString(directory.resolve("htpasswd"), entry.strip() + "\n");
        Files.writeString(directory.resolve("config.yml"), """
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: %s
                  tls:
                    certificate: %s
                    key: %s
                auth:
                  htpasswd:
                    realm: daytona-e2e
                    path: %s
                """.formatted(directory.resolve("data"), address, directory.resolve("cert.pem"), directory.resolve("key.pem"),
                directory.resolve("htpasswd")));
        Path trust = CERTS_D.resolve(address);
        Files.createDirectories(trust);
        Files.copy(directory.resolve("cert.pem"), trust.resolve("ca.crt"));
        Process process = new ProcessBuilder("docker-registry", "serve", directory.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("registry.log").toFile()).start();
        PrivateRegistry registry = new PrivateRegistry(directory, process, address, trust);
        registry.awaitListening(port);
        return registry;
    }

    /** {@code host:port}, as image names and registry URLs carry it. */
    String address() {
        return address;
    }

    /** Copies an image of the local engine into this registry as {@code repository:tag}; returns its full name. */
    String push(String localImage, String repositoryAndTag, String username, String password) throws IOException, InterruptedException {
        String target = address + "/" + repositoryAndTag;
        // zstd at level 1: a compressed copy of the 1.5 GB default image in seconds rather than a minute.
        run(List.of("skopeo", "copy", "--quiet", "--dest-creds", username + ":" + password,
                "--dest-cert-dir", trust.toString(), "--dest-compress-format", "zstd", "--dest-compress-level", "1",
                "containers-storage:" + localImage, "docker://" + target), directory);
        return target;
    }

    /**
     * Stops the registry and forgets it. Pulled images keep the local engine's layers, so the
     * names pulled from this registry are untagged (never removed: they share the pushed image's
     * layers, which other sandboxes use).
     */
    @Override
    public void close() throws IOException {
        try {
            String names = run(List.of("podman", "images", "--format", "{{.Repository}}:{{.Tag}}"), directory);
            for (String name : names.lines().filter(n -> n.startsWith(address + "/")).toList()) {
                run(List.of("podman", "untag", name, name), directory);
            }
        } catch (IOException | InterruptedException e) {
            System.err.println("could not untag the images pulled from " + address + ": " + e.getMessage());
        }
        process.destroy();
        try {
            process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteTree(trust);
        deleteTree(directory);
    }

    private void awaitListening(int port) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("docker-registry exited: " + Files.readString(directory.resolve("registry.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IOException("docker-registry did not listen on " + port + " within 20 s");
    }

    private static String run(List<String> command, Path directory) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command.subList(0, 2)) + " failed: " + output);
        }
        return output;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
