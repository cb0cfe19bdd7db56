package io.daytona.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.daytona.model.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RouterTest {
    private static HttpServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    record Greeting(String name) {}

    @BeforeAll
    static void start() throws Exception {
        var json = Json.newMapper();
        Router router = new Router(json)
                .get("/items/special", ex -> ex.json(200, Map.of("route", "literal")))
                .get("/items/{id}", ex -> ex.json(200, Map.of("route", "template", "id", ex.pathParam("id"),
                        "tags", ex.queryValues("tag"))))
                .post("/greet", ex -> ex.json(201, Map.of("hello", ex.body(Greeting.class).name())))
                .get("/boom", ex -> {
                    throw new IllegalStateException("kaput");
                })
                .put("/guarded", ex -> {
                    throw ServiceException.unauthorized("no key");
                })
                .get("/missing", ex -> {
                    throw ServiceException.notFound("thing %s not found", "x");
                });
        server = HttpServer.start("test", "127.0.0.1", 0, router, json);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void matchesLiteralRoutesBeforeTemplates() throws Exception {
        assertThat(get("/items/special").body()).contains("\"route\":\"literal\"");
        assertThat(get("/items/42").body()).contains("\"id\":\"42\"");
    }

    @Test
    void absentRepeatedQueryParametersAreAnEmptyList() throws Exception {
        assertThat(get("/items/1").body()).contains("\"tags\":[]");
        assertThat(get("/items/1?tag=a&tag=b").body()).contains("\"tags\":[\"a\",\"b\"]");
    }

    @Test
    void mapsFailuresToTheStandardErrorBody() throws Exception {
        HttpResponse<String> missing = get("/missing");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("\"statusCode\":404", "\"message\":\"thing x not found\"", "\"error\":\"Not Found\"",
                "\"path\":\"/missing\"", "\"timestamp\"");
        assertThat(get("/boom").statusCode()).isEqualTo(500);
        assertThat(get("/nowhere").statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/greet", "").statusCode()).isEqualTo(405);
    }

    @Test
    void rejectsMalformedAndEmptyBodiesWith400() throws Exception {
        assertThat(send("POST", "/greet", "{\"name\":\"ada\"}").body()).contains("\"hello\":\"ada\"");
        HttpResponse<String> malformed = send("POST", "/greet", "{\"name\":");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("Malformed JSON");
        assertThat(send("POST", "/greet", "").statusCode()).isEqualTo(400);
    }

    @Test
    void anErrorAnsweredBeforeTheBodyArrivedLeavesTheConnectionReusable() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            var out = socket.getOutputStream();
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
            String body = "{\"labels\":{}}";
            out.write(("PUT /guarded HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(200);
            out.write(body.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readResponse(in)).startsWith("HTTP/1.1 401").doesNotContainIgnoringCase("connection: close");
            out.write("GET /items/1 HTTP/1.1\r\nHost: test\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readResponse(in)).as("the same connection serves the next request").startsWith("HTTP/1.1 200");
        }
    }

    /** Reads one response's status line, headers and body (by Content-Length). */
    private static String readResponse(java.io.BufferedReader in) throws Exception {
        StringBuilder head = new StringBuilder();
        int length = 0;
        String line;
        while ((line = in.readLine()) != null && !line.isEmpty()) {
            head.append(line).append('\n');
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        if (line == null) {
            return head.toString();
        }
        char[] body = new char[length];
        int read = 0;
        while (read < length) {
            read += in.read(body, read, length - read);
        }
        return head.toString();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null);
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
