package io.daytona.sdk;

import static io.daytona.sdk.FakeServer.error;
import static io.daytona.sdk.FakeServer.ok;
import static io.daytona.sdk.TestSandboxes.sandbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.daytona.model.sandbox.CreateSandbox;
import io.daytona.model.sandbox.ListSandboxesResponse;
import io.daytona.model.sandbox.SandboxState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DaytonaTest {
    private FakeServer server;
    private Daytona daytona;

    @BeforeEach
    void setUp() {
        server = new FakeServer();
        daytona = new Daytona(DaytonaConfig.builder().apiKey("dtn_test").apiUrl(server.apiUrl()).target("eu").build());
    }

    @AfterEach
    void tearDown() {
        daytona.close();
        server.close();
    }

    @Test
    void createPollsUntilStarted() throws Exception {
        server.on("POST", "/api/sandbox", request -> ok(sandbox("sb-1", SandboxState.CREATING, server.toolboxProxyUrl())));
        server.onSequence("GET", "/api/sandbox/sb-1",
                ok(sandbox("sb-1", SandboxState.CREATING, server.toolboxProxyUrl())),
                ok(sandbox("sb-1", SandboxState.STARTED, server.toolboxProxyUrl())));

        Sandbox created = daytona.create();

        assertThat(created.getId()).isEqualTo("sb-1");
        assertThat(created.getState()).isEqualTo(SandboxState.STARTED);
        assertThat(server.requests("GET", "/api/sandbox/sb-1")).hasSize(2);
        JsonNode body = FakeServer.MAPPER.readTree(server.requests("POST", "/api/sandbox").getFirst().body());
        assertThat(body.path("labels").path("code-toolbox-language").asText()).isEqualTo("python");
        assertThat(body.path("target").asText()).isEqualTo("eu");
        assertThat(body.has("snapshot")).as("unset fields are omitted").isFalse();
    }

    @Test
    void createKeepsTheCallersLanguageTargetAndLabels() throws Exception {
        server.on("POST", "/api/sandbox", request -> ok(sandbox("sb-1", SandboxState.STARTED, server.toolboxProxyUrl())));

        daytona.create(CreateSandbox.builder()
                .snapshot("snap")
                .target("us")
                .labels(Map.of("code-toolbox-language", "typescript", "team", "a"))
                .build());

        JsonNode body = FakeServer.MAPPER.readTree(server.requests("POST", "/api/sandbox").getFirst().body());
        assertThat(body.path("labels").path("code-toolbox-language").asText()).isEqualTo("typescript");
        assertThat(body.path("labels").path("team").asText()).isEqualTo("a");
        assertThat(body.path("target").asText()).isEqualTo("us");
        assertThat(body.path("snapshot").asText()).isEqualTo("snap");
        assertThat(server.requests("GET", "/api/sandbox/sb-1")).as("already started: no poll").isEmpty();
    }

    @Test
    void createAcceptsABuilderConsumer() throws Exception {
        server.on("POST", "/api/sandbox", request -> ok(sandbox("sb-1", SandboxState.STARTED, server.toolboxProxyUrl())));

        daytona.create(params -> params.snapshot("snap").cpu(2));

        JsonNode body = FakeServer.MAPPER.readTree(server.requests("POST", "/api/sandbox").getFirst().body());
        assertThat(body.path("snapshot").asText()).isEqualTo("snap");
        assertThat(body.path("cpu").asInt()).isEqualTo(2);
        assertThat(body.path("labels").path("code-toolbox-language").asText()).isEqualTo("python");
    }

    @Test
    void createFailsWithTheErrorReasonWhenTheSandboxErrors() {
        server.on("POST", "/api/sandbox", request -> ok(sandbox("sb-1", SandboxState.CREATING, server.toolboxProxyUrl())));
        server.on("GET", "/api/sandbox/sb-1",
                request -> ok(sandbox("sb-1", SandboxState.ERROR, "image pull failed", server.toolboxProxyUrl())));

        assertThatThrownBy(() -> daytona.create(CreateSandbox.builder().build(), Duration.ofSeconds(5)))
                .isExactlyInstanceOf(DaytonaException.class)
                .hasMessageStartingWith("Failed to create sandbox: ")
                .hasMessageContaining("sb-1")
                .hasMessageContaining("image pull failed");
    }

    @Test
    void createFailsWhenTheBuildFails() {
        server.on("POST", "/api/sandbox",
                request -> ok(sandbox("sb-1", SandboxState.BUILD_FAILED, "no such base image", server.toolboxProxyUrl())));

        assertThatThrownBy(() -> daytona.create())
                .isExactlyInstanceOf(DaytonaException.class)
                .hasMessageContaining("build_failed")
                .hasMessageContaining("no such base image");
    }

    @Test
    void createTimesOutWhenTheSandboxNeverStarts() {
        server.on("POST", "/api/sandbox", request -> ok(sandbox("sb-1", SandboxState.CREATING, server.toolboxProxyUrl())));
        server.on("GET", "/api/sandbox/sb-1", request -> ok(sandbox("sb-1", SandboxState.CREATING, server.toolboxProxyUrl())));
        daytona.get("sb-1"); // warms up the connection, so the first request does not eat the timeout

        long start = System.nanoTime();
        assertThatThrownBy(() -> daytona.create(CreateSandbox.builder().build(), Duration.ofMillis(1000)))
                .isInstanceOf(DaytonaTimeoutException.class)
                .hasMessageStartingWith("Failed to create sandbox: ")
                .hasMessageContaining("1 s")
                .hasMessageContaining("last state: creating");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(server.requests("GET", "/api/sandbox/sb-1")).as("polls after the warm-up").hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void createGivesUpWhenTheServerDoesNotAnswerInTime() {
        server.on("GET", "/api/sandbox/sb-1", request -> ok(sandbox("sb-1", SandboxState.STARTED, server.toolboxProxyUrl())));
        daytona.get("sb-1");
        server.on("POST", "/api/sandbox", request -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ok(sandbox("sb-1", SandboxState.STARTED, server.toolboxProxyUrl()));
        });

        assertThatThrownBy(() -> daytona.create(CreateSandbox.builder().build(), Duration.ofMillis(300)))
                .isInstanceOfSatisfying(DaytonaTimeoutException.class, e -> assertThat(e.statusCode()).isZero())
                .hasMessage("Failed to create sandbox: no response within 300 ms");
    }

    @Test
    void createReportsTheServersRefusal() {
        server.on("POST", "/api/sandbox", request -> error(404, "Not Found", "Snapshot foo not found"));

        assertThatThrownBy(() -> daytona.create(CreateSandbox.builder().snapshot("foo").build()))
                .isInstanceOf(DaytonaNotFoundException.class)
                .hasMessage("Failed to create sandbox: Snapshot foo not found");
    }

    @Test
    void getMissingSandboxThrowsNotFound() {
        server.on("GET", "/api/sandbox/nope", request -> error(404, "Not Found", "Sandbox with ID or name nope not found"));

        assertThatThrownBy(() -> daytona.get("nope"))
                .isInstanceOfSatisfying(DaytonaNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.errorCode()).contains("Not Found");
                    assertThat(e.headers()).containsKey("x-request-id");
                    assertThat(e.isRetryable()).isFalse();
                })
                .hasMessage("Failed to get sandbox: Sandbox with ID or name nope not found");
    }

    @Test
    void getEncodesTheNameAsOnePathSegment() {
        server.on("GET", "/api/sandbox/my%20box%2F1", request -> ok(sandbox("sb-9", SandboxState.STOPPED, server.toolboxProxyUrl())));

        Sandbox found = daytona.get("my box/1");

        assertThat(found.getId()).isEqualTo("sb-9");
        assertThat(found.getState()).isEqualTo(SandboxState.STOPPED);
        assertThat(found.getEnv()).containsEntry("FOO", "bar");
    }

    @Test
    void unauthorizedThrowsAuthenticationException() {
        server.on("GET", "/api/sandbox/sb-1", request -> error(401, "Unauthorized", "Invalid API key"));

        assertThatThrownBy(() -> daytona.get("sb-1"))
                .isInstanceOfSatisfying(DaytonaAuthenticationException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(401))
                .hasMessage("Failed to get sandbox: Invalid API key");
    }

    @Test
    void sendsAuthAndSdkHeadersWithAnApiKey() {
        server.on("GET", "/api/sandbox/sb-1", request -> ok(sandbox("sb-1", SandboxState.STARTED, server.toolboxProxyUrl())));

        daytona.get("sb-1");

        FakeServer.Request request = server.requests().getFirst();
        assertThat(request.header("Authorization")).isEqualTo("Bearer dtn_test");
        assertThat(request.header("X-Daytona-Source")).isEqualTo("sdk-java");
        assertThat(request.header("X-Daytona-SDK-Version")).isEqualTo("dev");
        assertThat(request.header("User-Agent")).isEqualTo("sdk-java/dev");
        assertThat(request.header("X-Daytona-Organization-ID")).isNull();
        assertThat(request.header("Content-Type")).as("no body, no content type").isNull();
    }

    @Test
    void sendsJwtAndOrganizationHeaders() {
        server.on("GET", "/api/sandbox/sb-1", request -> ok(sandbox("sb-1", SandboxState.STARTED, server.toolboxProxyUrl())));
        DaytonaConfig config = DaytonaConfig.fromEnvironment(Map.of(
                "DAYTONA_JWT_TOKEN", "eyJ.jwt", "DAYTONA_ORGANIZATION_ID", "org-7", "DAYTONA_API_URL", server.apiUrl()));

        try (Daytona jwtClient = new Daytona(config)) {
            jwtClient.get("sb-1");
        }

        FakeServer.Request request = server.requests().getFirst();
        assertThat(request.header("Authorization")).isEqualTo("Bearer eyJ.jwt");
        assertThat(request.header("X-Daytona-Organization-ID")).isEqualTo("org-7");
    }

    @Test
    void sendsContentTypeWithABody() {
        server.on("POST", "/api/sandbox", request -> ok(sandbox("sb-1", SandboxState.STARTED, server.toolboxProxyUrl())));

        daytona.create();

        assertThat(server.requests().getFirst().header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void listFollowsTheCursorAcrossPages() {
        server.on("GET", "/api/sandbox", request -> {
            String cursor = request.query().get("cursor");
            if (cursor == null) {
                return ok(new ListSandboxesResponse(List.of(
                        sandbox("sb-1", SandboxState.STARTED, server.toolboxProxyUrl()),
                        sandbox("sb-2", SandboxState.STOPPED, server.toolboxProxyUrl())), "page-2"));
            }
            if (cursor.equals("page-2")) {
                return ok(new ListSandboxesResponse(List.of(
                        sandbox("sb-3", SandboxState.STARTED, server.toolboxProxyUrl())), null));
            }
            return error(400, "Bad Request", "bad cursor " + cursor);
        });

        List<Sandbox> sandboxes = daytona.list(Map.of("team", "a"), 2);

        assertThat(sandboxes).extracting(Sandbox::getId).containsExactly("sb-1", "sb-2", "sb-3");
        List<FakeServer.Request> requests = server.requests("GET", "/api/sandbox");
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).query()).containsEntry("labels", "{\"team\":\"a\"}").containsEntry("limit", "2")
                .doesNotContainKey("cursor");
        assertThat(requests.get(1).query()).containsEntry("cursor", "page-2").containsEntry("labels", "{\"team\":\"a\"}");
    }

    @Test
    void listWithoutFiltersSendsNoQuery() {
        server.on("GET", "/api/sandbox", request -> ok(new ListSandboxesResponse(List.of(), null)));

        assertThat(daytona.list()).isEmpty();
        assertThat(server.requests().getFirst().rawQuery()).isNull();
    }

    @Test
    void listStopsWhenTheServerRepeatsACursor() {
        server.on("GET", "/api/sandbox", request -> ok(new ListSandboxesResponse(List.of(), "same")));

        assertThatThrownBy(() -> daytona.list())
                .isInstanceOf(DaytonaException.class)
                .hasMessageContaining("same cursor");
    }

    @Test
    void startPostsThenWaitsUntilStarted() {
        server.on("GET", "/api/sandbox/sb-1", request -> ok(sandbox("sb-1", SandboxState.STOPPED, server.toolboxProxyUrl())));
        Sandbox sandbox = daytona.get("sb-1");
        server.on("POST", "/api/sandbox/sb-1/start", request -> ok(sandbox("sb-1", SandboxState.STARTING, server.toolboxProxyUrl())));
        server.onSequence("GET", "/api/sandbox/sb-1",
                ok(sandbox("sb-1", SandboxState.STARTING, server.toolboxProxyUrl())),
                ok(sandbox("sb-1", SandboxState.STARTED, server.toolboxProxyUrl())));

        daytona.start(sandbox);

        assertThat(sandbox.getState()).isEqualTo(SandboxState.STARTED);
        assertThat(server.requests("POST", "/api/sandbox/sb-1/start")).hasSize(1);
    }

    @Test
    void stopPostsThenWaitsUntilStopped() {
        server.on("GET", "/api/sandbox/sb-1", request -> ok(sandbox("sb-1", SandboxState.STARTED, server.toolboxProxyUrl())));
        Sandbox sandbox = daytona.get("sb-1");
        server.on("POST", "/api/sandbox/sb-1/stop", request -> ok(sandbox("sb-1", SandboxState.STOPPING, server.toolboxProxyUrl())));
        server.onSequence("GET", "/api/sandbox/sb-1",
                ok(sandbox("sb-1", SandboxState.STOPPING, server.toolboxProxyUrl())),
                ok(sandbox("sb-1", SandboxState.STOPPED, server.toolboxProxyUrl())));

        sandbox.stop();

        assertThat(sandbox.getState()).isEqualTo(SandboxState.STOPPED);
        assertThat(server.requests("POST", "/api/sandbox/sb-1/stop")).hasSize(1);
    }

    @Test
    void stopTreatsNotFoundAsDestroyed() {
        server.on("GET", "/api/sandbox/sb-1", request -> ok(sandbox("sb-1", SandboxState.STARTED, server.toolboxProxyUrl())));
        Sandbox sandbox = daytona.get("sb-1");
        server.on("POST", "/api/sandbox/sb-1/stop", request -> ok(sandbox("sb-1", SandboxState.STOPPING, server.toolboxProxyUrl())));
        server.on("GET", "/api/sandbox/sb-1", request -> error(404, "Not Found", "Sandbox sb-1 not found"));

        daytona.stop(sandbox);

        assertThat(sandbox.getState()).isEqualTo(SandboxState.DESTROYED);
    }

    @Test
    void deleteSendsDelete() {
        server.on("GET", "/api/sandbox/sb-1", request -> ok(sandbox("sb-1", SandboxState.STARTED, server.toolboxProxyUrl())));
        Sandbox sandbox = daytona.get("sb-1");
        server.on("DELETE", "/api/sandbox/sb-1", request -> ok(sandbox("sb-1", SandboxState.DESTROYING, server.toolboxProxyUrl())));

        daytona.delete(sandbox);

        assertThat(server.requests("DELETE", "/api/sandbox/sb-1")).hasSize(1);
        assertThat(sandbox.getState()).isEqualTo(SandboxState.DESTROYING);
    }

    @Test
    void refreshDataReplacesTheData() {
        server.onSequence("GET", "/api/sandbox/sb-1",
                ok(sandbox("sb-1", SandboxState.STARTED, server.toolboxProxyUrl())),
                ok(sandbox("sb-1", SandboxState.STOPPED, server.toolboxProxyUrl())));
        Sandbox sandbox = daytona.get("sb-1");

        sandbox.refreshData();

        assertThat(sandbox.getState()).isEqualTo(SandboxState.STOPPED);
    }

    @Test
    void connectionFailureHasStatusZeroAndIsRetryable() {
        server.close();

        assertThatThrownBy(() -> daytona.get("sb-1"))
                .isInstanceOfSatisfying(DaytonaConnectionException.class, e -> {
                    assertThat(e.statusCode()).isZero();
                    assertThat(e.isRetryable()).isTrue();
                })
                .hasMessageStartingWith("Failed to get sandbox: ");
    }

    @Test
    void closedClientRefusesCalls() {
        daytona.close();

        assertThatThrownBy(() -> daytona.get("sb-1")).isInstanceOf(IllegalStateException.class);
        assertThat(server.requests()).isEmpty();
    }
}
