package io.daytona.controlplane;

import io.daytona.controlplane.persistence.TestDatabases;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.controlplane.sandbox.FakeRuntime;
import io.daytona.controlplane.sandbox.SandboxDefaults;
import io.daytona.controlplane.sandbox.TestClock;
import io.daytona.model.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/api-keys} over real HTTP against the control plane and its database. */
class ApiKeysApiTest {
    private static final ObjectMapper JSON = Json.newMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final TestClock CLOCK = new TestClock(Instant.parse("2026-03-01T12:00:00Z"));

    @TempDir
    static Path data;
    private static ControlPlane controlPlane;
    private static String adminKey;

    @BeforeAll
    static void start() throws Exception {
        SandboxDefaults defaults = new SandboxDefaults("image:1", "us", "http://localhost:4000/toolbox", 4, 8, 10, "http",
                "proxy.test:4000", SandboxDefaults.DEFAULT_MAX_AUTO_ARCHIVE);
        controlPlane = ControlPlane.start(new ControlPlaneConfig(data, "127.0.0.1", 0, defaults, Duration.ofMillis(50))
                        .withDatabase(TestDatabases.fresh(data.resolve("db"))),
                new FakeRuntime(), CLOCK);
        adminKey = controlPlane.newAdminKey().orElseThrow();
    }

    @AfterAll
    static void stop() throws Exception {
        controlPlane.close();
    }

    @Test
    void aNewKeyIsShownOnceWorksWithinItsPermissionsAndStopsWorkingWhenDeleted() {
        JsonNode created = call("POST", "/api-keys", Map.of("name", "ci", "permissions", List.of("write:sandboxes")), adminKey).expect(201);
        String value = created.get("value").asText();
        assertThat(value).matches("dtn_[0-9a-f]{64}");
        assertThat(created.get("permissions")).hasSize(1);
        assertThat(created.has("expiresAt")).isTrue();

        assertThat(call("GET", "/sandbox", null, value).status()).isEqualTo(200);
        Reply escalation = call("POST", "/api-keys", Map.of("name", "more", "permissions", List.of("delete:sandboxes")), value);
        assertThat(escalation.status()).isEqualTo(403);
        assertThat(escalation.json().get("message").asText()).contains("delete:sandboxes");

        JsonNode current = call("GET", "/api-keys/current", null, value).expect(200);
        assertThat(current.get("name").asText()).isEqualTo("ci");
        assertThat(current.get("value").asText()).isEqualTo(value.substring(0, 3) + "*".repeat(20) + value.substring(value.length() - 3));
        assertThat(current.get("lastUsedAt").isNull()).isFalse();

        JsonNode listed = call("GET", "/api-keys", null, adminKey).expect(200);
        assertThat(listed.findValuesAsText("name")).contains("admin", "ci");
        assertThat(listed.toString()).doesNotContain(value).doesNotContain(adminKey);
        assertThat(call("GET", "/api-keys/ci", null, adminKey).expect(200).get("userId").asText()).isNotBlank();

        assertThat(call("DELETE", "/api-keys/ci", null, adminKey).status()).isEqualTo(204);
        assertThat(call("GET", "/sandbox", null, value).status()).as("revoked at once").isEqualTo(401);
        assertThat(call("GET", "/api-keys/ci", null, adminKey).status()).isEqualTo(404);
        assertThat(call("DELETE", "/api-keys/ci", null, adminKey).status()).isEqualTo(404);
    }

    @Test
    void refusesBadRequestsWithTheFixInTheMessage() {
        assertThat(call("POST", "/api-keys", Map.of("permissions", List.of()), adminKey).status()).isEqualTo(400);
        assertThat(call("POST", "/api-keys", Map.of("name", "x"), adminKey).json().get("message").asText()).contains("permissions is required");
        assertThat(call("POST", "/api-keys", Map.of("name", "x", "permissions", List.of("fly:planes")), adminKey).json()
                .get("message").asText()).contains("unknown permission 'fly:planes'").contains("write:sandboxes");
        assertThat(call("POST", "/api-keys", Map.of("name", "x", "permissions", List.of(), "expiresAt", "2020-01-01T00:00:00Z"),
                adminKey).status()).isEqualTo(400);
        assertThat(call("POST", "/api-keys", Map.of("name", "admin", "permissions", List.of()), adminKey).status()).isEqualTo(409);
        assertThat(call("GET", "/api-keys", null, null).status()).isEqualTo(401);
    }

    @Test
    void aKeyStopsWorkingWhenItExpires() {
        Instant expiry = CLOCK.instant().plus(Duration.ofHours(1));
        String value = call("POST", "/api-keys", Map.of("name", "short", "permissions", List.of(), "expiresAt", expiry.toString()),
                adminKey).expect(201).get("value").asText();
        assertThat(call("GET", "/sandbox", null, value).status()).isEqualTo(200);
        CLOCK.advance(Duration.ofHours(2));
        Reply expired = call("GET", "/sandbox", null, value);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get("message").asText()).contains("expired");
    }

    private record Reply(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        JsonNode expect(int expected) {
            assertThat(status).as(body).isEqualTo(expected);
            return json();
        }
    }

    private static Reply call(String method, String path, Object body, String key) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPlane.port() + "/api" + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .header("Content-Type", "application/json");
            if (key != null) {
                request.header("Authorization", "Bearer " + key);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed", e);
        }
    }
}
