package io.daytona.e2e;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How the proxy carries a web app's traffic through a preview host, against a real server in a
 * sandbox: a Node app with nothing but Node's standard library (the image's Node 18) that reports
 * what it sees. HTTP/1.1 keep-alive on both sides, a large upload streamed (not buffered),
 * server-sent events delivered one by one, and a slow reader that neither fills the proxy's
 * memory nor holds up other clients.
 */
@ExtendWith(PlatformExtension.class)
class PreviewTrafficTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final long MIB = 1024 * 1024;
    private static final String APP = """
            const http = require('http');
            const crypto = require('crypto');
            let uploaded = 0;
            let sent = 0;
            let onAck = () => {};
            const server = http.createServer((req, res) => {
              const url = new URL(req.url, 'http://app');
              if (url.pathname === '/port') {
                res.end(String(req.socket.remotePort));
              } else if (url.pathname === '/upload' && req.method === 'POST') {
                uploaded = 0;
                const hash = crypto.createHash('sha256');
                req.on('data', chunk => { uploaded += chunk.length; hash.update(chunk); });
                req.on('end', () => res.end(JSON.stringify({ bytes: uploaded, sha256: hash.digest('hex') })));
              } else if (url.pathname === '/uploaded') {
                res.end(String(uploaded));
              } else if (url.pathname === '/events') {
                // the next event only once the client said it got the previous one
                res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
                let n = 0;
                res.write('data: event 0\\n\\n');
                onAck = k => {
                  if (k !== n) return;
                  n++;
                  if (n < 5) res.write('data: event ' + n + '\\n\\n'); else res.end();
                };
              } else if (url.pathname === '/ack') {
                onAck(Number(url.searchParams.get('n')));
                res.end('ok');
              } else if (url.pathname === '/big') {
                const total = Number(url.searchParams.get('mib')) * 1048576;
                sent = 0;
                res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': total });
                const chunk = Buffer.alloc(65536, 120);
                const pump = () => {
                  while (sent < total) {
                    sent += chunk.length;
                    if (!res.write(chunk)) { res.once('drain', pump); return; }
                  }
                  res.end();
                };
                pump();
              } else if (url.pathname === '/hold') {
                // an event stream that stays open, as a page's live updates do
                res.writeHead(200, { 'Content-Type': 'text/event-stream' });
                res.write('data: open\\n\\n');
              } else if (url.pathname === '/sent') {
                res.end(String(sent));
              } else {
                res.end('hello');
              }
            });
            server.keepAliveTimeout = 60000;
            server.listen(3000, '0.0.0.0');
            """;

    private static Platform platform;
    private static TestSandbox sandbox;
    private static String host;

    @BeforeAll
    static void startApp(Platform running) throws Exception {
        platform = running;
        sandbox = TestSandbox.create(platform, Map.of("public", true));
        String encoded = Base64.getEncoder().encodeToString(APP.getBytes(UTF_8));
        Api.Reply session = sandbox.toolbox().post("/process/session", Map.of("sessionId", "app"));
        assertThat(session.status()).as(session.body()).isLessThan(300);
        Api.Reply started = sandbox.toolbox().post("/process/session/app/exec", Map.of("command",
                "echo " + encoded + " | base64 -d > ~/app.js && node ~/app.js", "runAsync", true));
        assertThat(started.status()).as(started.body()).isLessThan(300);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!sandbox.toolbox().get("/port/3000/in-use").json().get("isInUse").asBoolean()) {
            assertThat(Instant.now()).as("the app never listened; its session: %s",
                    sandbox.toolbox().get("/process/session/app").body()).isBefore(deadline);
            Thread.sleep(100);
        }
        host = URI.create(sandbox.api().get("/sandbox/" + sandbox.id() + "/ports/3000/preview-url").json().get("url").asText()).getAuthority();
    }

    @AfterAll
    static void deleteSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void oneClientConnectionAndOneConnectionToTheAppServeManyRequests() throws Exception {
        Set<String> appSidePorts = new HashSet<>();
        try (Socket socket = new Socket("127.0.0.1", platform.proxyUrl().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 10; i++) {
                out.write(("GET /port HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(US_ASCII));
                out.flush();
                Head head = Head.read(in);
                assertThat(head.status()).as("request %d on the same client connection", i).isEqualTo(200);
                assertThat(head.header("connection")).as("the proxy keeps the connection open").isNotEqualToIgnoringCase("close");
                appSidePorts.add(new String(in.readNBytes(Integer.parseInt(head.header("content-length"))), US_ASCII));
            }
        }
        assertThat(appSidePorts).as("the app saw every request come from one connection of the proxy").hasSize(1);
    }

    @Test
    void aLargeUploadIsStreamedToTheAppNotBuffered() throws Exception {
        long total = 256 * MIB;
        byte[] block = new byte[(int) MIB];
        new Random(11).nextBytes(block);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        long heapBefore = heapAfterGc();
        CompletableFuture<long[]> midway = new CompletableFuture<>();
        InputStream body = new InputStream() {
            private long position;

            @Override
            public int read() {
                throw new UnsupportedOperationException("read in blocks");
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (position == total) {
                    return -1;
                }
                if (position == 3 * total / 4 && !midway.isDone()) {
                    midway.complete(new long[] {position, appReceived(), heapAfterGc()});
                }
                int n = (int) Math.min(length, Math.min(total - position, MIB - position % MIB));
                if (position < 3 * total / 4) {
                    n = (int) Math.min(n, 3 * total / 4 - position);
                }
                System.arraycopy(block, (int) (position % MIB), buffer, offset, n);
                sha256.update(block, (int) (position % MIB), n);
                position += n;
                return n;
            }
        };
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(platform.proxyUrl() + "/upload"))
                .header("Host", host).timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), total))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = Api.JSON.readTree(response.body());
        assertThat(answer.get("bytes").asLong()).isEqualTo(total);
        assertThat(answer.get("sha256").asText()).isEqualTo(HexFormat.of().formatHex(sha256.digest()));

        long[] seen = midway.get();
        assertThat(seen[1]).as("bytes the app had when the client had sent %d MiB", seen[0] / MIB).isGreaterThan(seen[0] - 48 * MIB);
        assertThat(seen[2] - heapBefore).as("the server's heap (after a GC) grew by").isLessThan(64 * MIB);
    }

    @Test
    void serverSentEventsArriveOneByOne() throws Exception {
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(platform.proxyUrl() + "/events"))
                .header("Host", host).header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        List<String> events = new ArrayList<>();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("data: ")) {
                        events.add(line);
                        // The app sends the next event only after this: a proxy holding events back would stall here.
                        assertThat(get("/ack?n=" + (events.size() - 1)).statusCode()).isEqualTo(200);
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        reading.get(60, TimeUnit.SECONDS);
        assertThat(events).containsExactly("data: event 0", "data: event 1", "data: event 2", "data: event 3", "data: event 4");
    }

    @Test
    void aSlowReaderHoldsBackTheAppNotTheProxysMemoryNorOtherClients() throws Exception {
        long total = 256 * MIB;
        long heapBefore = heapAfterGc();
        try (Socket slow = new Socket()) {
            slow.setReceiveBufferSize(64 * 1024);
            slow.connect(new java.net.InetSocketAddress("127.0.0.1", platform.proxyUrl().getPort()), 5_000);
            slow.setSoTimeout(30_000);
            slow.getOutputStream().write(("GET /big?mib=" + total / MIB + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(US_ASCII));
            slow.getOutputStream().flush();
            InputStream in = slow.getInputStream();
            Head head = Head.read(in);
            assertThat(head.status()).isEqualTo(200);
            long read = in.readNBytes((int) MIB).length;

            // The reader pauses: the app must be held back by backpressure, not drained into the proxy.
            long sent = 0;
            for (int i = 0; i < 10; i++) {
                Thread.sleep(300);
                Instant asked = Instant.now();
                HttpResponse<String> other = get("/sent");
                assertThat(Duration.between(asked, Instant.now())).as("another client's request while one reads slowly")
                        .isLessThan(Duration.ofSeconds(5));
                sent = Long.parseLong(other.body());
            }
            assertThat(sent).as("bytes the app could write while the client had read 1 MiB").isLessThan(64 * MIB);
            assertThat(heapAfterGc() - heapBefore).as("the server's heap (after a GC) grew by").isLessThan(64 * MIB);

            byte[] buffer = new byte[(int) MIB];
            while (read < total) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, total - read));
                if (n < 0) {
                    break;
                }
                read += n;
            }
            assertThat(read).as("the whole body, once the client reads again").isEqualTo(total);
        }
    }

    @Test
    void manyOpenEventStreamsDoNotHoldUpOtherRequests() throws Exception {
        List<Socket> streams = new ArrayList<>();
        try {
            // More than Jetty's client allows by default (64 connections per destination).
            for (int i = 0; i < 80; i++) {
                Socket stream = new Socket("127.0.0.1", platform.proxyUrl().getPort());
                streams.add(stream);
                stream.setSoTimeout(15_000);
                stream.getOutputStream().write(("GET /hold HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(US_ASCII));
                stream.getOutputStream().flush();
                assertThat(Head.read(stream.getInputStream()).status()).as("stream %d", i).isEqualTo(200);
            }
            HttpResponse<String> other = get("/");
            assertThat(other.statusCode()).isEqualTo(200);
            assertThat(other.body()).isEqualTo("hello");
        } finally {
            for (Socket stream : streams) {
                stream.close();
            }
        }
    }

    private static long appReceived() {
        try {
            return Long.parseLong(get("/uploaded").body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The heap this JVM (which runs the server, proxy included) uses once garbage is collected. */
    private static long heapAfterGc() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(platform.proxyUrl() + path)).header("Host", host)
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A response's status line and headers, read from a socket.
     *
     * @param status the status code
     * @param headers the headers, by lowercase name
     */
    private record Head(int status, Map<String, String> headers) {
        static Head read(InputStream in) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            while (!bytes.toString(US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("the connection ended in a response head: " + bytes.toString(US_ASCII));
                }
                bytes.write(b);
            }
            String[] lines = bytes.toString(US_ASCII).split("\r\n");
            Map<String, String> headers = new java.util.HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT), lines[i].substring(colon + 1).strip());
                }
            }
            return new Head(Integer.parseInt(lines[0].split(" ")[1]), headers);
        }

        String header(String name) {
            return headers.getOrDefault(name, "");
        }
    }
}
