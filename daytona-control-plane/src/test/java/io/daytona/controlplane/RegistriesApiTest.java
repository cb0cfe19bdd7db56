package io.daytona.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/docker-registry}: the wire shape, passwords never shown, permissions, validation, set-default. */
class RegistriesApiTest {
    @TempDir
    static Path data;
    private static TestPlatform platform;
    private static TestPlatform.User user;

    @BeforeAll
    static void start() throws Exception {
        platform = new TestPlatform(data);
        user = platform.createUser("Reg", "reg@r.test");
    }

    @AfterAll
    static void stop() throws Exception {
        platform.close();
    }

    @Test
    void aRegistryIsCreatedListedUpdatedAndDeletedWithoutItsPasswordEverShown() {
        TestPlatform.Reply created = platform.call("POST", "/docker-registry", Map.of("name", "ghcr", "url", "https://ghcr.io",
                "username", "robot", "password", "pw-never-shown-5a1"), user.key());
        JsonNode registry = created.expect(201);
        assertThat(created.body()).doesNotContain("pw-never-shown-5a1").doesNotContain("password");
        assertThat(registry.get("registryType").asText()).isEqualTo("organization");
        assertThat(registry.get("project").asText()).isEmpty();
        for (String field : List.of("id", "name", "url", "username", "createdAt", "updatedAt")) {
            assertThat(registry.hasNonNull(field)).as(field).isTrue();
        }
        String id = registry.get("id").asText();

        TestPlatform.Reply list = platform.call("GET", "/docker-registry", null, user.key());
        assertThat(list.expect(200)).hasSize(1);
        assertThat(list.body()).doesNotContain("pw-never-shown-5a1");

        JsonNode updated = platform.call("PATCH", "/docker-registry/" + id, Map.of("name", "ghcr-2", "url", "ghcr.io",
                "username", "robot2", "project", "team"), user.key()).expect(200);
        assertThat(updated.get("name").asText()).isEqualTo("ghcr-2");
        assertThat(updated.get("project").asText()).isEqualTo("team");
        assertThat(platform.call("GET", "/docker-registry/" + id, null, user.key()).expect(200).get("username").asText())
                .isEqualTo("robot2");

        platform.call("DELETE", "/docker-registry/" + id, null, user.key()).expect(204);
        platform.call("GET", "/docker-registry/" + id, null, user.key()).expect(404);
        assertThat(platform.call("GET", "/docker-registry", null, user.key()).expect(200)).isEmpty();
    }

    @Test
    void badRequestsSayWhatToFixAndChangeNothing() {
        assertThat(platform.call("POST", "/docker-registry", Map.of("name", "x", "url", "ghcr.io", "username", "u"), user.key())
                .expect(400).get("message").asText()).contains("password is required");
        assertThat(platform.call("POST", "/docker-registry", Map.of("name", "x", "url", "ghcr.io/a b; rm", "username", "u",
                "password", "p"), user.key()).expect(400).get("message").asText()).contains("not a registry address");
        assertThat(platform.call("GET", "/docker-registry", null, user.key()).expect(200)).isEmpty();
        assertThat(platform.call("GET", "/docker-registry/registry-push-access", null, user.key()).expect(404)
                .get("message").asText()).contains("no internal registry");
    }

    @Test
    void writingNeedsWriteRegistriesAndDeletingDeleteRegistries() {
        String readOnly = platform.call("POST", "/api-keys", Map.of("name", "sandboxes-only", "permissions", List.of("write:sandboxes")),
                user.key()).expect(201).get("value").asText();
        Map<String, String> body = Map.of("name", "r", "url", "registry.test", "username", "u", "password", "p");
        platform.call("POST", "/docker-registry", body, readOnly).expect(403);
        String id = platform.call("POST", "/docker-registry", body, user.key()).expect(201).get("id").asText();
        platform.call("GET", "/docker-registry/" + id, null, readOnly).expect(200);
        platform.call("DELETE", "/docker-registry/" + id, null, readOnly).expect(403);
        platform.call("POST", "/admin/docker-registry/" + id + "/set-default", null, user.key()).expect(403);
        JsonNode made = platform.call("POST", "/admin/docker-registry/" + id + "/set-default", null, platform.adminKey).expect(200);
        assertThat(made.get("id").asText()).isEqualTo(id);
        platform.call("POST", "/admin/docker-registry/missing/set-default", null, platform.adminKey).expect(404);
        platform.call("DELETE", "/docker-registry/" + id, null, user.key()).expect(204);
    }
}
