package io.daytona.daemon.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import io.daytona.http.HttpServer;
import io.daytona.http.Router;
import io.daytona.model.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.Handler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PortForwardTest {
    private static final long LARGE = 64L * 1024 * 1024;

    private com.sun.net.httpserver.HttpServer upstream;
    private HttpServer daemon;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        upstream = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        upstream.createContext("/", PortForwardTest::answer);
        upstream.start();
        var mapper = Json.newMapper();
        daemon = HttpServer.start("daemon-test", "127.0.0.1", 0,
                new Handler.Sequence(new PortForward(2280, mapper), new Router(mapper)), mapper);
    }

    @AfterEach
    void stop() throws Exception {
        daemon.close();
        upstream.stop(0);
    }

    /** Echoes what it was asked; /status/{code} answers that code; a POST answers how many bytes it read. */
    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        long read;
        try (InputStream in = exchange.getRequestBody()) {
            read = in.transferTo(OutputStream.nullOutputStream());
        }
        int status = path.startsWith("/status/") ? Integer.parseInt(path.substring(8)) : 200;
        String body = exchange.getRequestMethod() + " " + path + " " + exchange.getRequestURI().getRawQuery() + " " + read
                + " auth=" + exchange.getRequestHeaders().getFirst("X-Seen");
        exchange.getResponseHeaders().add("X-Upstream", "yes");
        exchange.getResponseHeaders().add("X-Seen-Host", exchange.getRequestHeaders().getFirst("Host"));
        exchange.getResponseHeaders().add("X-Seen-Via", String.valueOf(exchange.getRequestHeaders().getFirst("Via")));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private URI daemon(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + daemon.port() + pathAndQuery);
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return client.send(HttpRequest.newBuilder(daemon(pathAndQuery)).header("X-Seen", "1").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void getWithQueryReachesTheServerOnThatPort() throws Exception {
        HttpResponse<String> response = get("/proxy/" + upstream.getAddress().getPort() + "/a/b%20c?x=1&y=%2F");

        assertEquals(200, response.statusCode());
        assertEquals("GET /a/b%20c x=1&y=%2F 0 auth=1", response.body());
        assertEquals("yes", response.headers().firstValue("X-Upstream").orElseThrow());
    }

    @Test
    void theCallersHostIsKeptAndTheProxyAddsVia() throws Exception {
        HttpResponse<String> response = get("/proxy/" + upstream.getAddress().getPort() + "/");

        assertEquals("127.0.0.1:" + daemon.port(), response.headers().firstValue("X-Seen-Host").orElseThrow());
        assertTrue(response.headers().firstValue("X-Seen-Via").orElseThrow().startsWith("1.1 "), response.headers().toString());
    }

    @Test
    void theRootOfThePortIsSlash() throws Exception {
        assertEquals("GET / null 0 auth=1", get("/proxy/" + upstream.getAddress().getPort()).body());
    }

    @Test
    void largePostBodyIsStreamedThrough() throws Exception {
        InputStream generated = new InputStream() {
            private long left = LARGE;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(daemon("/proxy/" + upstream.getAddress().getPort() + "/upload"))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> generated)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals("POST /upload null " + LARGE + " auth=null", response.body());
    }

    @Test
    void statusPassesThrough() throws Exception {
        HttpResponse<String> response = get("/proxy/" + upstream.getAddress().getPort() + "/status/418");

        assertEquals(418, response.statusCode());
        assertTrue(response.body().startsWith("GET /status/418"), response.body());
    }

    @Test
    void aClosedPortIsA502ThatSaysSo() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        HttpResponse<String> response = get("/proxy/" + closed + "/");

        assertEquals(502, response.statusCode());
        assertTrue(response.body().contains("Nothing answered on port " + closed), response.body());
    }

    @Test
    void portsOutsideTheRangeAndTheDaemonItselfAre400() throws Exception {
        for (String port : new String[] {"0", "65536", "abc", "-1", "99999999999"}) {
            HttpResponse<String> response = get("/proxy/" + port + "/x");
            assertEquals(400, response.statusCode(), port);
            assertTrue(response.body().contains("1 to 65535"), response.body());
        }
        HttpResponse<String> self = get("/proxy/2280/files");
        assertEquals(400, self.statusCode());
        assertTrue(self.body().contains("toolbox daemon itself"), self.body());
    }

    @Test
    void idleForwardingCostsAtMostTwoPlatformThreads() {
        long extra = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !t.isVirtual() && (t.getName().startsWith("forward") || t.getName().startsWith("WebSocket@")
                        || t.getName().startsWith("proxy-client")))
                .count();
        assertTrue(extra <= 2, "platform threads started for forwarding: " + extra);
    }

    @Test
    void otherPathsAreLeftToTheRouter() throws Exception {
        assertEquals(404, get("/proxyx/80").statusCode());
    }
}
