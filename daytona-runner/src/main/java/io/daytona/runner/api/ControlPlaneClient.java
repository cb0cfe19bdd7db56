package io.daytona.runner.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.model.runner.RunnerHealthcheck;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runner's side of the control plane's API: who it is ({@code GET /api/runners/me}) and its
 * healthchecks ({@code POST /api/runners/healthcheck}), both with the runner's key.
 */
public final class ControlPlaneClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlPlaneClient.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** What the control plane knows of this runner. */
    public record Identity(String id, String name, String region) {}

    private final URI api;
    private final String token;
    private final ObjectMapper json;
    private final HttpClient http;

    /** @param api the control plane's API base, e.g. {@code http://127.0.0.1:3000/api} */
    public ControlPlaneClient(URI api, String token, ObjectMapper json) {
        requireNonNull(api, "api is null");
        this.api = URI.create(api.toString().endsWith("/") ? api.toString() : api + "/");
        this.token = requireNonNull(token, "token is null");
        this.json = requireNonNull(json, "json is null");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    }

    /**
     * Asks the control plane who this runner is, retrying while it cannot be reached (it may
     * start after the runner) until {@code patience} runs out.
     *
     * @throws IOException when the control plane refuses the key, or stays unreachable
     */
    public Identity identify(Duration patience) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        IOException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = http.send(request("runners/me").GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    JsonNode me = json.readTree(response.body());
                    return new Identity(me.path("id").asText(), me.path("name").asText(), me.path("region").asText());
                }
                throw new IOException("the control plane at %s refused this runner's key (HTTP %d): %s"
                        .formatted(api, response.statusCode(), message(response.body())));
            } catch (java.net.ConnectException | java.net.http.HttpTimeoutException e) {
                if (last == null) {
                    LOG.info("waiting for the control plane at {}: {}", api, e.toString());
                }
                last = e;
                Thread.sleep(1000);
            }
        }
        throw new IOException("the control plane at %s did not answer within %s: %s".formatted(api, patience, last), last);
    }

    /** Sends one healthcheck; returns an error message when the control plane did not take it. */
    public java.util.Optional<String> report(RunnerHealthcheck health) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(request("runners/healthcheck")
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(health))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of("HTTP %d: %s".formatted(response.statusCode(), message(response.body())));
        } catch (IOException e) {
            return java.util.Optional.of(e.toString());
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(api.resolve(path)).timeout(TIMEOUT).header("Authorization", "Bearer " + token);
    }

    private String message(String body) {
        try {
            return json.readTree(body).path("message").asText(body);
        } catch (IOException e) {
            return body;
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
