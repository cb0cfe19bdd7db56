package io.daytona.sdk;

import static io.daytona.sdk.FakeServer.error;
import static io.daytona.sdk.FakeServer.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daytona.model.apikey.CreateApiKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The services the CLI needs: the organization header goes on the one call that names it, and only there. */
class OrganizationAndApiKeyTest {
    private FakeServer server;
    private Daytona daytona;

    @BeforeEach
    void setUp() {
        server = new FakeServer();
        daytona = new Daytona(DaytonaConfig.builder().apiKey("dtn_test").apiUrl(server.apiUrl()).build());
    }

    @AfterEach
    void tearDown() {
        daytona.close();
        server.close();
    }

    @Test
    void aKeyForAnotherOrganizationIsAskedForWithItsHeader() throws Exception {
        server.on("POST", "/api/api-keys", request -> FakeServer.json(201, Map.of("name", "k", "value", "dtn_new",
                "createdAt", "2026-01-01T00:00:00Z", "permissions", List.of("write:sandboxes"))));
        server.on("GET", "/api/api-keys/current", request -> ok(Map.of("name", "login", "value", "dtn_***", "createdAt", "2026-01-01T00:00:00Z",
                "permissions", List.of("write:sandboxes"), "userId", "u1")));

        assertThat(daytona.apiKey().create(new CreateApiKey("k", List.of("write:sandboxes"), null), "org-b").value()).isEqualTo("dtn_new");
        daytona.apiKey().current();

        FakeServer.Request create = server.requests("POST", "/api/api-keys").getFirst();
        assertThat(create.header("X-Daytona-Organization-ID")).isEqualTo("org-b");
        assertThat(create.header("Authorization")).isEqualTo("Bearer dtn_test");
        assertThat(FakeServer.MAPPER.readTree(create.body()).get("permissions").get(0).asText()).isEqualTo("write:sandboxes");
        assertThat(server.requests("GET", "/api/api-keys/current").getFirst().header("X-Daytona-Organization-ID"))
                .as("not on later calls").isNull();
    }

    @Test
    void askingTheCurrentKeyInAnotherOrganizationIsRefused() {
        server.on("GET", "/api/api-keys/current", request -> error(403, "Forbidden", "This API key belongs to organization a"));
        assertThatThrownBy(() -> daytona.apiKey().current("org-b")).isInstanceOf(DaytonaForbiddenException.class)
                .hasMessageContaining("This API key belongs to organization a");
        assertThat(server.requests().getFirst().header("X-Daytona-Organization-ID")).isEqualTo("org-b");
    }

    @Test
    void noInternalRegistryIsNotFound() {
        server.on("GET", "/api/docker-registry/registry-push-access", request -> error(404, "Not Found", "This server has no internal registry"));
        assertThatThrownBy(() -> daytona.snapshot().registryPushAccess()).isInstanceOf(DaytonaNotFoundException.class)
                .hasMessageContaining("no internal registry");
    }

    @Test
    void organizationsAreListedCreatedAndDeleted() throws Exception {
        server.on("GET", "/api/organizations", request -> ok(List.of()));
        server.on("DELETE", "/api/organizations/org%201", request -> new FakeServer.Response(204, ""));
        assertThat(daytona.organization().list()).isEmpty();
        daytona.organization().delete("org 1");
        assertThatThrownBy(() -> daytona.organization().delete(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
