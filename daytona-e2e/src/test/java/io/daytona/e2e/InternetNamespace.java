package io.daytona.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A network namespace on this machine standing for "the internet": a veth pair to the host and
 * an HTTP server inside, so tests never need an outside address. Needs root.
 */
final class InternetNamespace implements AutoCloseable {
    private final String name;
    private final String hostLink;
    private final String serverAddress;
    private final Process server;

    private InternetNamespace(String name, String hostLink, String serverAddress, Process server) {
        this.name = name;
        this.hostLink = hostLink;
        this.serverAddress = serverAddress;
        this.server = server;
    }

    static InternetNamespace start() throws IOException, InterruptedException {
        String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
        int subnet = ThreadLocalRandom.current().nextInt(1, 254);
        String name = "dtn-inet-" + suffix;
        String hostLink = "dti" + suffix + "h";
        String innerLink = "dti" + suffix + "n";
        String hostAddress = "198.18." + subnet + ".1";
        String serverAddress = "198.18." + subnet + ".2";
        run("ip", "netns", "add", name);
        run("ip", "link", "add", hostLink, "type", "veth", "peer", "name", innerLink);
        run("ip", "link", "set", innerLink, "netns", name);
        run("ip", "addr", "add", hostAddress + "/24", "dev", hostLink);
        run("ip", "link", "set", hostLink, "up");
        run("ip", "netns", "exec", name, "ip", "addr", "add", serverAddress + "/24", "dev", innerLink);
        run("ip", "netns", "exec", name, "ip", "link", "set", innerLink, "up");
        run("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up");
        run("ip", "netns", "exec", name, "ip", "route", "add", "default", "via", hostAddress);
        Process server = new ProcessBuilder("ip", "netns", "exec", name, "python3", "-m", "http.server", "8080", "--bind", serverAddress)
                .directory(new java.io.File(System.getProperty("java.io.tmpdir")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        InternetNamespace internet = new InternetNamespace(name, hostLink, serverAddress, server);
        internet.awaitServer();
        return internet;
    }

    /** The server's URL, e.g. {@code http://198.18.7.2:8080/}. */
    String url() {
        return "http://" + serverAddress + ":8080/";
    }

    String serverAddress() {
        return serverAddress;
    }

    /** Starts another process inside the namespace, e.g. a second server; the caller stops it. */
    Process startInside(List<String> command) throws IOException {
        List<String> inside = new java.util.ArrayList<>(List.of("ip", "netns", "exec", name));
        inside.addAll(command);
        return new ProcessBuilder(inside)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private void awaitServer() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            while (true) {
                try {
                    client.send(HttpRequest.newBuilder(URI.create(url())).build(), HttpResponse.BodyHandlers.discarding());
                    return;
                } catch (IOException e) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IOException("the internet namespace's server did not start", e);
                    }
                    Thread.sleep(100);
                }
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.destroyForcibly();
        server.waitFor();
        runQuietly("ip", "netns", "del", name);
        runQuietly("ip", "link", "del", hostLink);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static void runQuietly(String... command) throws InterruptedException {
        try {
            new ProcessBuilder(List.of(command)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException ignored) {
            // best effort clean-up
        }
    }
}
