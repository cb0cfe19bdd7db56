package io.daytona.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ContainerNetwork;
import io.daytona.model.toolbox.session.SessionExecuteRequest;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.DaytonaConfig;
import io.daytona.sdk.Sandbox;
import io.daytona.server.DaytonaServer;
import io.daytona.server.ServerConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Preview traffic through the proxy against the same sandbox server reached directly, in one
 * run, with {@code wrk} (Debian's package): latency p50/p99 and throughput, rounds alternating.
 * Two servers in one public sandbox serve the same 1 KiB file:
 * <ul>
 * <li>{@code node}: Node's {@code http} module, which keeps HTTP/1.1 connections open, so the
 *     figures show what the proxy itself costs (its connections to the sandbox are reused);</li>
 * <li>{@code python-keepalive}: the same with Python's standard library server speaking HTTP/1.1;</li>
 * <li>{@code python}: {@code python3 -m http.server}, which closes every connection (HTTP/1.0),
 *     so the proxy opens a new connection to the sandbox for each request, as wrk does directly.</li>
 * </ul>
 *
 * Latency is measured with one connection (what a request costs, without queueing behind
 * others on a shared machine), throughput with {@code connections}.
 *
 * <p>Arguments: {@code [seconds per round] [rounds] [connections] [servers]} (default 10, 3, 8,
 * {@code node,python-keepalive,python}). The JVM's CPU time per request (it runs the whole server)
 * is printed too: it is the proxy's own cost, and depends less on the other load than the rates.
 */
public final class ProxyOverheadBenchmark {
    private static final Pattern PERCENTILE = Pattern.compile("^\\s*(50|99)%\\s+([\\d.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    /** This JVM runs the whole server, the proxy included: its CPU time per request is the proxy's cost, whatever the load. */
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private ProxyOverheadBenchmark() {}

    /** One wrk run: latency percentiles in milliseconds, requests per second, and the server JVM's CPU time per request in microseconds. */
    private record Round(double p50, double p99, double rate, double cpuMicros) {}

    /** A server in the sandbox: its port, how it is described and the command that starts it. */
    private record Server(String name, int port, String description, String command) {}

    /** The standard library's server speaking HTTP/1.1, so connections stay open (python3 -m http.server speaks 1.0). */
    private static final String PYTHON_KEEPALIVE = """
            import http.server
            body = open('index.html', 'rb').read()
            class Handler(http.server.BaseHTTPRequestHandler):
                protocol_version = 'HTTP/1.1'
                # headers and body are two writes: without this, Nagle's algorithm holds the body for the client's delayed ACK (40 ms)
                disable_nagle_algorithm = True
                def log_message(self, *args): pass
                def do_GET(self):
                    self.send_response(200)
                    self.send_header('Content-Type', 'text/html')
                    self.send_header('Content-Length', str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
            http.server.ThreadingHTTPServer(('0.0.0.0', 3002), Handler).serve_forever()
            """;
    private static final String SITE = "mkdir -p ~/site && cd ~/site && head -c 1024 /dev/zero | tr '\\0' x > index.html && ";
    private static final Map<String, Server> SERVERS = Map.of(
            "node", new Server("node", 3001, "node http (HTTP/1.1 keep-alive)", SITE + "node -e \"const fs = require('fs'); "
                    + "const body = fs.readFileSync('index.html'); require('http').createServer((q, s) => { "
                    + "s.writeHead(200, {'Content-Type': 'text/html', 'Content-Length': body.length}); s.end(body); })"
                    + ".listen(3001, '0.0.0.0')\""),
            "python-keepalive", new Server("python-keepalive", 3002, "python3 http.server HTTP/1.1 (keep-alive)", SITE + "echo "
                    + java.util.Base64.getEncoder().encodeToString(PYTHON_KEEPALIVE.getBytes(StandardCharsets.UTF_8))
                    + " | base64 -d > ~/keepalive.py && python3 ~/keepalive.py"),
            "python", new Server("python", 3000, "python3 -m http.server (a connection per request)", SITE + "python3 -m http.server 3000"));

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        List<Server> servers = java.util.Arrays.stream((args.length > 3 ? args[3] : "node,python-keepalive,python").split(","))
                .map(name -> java.util.Optional.ofNullable(SERVERS.get(name.strip()))
                        .orElseThrow(() -> new IllegalArgumentException("unknown server " + name + ": node, python-keepalive or python")))
                .toList();
        var data = Files.createTempDirectory("daytona-bench");
        try (DaytonaServer server = DaytonaServer.start(ServerConfig.defaults(data).withPorts(0, 0));
             Daytona daytona = new Daytona(DaytonaConfig.builder().apiKey(server.adminKey()).apiUrl(server.apiUrl().toString()).build());
             DockerClient docker = CreateExecBenchmark.docker()) {
            Sandbox sandbox = daytona.create(p -> p.isPublic(true));
            try {
                String address = docker.inspectContainerCmd(sandbox.getId()).exec().getNetworkSettings().getNetworks().values().stream()
                        .map(ContainerNetwork::getIpAddress).filter(ip -> ip != null && !ip.isBlank()).findFirst().orElseThrow();
                for (Server web : servers) {
                    sandbox.getProcess().createSession(web.name());
                    sandbox.getProcess().executeSessionCommand(web.name(), new SessionExecuteRequest(web.command(), true, null, null));
                }
                for (Server web : servers) {
                    measure(server, sandbox, address, web, seconds, rounds, connections);
                }
            } finally {
                sandbox.delete();
            }
        }
        System.exit(0);
    }

    private static void measure(DaytonaServer server, Sandbox sandbox, String address, Server web, int seconds, int rounds, int connections)
            throws Exception {
        URI direct = URI.create("http://" + address + ":" + web.port() + "/index.html");
        URI proxy = URI.create("http://127.0.0.1:" + server.proxyUrl().getPort() + "/index.html");
        String host = web.port() + "-" + sandbox.getId() + "." + server.proxyUrl().getAuthority();
        awaitServer(direct);
        wrk(direct, null, 3, connections);
        wrk(proxy, host, 3, connections);
        List<Round> directRounds = new ArrayList<>();
        List<Round> proxyRounds = new ArrayList<>();
        List<Round> directLoaded = new ArrayList<>();
        List<Round> proxyLoaded = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            directRounds.add(wrk(direct, null, seconds, 1));
            proxyRounds.add(wrk(proxy, host, seconds, 1));
            directLoaded.add(wrk(direct, null, seconds, connections));
            proxyLoaded.add(wrk(proxy, host, seconds, connections));
        }
        System.out.printf("%n=== %s; load average %s%n", web.description(), loadAverage());
        print(web.description() + ", latency", directRounds, proxyRounds, seconds, rounds, 1);
        print(web.description() + ", throughput", directLoaded, proxyLoaded, seconds, rounds, connections);
    }

    private static String loadAverage() {
        try {
            return Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static void print(String title, List<Round> direct, List<Round> proxy, int seconds, int rounds, int connections) {
        double directP50 = median(direct.stream().map(Round::p50).toList());
        double directP99 = median(direct.stream().map(Round::p99).toList());
        double directRate = median(direct.stream().map(Round::rate).toList());
        double directCpu = median(direct.stream().map(Round::cpuMicros).toList());
        double proxyP50 = median(proxy.stream().map(Round::p50).toList());
        double proxyP99 = median(proxy.stream().map(Round::p99).toList());
        double proxyRate = median(proxy.stream().map(Round::rate).toList());
        double proxyCpu = median(proxy.stream().map(Round::cpuMicros).toList());
        System.out.printf("%n%s: preview GET of a 1 KiB file (wrk, %d connection(s), %d rounds of %d s, alternating; medians)%n",
                title, connections, rounds, seconds);
        System.out.printf("%-34s %10s %10s %12s %16s%n", "", "p50", "p99", "requests/s", "server CPU/req");
        System.out.printf("%-34s %7.2f ms %7.2f ms %12.0f %13.1f us%n", "direct (sandbox address)", directP50, directP99, directRate, directCpu);
        System.out.printf("%-34s %7.2f ms %7.2f ms %12.0f %13.1f us%n", "through the proxy (preview host)", proxyP50, proxyP99, proxyRate, proxyCpu);
        System.out.printf("%-34s %+7.2f ms %+7.2f ms %11.0f%%%n", "added by the proxy / throughput", proxyP50 - directP50, proxyP99 - directP99,
                100 * proxyRate / directRate);
        System.out.printf("rounds (direct | proxy requests/s): %s | %s%n", direct.stream().map(r -> "%.0f".formatted(r.rate())).toList(),
                proxy.stream().map(r -> "%.0f".formatted(r.rate())).toList());
    }

    private static void awaitServer(URI uri) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        for (int i = 0; i < 200; i++) {
            try {
                if (http.send(java.net.http.HttpRequest.newBuilder(uri).build(), java.net.http.HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the sandbox's web server never answered at " + uri);
    }

    private static Round wrk(URI uri, String host, int seconds, int connections) throws Exception {
        List<String> command = new ArrayList<>(List.of("wrk", "-t", String.valueOf(Math.min(2, connections)), "-c", String.valueOf(connections), "-d", seconds + "s", "--latency"));
        if (host != null) {
            command.addAll(List.of("-H", "Host: " + host));
        }
        command.add(uri.toString());
        long cpuBefore = OS.getProcessCpuTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0 || output.contains("Non-2xx")) {
            throw new IllegalStateException("wrk failed or got errors:\n" + output);
        }
        Map<String, Double> percentiles = new java.util.HashMap<>();
        Matcher matcher = PERCENTILE.matcher(output);
        while (matcher.find()) {
            double value = Double.parseDouble(matcher.group(2));
            percentiles.put(matcher.group(1), switch (matcher.group(3)) {
                case "us" -> value / 1000;
                case "s" -> value * 1000;
                default -> value;
            });
        }
        long cpuNanos = OS.getProcessCpuTime() - cpuBefore;
        Matcher rate = RATE.matcher(output);
        Matcher requests = REQUESTS.matcher(output);
        if (!rate.find() || !requests.find() || percentiles.size() != 2) {
            throw new IllegalStateException("cannot read wrk's output:\n" + output);
        }
        return new Round(percentiles.get("50"), percentiles.get("99"), Double.parseDouble(rate.group(1)),
                cpuNanos / 1000.0 / Long.parseLong(requests.group(1)));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
