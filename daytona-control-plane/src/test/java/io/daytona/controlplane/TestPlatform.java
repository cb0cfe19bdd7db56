package io.daytona.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.controlplane.persistence.TestDatabases;
import io.daytona.controlplane.ratelimit.RateLimits;
import io.daytona.controlplane.sandbox.FakeRuntime;
import io.daytona.controlplane.sandbox.SandboxDefaults;
import io.daytona.controlplane.sandbox.TestClock;
import io.daytona.model.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** A control plane on a fake runner and a test clock, with an HTTP client for its API; for tenancy tests. */
final class TestPlatform implements AutoCloseable {
    static final ObjectMapper JSON = Json.newMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final TestClock clock = new TestClock(Instant.parse("2026-03-01T12:00:00Z"));
    final FakeRuntime runtime = new FakeRuntime();
    final ControlPlane controlPlane;
    final String adminKey;
    private final io.daytona.controlplane.persistence.DatabaseSettings databaseSettings;
    private io.daytona.controlplane.persistence.Database database;

    TestPlatform(Path data) throws Exception {
        this(data, RateLimits.none());
    }

    TestPlatform(Path data, RateLimits limits) throws Exception {
        this(data, limits, remote -> {
            throw new IllegalStateException("this test platform has no runner processes: " + remote);
        }, ControlPlaneConfig.RunnerSettings.DEFAULTS);
    }

    /** A platform whose runner processes are {@code remotes}' fakes, watched as {@code runners} says. */
    TestPlatform(Path data, RateLimits limits,
                 java.util.function.Function<io.daytona.controlplane.runner.RunnerFleet.RemoteRunner, io.daytona.controlplane.sandbox.SandboxRuntime> remotes,
                 ControlPlaneConfig.RunnerSettings runners) throws Exception {
        SandboxDefaults defaults = new SandboxDefaults("image:1", "us", "http://localhost:4000/toolbox", 8, 16, 50, "http",
                "proxy.test:4000", SandboxDefaults.DEFAULT_MAX_AUTO_ARCHIVE);
        databaseSettings = TestDatabases.fresh(data.resolve("db"));
        controlPlane = ControlPlane.start(new ControlPlaneConfig(data, "127.0.0.1", 0, defaults, Duration.ofMillis(50))
                        .withDatabase(databaseSettings).withRateLimits(limits).withRunners(runners), java.util.Optional.of(runtime),
                java.util.Optional.of(io.daytona.controlplane.snapshot.ImageRuntime.inspectOnly(runtime::hasImage)), remotes, clock);
        adminKey = controlPlane.newAdminKey().orElseThrow();
    }

    /** A user with a personal organization, made by the admin. */
    record User(String id, String email, String organizationId, String key) {}

    User createUser(String name, String email) {
        JsonNode created = call("POST", "/admin/users", Map.of("name", name, "email", email), adminKey).expect(201);
        return new User(created.at("/user/id").asText(), email, created.get("personalOrganizationId").asText(),
                created.get("apiKey").asText());
    }

    record Reply(int status, String body, HttpHeaders headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        JsonNode expect(int expected) {
            assertThat(status).as(body).isEqualTo(expected);
            return body.isEmpty() ? JSON.nullNode() : json();
        }

        String message() {
            return json().get("message").asText();
        }
    }

    Reply call(String method, String path, Object body, String key) {
        return call(method, path, body, key, Map.of());
    }

    Reply call(String method, String path, Object body, String key, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPlane.port() + "/api" + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)))
                    .header("Content-Type", "application/json");
            if (key != null) {
                request.header("Authorization", "Bearer " + key);
            }
            headers.forEach(request::header);
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers());
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed", e);
        }
    }

    /** A second pool on the control plane's database, for tests of services without endpoints. */
    synchronized org.jdbi.v3.core.Jdbi jdbi() {
        if (database == null) {
            database = io.daytona.controlplane.persistence.Database.open(databaseSettings);
        }
        return database.jdbi();
    }

    @Override
    public void close() throws Exception {
        try (controlPlane) {
            if (database != null) {
                database.close();
            }
        }
    }
}
