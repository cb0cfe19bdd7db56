package io.daytona.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Debian's OpenSSH client against the SSH gateway, with an access token as the user name. */
record Ssh(int port, String token) {
    /** What a command wrote and how it ended. */
    record Result(String stdout, String stderr, int exitCode) {}

    /** Runs {@code remoteCommand} in the sandbox, with {@code input} (or nothing) on its standard input. */
    Result run(byte[] input, String remoteCommand) throws Exception {
        List<String> command = new ArrayList<>(options());
        command.add(token + "@127.0.0.1");
        command.add(remoteCommand);
        Process process = new ProcessBuilder(command).start();
        Thread feeder = Thread.ofVirtual().start(() -> {
            try (OutputStream stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input);
                }
            } catch (IOException ignored) {
                // the program stopped reading
            }
        });
        CompletableFuture<byte[]> stderr = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                stderr.complete(process.getErrorStream().readAllBytes());
            } catch (IOException e) {
                stderr.completeExceptionally(e);
            }
        });
        byte[] stdout = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s did not finish", command).isTrue();
        feeder.join();
        return new Result(new String(stdout, UTF_8), new String(stderr.get(), UTF_8), process.exitValue());
    }

    /** {@code ssh -L} to {@code remotePort} on the sandbox's loopback; returns the body of {@code path} fetched through it. */
    String forward(int remotePort, String path) throws Exception {
        int localPort;
        try (ServerSocket free = new ServerSocket(0)) {
            localPort = free.getLocalPort();
        }
        List<String> command = new ArrayList<>(options());
        command.addAll(List.of("-N", "-L", localPort + ":localhost:" + remotePort, token + "@127.0.0.1"));
        Process tunnel = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            Instant deadline = Instant.now().plusSeconds(60);
            while (true) {
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + localPort + path))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        return response.body();
                    }
                } catch (IOException notYet) {
                    // the tunnel or the server is not up yet
                }
                if (!tunnel.isAlive()) {
                    throw new AssertionError("ssh -L exited: " + new String(tunnel.getInputStream().readAllBytes(), UTF_8));
                }
                assertThat(Instant.now()).as("the forwarded port never answered").isBefore(deadline);
                Thread.sleep(200);
            }
        } finally {
            tunnel.destroy();
            tunnel.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /**
     * Opens an interactive shell on a terminal of {@code columns} x {@code rows}, types
     * {@code stty size}, resizes the window, types it again and exits with 5; returns what the
     * terminal showed and the exit status.
     */
    Result shellFollowingTheWindowSize(int columns, int rows, int newColumns, int newRows) throws Exception {
        try (org.apache.sshd.client.SshClient client = org.apache.sshd.client.SshClient.setUpDefaultClient()) {
            client.start();
            try (var session = client.connect(token, "127.0.0.1", port).verify(Duration.ofSeconds(20)).getSession()) {
                session.auth().verify(Duration.ofSeconds(20));
                try (var shell = session.createShellChannel()) {
                    shell.setPtyColumns(columns);
                    shell.setPtyLines(rows);
                    java.io.ByteArrayOutputStream output = new java.io.ByteArrayOutputStream();
                    shell.setOut(output);
                    shell.setErr(output);
                    shell.setUsePty(true);
                    shell.open().verify(Duration.ofSeconds(20));
                    OutputStream in = shell.getInvertedIn();
                    type(in, "stty size; tty\n");
                    awaitOutput(output, rows + " " + columns);
                    shell.sendWindowChange(newColumns, newRows);
                    type(in, "stty size\n");
                    awaitOutput(output, newRows + " " + newColumns);
                    type(in, "exit 5\n");
                    shell.waitFor(java.util.EnumSet.of(org.apache.sshd.client.channel.ClientChannelEvent.CLOSED), Duration.ofSeconds(20));
                    return new Result(output.toString(UTF_8), "", shell.getExitStatus());
                }
            }
        }
    }

    private static void type(OutputStream in, String text) throws IOException {
        in.write(text.getBytes(UTF_8));
        in.flush();
    }

    private static void awaitOutput(java.io.ByteArrayOutputStream output, String expected) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!output.toString(UTF_8).contains(expected)) {
            assertThat(Instant.now()).as("expected '%s' in: %s", expected, output.toString(UTF_8)).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    private List<String> options() {
        return List.of("ssh", "-F", "/dev/null", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "PasswordAuthentication=no", "-o", "LogLevel=ERROR", "-p", String.valueOf(port));
    }

    static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
