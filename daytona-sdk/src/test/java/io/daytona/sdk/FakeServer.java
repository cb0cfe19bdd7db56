package io.daytona.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.daytona.model.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A hand-written fake of the control plane and toolbox proxy: routes by method and exact path,
 * records every request, and answers 599 to anything unrouted so a test sees the mistake.
 */
final class FakeServer implements AutoCloseable {
    static final ObjectMapper MAPPER = Json.newMapper();

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Function<Request, Response>> routes = new ConcurrentHashMap<>();
    private final Map<String, Function<Request, Response>> prefixRoutes = new ConcurrentHashMap<>();

    FakeServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String apiUrl() {
        return baseUrl() + "/api";
    }

    String toolboxProxyUrl() {
        return baseUrl() + "/toolbox";
    }

    /** Answers {@code method path} with {@code handler}. */
    void on(String method, String path, Function<Request, Response> handler) {
        routes.put(method + " " + path, handler);
    }

    /** Answers {@code method} on every path starting with {@code prefix} that has no exact route. */
    void onPrefix(String method, String prefix, Function<Request, Response> handler) {
        prefixRoutes.put(method + " " + prefix, handler);
    }

    /** Answers {@code method path} with {@code responses} in turn, repeating the last one. */
    void onSequence(String method, String path, Response... responses) {
        Deque<Response> queue = new ArrayDeque<>(List.of(responses));
        on(method, path, request -> {
            synchronized (queue) {
                return queue.size() > 1 ? queue.removeFirst() : queue.getFirst();
            }
        });
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static Response json(int status, Object body) {
        try {
            return new Response(status, MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Response ok(Object body) {
        return json(200, body);
    }

    /** An error body as the control plane writes it. */
    static Response error(int status, String error, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("statusCode", status);
        body.put("message", message);
        body.put("error", error);
        body.put("path", "/api/test");
        body.put("timestamp", "2025-01-01T00:00:00Z");
        return json(status, body);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Request request = new Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    body);
            requests.add(request);
            Function<Request, Response> handler = routes.get(request.method() + " " + request.path());
            if (handler == null) {
                handler = prefixRoutes.entrySet().stream()
                        .filter(route -> (request.method() + " " + request.path()).startsWith(route.getKey()))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
            }
            Response response = handler == null
                    ? new Response(599, "{\"message\":\"no route for " + request.method() + " " + request.path() + "\"}")
                    : handler.apply(request);
            byte[] bytes = response.bytes();
            if (bytes.length > 0) {
                exchange.getResponseHeaders().add("Content-Type", response.contentType());
            }
            exchange.getResponseHeaders().add("X-Request-Id", "req-" + requests.size());
            response.headers().forEach(exchange.getResponseHeaders()::add);
            exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    /** A recorded request; header names are as {@link com.sun.net.httpserver.Headers} normalizes them. */
    record Request(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] bodyBytes) {
        /** The body as UTF-8 text. */
        String body() {
            return new String(bodyBytes, StandardCharsets.UTF_8);
        }

        String header(String name) {
            for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue().getFirst();
                }
            }
            return null;
        }

        Map<String, String> query() {
            Map<String, String> query = new LinkedHashMap<>();
            if (rawQuery == null || rawQuery.isEmpty()) {
                return query;
            }
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                query.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
            return query;
        }
    }

    /** A response: JSON unless another content type is given. */
    record Response(int status, byte[] bytes, String contentType, Map<String, String> headers) {
        Response(int status, byte[] bytes, String contentType) {
            this(status, bytes, contentType, Map.of());
        }

        Response(int status, String body) {
            this(status, body.getBytes(StandardCharsets.UTF_8), "application/json");
        }

        /** This response with one more header. */
        Response withHeader(String name, String value) {
            Map<String, String> more = new java.util.LinkedHashMap<>(headers);
            more.put(name, value);
            return new Response(status, bytes, contentType, Map.copyOf(more));
        }

        String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
