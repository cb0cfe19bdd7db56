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
