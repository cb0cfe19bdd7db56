package io.daytona.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.model.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** A raw HTTP client for contract tests: what goes over the wire, with no SDK in between. */
final class Api {
    static final ObjectMapper JSON = Json.newMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;
    private final Optional<String> key;
    private final Map<String, String> headers;

    Api(URI base, Optional<String> key, Map<String, String> headers) {
        this.base = base;
        this.key = key;
        this.headers = Map.copyOf(headers);
    }

    static Api of(Platform platform) {
        return new Api(platform.apiUrl(), Optional.of(platform.adminKey()), Map.of());
    }

    Api withKey(Optional<String> otherKey) {
        return new Api(base, otherKey, headers);
    }

    Api withHeader(String name, String value) {
        Map<String, String> more = new java.util.HashMap<>(headers);
        more.put(name, value);
        return new Api(base, key, more);
    }

    Api toolbox(Platform platform, String sandboxId) {
        return new Api(URI.create(platform.proxyUrl() + "/toolbox/" + sandboxId), key, headers);
    }

    /**
     * A response.
     *
     * @param status the status code
     * @param body the body
     */
    record Reply(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }

        <T> T as(Class<T> type) {
            try {
                return JSON.readValue(body, type);
            } catch (IOException e) {
                throw new AssertionError("not a " + type.getSimpleName() + " (status " + status + "): " + body, e);
            }
        }
    }

    Reply get(String path) {
        return send("GET", path, null);
    }

    Reply delete(String path) {
        return send("DELETE", path, null);
    }

    Reply delete(String path, Object body) {
        try {
            return send("DELETE", path, JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    Reply put(String path, Object body) {
        try {
            return send("PUT", path, body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    Reply patch(String path, Object body) {
        try {
            return send("PATCH", path, body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    Reply post(String path, Object body) {
        try {
            return send("POST", path, body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private Reply send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        key.ifPresent(k -> request.header("Authorization", "Bearer " + k));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
