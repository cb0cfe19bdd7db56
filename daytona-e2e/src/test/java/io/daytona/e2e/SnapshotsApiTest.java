package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.daytona.model.sandbox.Sandbox;
import io.daytona.model.snapshot.Snapshot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Snapshots through the REST API: from local images, from Dockerfile builds, for sandboxes. */
@ExtendWith(PlatformExtension.class)
class SnapshotsApiTest {
    private static final String BASE = "localhost/daytona/sandbox:0.1.0";
    private static Api api;

    @BeforeAll
    static void start(Platform platform) {
        api = Api.of(platform);
    }

    @Test
    void theDefaultSnapshotIsGeneralAndListedForEveryone() {
        JsonNode page = api.get("/snapshots?limit=200").json();
        JsonNode general = null;
        for (JsonNode item : page.get("items")) {
            if (item.get("name").asText().equals("daytona/sandbox:0.1.0")) {
                general = item;
            }
        }
        assertThat(general).as(page.toString()).isNotNull();
        assertThat(general.get("general").asBoolean()).isTrue();
        assertThat(general.get("state").asText()).isEqualTo("active");
        assertThat(general.get("mem").asInt()).isPositive();
        assertThat(api.get("/snapshots/" + general.get("id").asText()).as(Snapshot.class).name()).isEqualTo("daytona/sandbox:0.1.0");
        Api.Reply byName = api.get("/snapshots/daytona%2Fsandbox%3A0.1.0");
        assertThat(byName.status()).as(byName.body()).isEqualTo(200);
        assertThat(byName.as(Snapshot.class).id()).isEqualTo(general.get("id").asText());
        assertThat(api.get("/sandbox/a%2Fb").status()).as("encoded slashes elsewhere").isEqualTo(400);
        assertThat(api.delete("/snapshots/" + general.get("id").asText()).status()).isEqualTo(403);
    }

    @Test
    void aSnapshotOfALocalImageStartsSandboxesAndCanBeDeactivatedActivatedAndDeleted(Platform platform) throws Exception {
        String name = "local-" + suffix();
        Api.Reply created = api.post("/snapshots", Map.of("name", name, "imageName", BASE, "entrypoint", List.of("sleep", "infinity")));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        Snapshot snapshot = awaitTerminal(created.as(Snapshot.class).id());
        assertThat(snapshot.state().wireValue()).as(snapshot.errorReason()).isEqualTo("active");
        assertThat(snapshot.entrypoint()).containsExactly("sleep", "infinity");
        assertThat(snapshot.general()).isFalse();
        assertThat(snapshot.cpu()).isEqualTo(1);
        assertThat(snapshot.mem()).isEqualTo(1);
        assertThat(snapshot.disk()).isEqualTo(3);
        assertThat(api.get("/snapshots/" + name).as(Snapshot.class).id()).isEqualTo(snapshot.id());
        assertThat(api.post("/snapshots", Map.of("name", name, "imageName", BASE)).status()).isEqualTo(409);

        Sandbox sandbox = api.post("/sandbox", Map.of("snapshot", name)).as(Sandbox.class);
        try {
            assertThat(sandbox.state().wireValue()).isEqualTo("started");
            assertThat(sandbox.snapshot()).isEqualTo(name);
            assertThat(api.toolbox(platform, sandbox.id()).post("/process/execute", Map.of("command", "echo ok")).json().get("result").asText())
                    .isEqualTo("ok\n");
        } finally {
            api.delete("/sandbox/" + sandbox.id());
        }

        assertThat(api.post("/snapshots/" + snapshot.id() + "/deactivate", null).status()).isEqualTo(204);
        assertThat(api.get("/snapshots/" + snapshot.id()).as(Snapshot.class).state().wireValue()).isEqualTo("inactive");
        Api.Reply refused = api.post("/sandbox", Map.of("snapshot", name));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("inactive").contains("activate");
        Api.Reply activated = api.post("/snapshots/" + snapshot.id() + "/activate", null);
        assertThat(activated.status()).as(activated.body()).isEqualTo(200);
        assertThat(activated.as(Snapshot.class).state().wireValue()).isEqualTo("active");
        assertThat(api.post("/snapshots/" + snapshot.id() + "/activate", null).status()).isEqualTo(400);

        assertThat(api.delete("/snapshots/" + snapshot.id()).status()).isEqualTo(200);
        assertThat(api.get("/snapshots/" + snapshot.id()).status()).isEqualTo(404);
    }

    @Test
    void badImagesAreRefusedOrEndInErrorWithTheReason() throws Exception {
        int before = api.get("/snapshots?limit=200").json().get("total").asInt();
        Api.Reply latest = api.post("/snapshots", Map.of("name", "l-" + suffix(), "imageName", "ubuntu:latest"));
        assertThat(latest.status()).isEqualTo(400);
        assertThat(latest.body()).contains("\\\":latest\\\" are not allowed");
        assertThat(api.post("/snapshots", Map.of("name", "t-" + suffix(), "imageName", "ubuntu")).body()).contains("tag or a digest");
        assertThat(api.post("/snapshots", Map.of("name", "n-" + suffix())).status()).isEqualTo(400);
        assertThat(api.post("/snapshots", Map.of("name", "bad name", "imageName", BASE)).status()).isEqualTo(400);
        assertThat(api.get("/snapshots?limit=200").json().get("total").asInt()).isEqualTo(before);

        Api.Reply unreachable = api.post("/snapshots", Map.of("name", "u-" + suffix(), "imageName", "registry.invalid/none/image:1.0"));
        assertThat(unreachable.status()).isEqualTo(200);
        Snapshot failed = awaitTerminal(unreachable.as(Snapshot.class).id());
        assertThat(failed.state().wireValue()).isEqualTo("error");
        assertThat(failed.errorReason()).contains("Could not pull registry.invalid/none/image:1.0");
        api.delete("/snapshots/" + failed.id());
    }

    @Test
    void aDockerfileBuildStreamsItsLogsIsCachedAndAFailedBuildKeepsItsLogs(Platform platform) throws Exception {
        String marker = "built-" + suffix();
        String dockerfile = "FROM " + BASE + "\nRUN echo " + marker + " > /home/daytona/marker.txt && echo step-done-" + marker + "\n";
        Api.Reply created = api.post("/snapshots", Map.of("name", "b-" + suffix(), "buildInfo", Map.of("dockerfileContent", dockerfile)));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        Snapshot building = created.as(Snapshot.class);
        assertThat(building.state().wireValue()).isEqualTo("building");
        String logsUrl = api.get("/snapshots/" + building.id() + "/build-logs-url").json().get("url").asText();
        assertThat(logsUrl).endsWith("/api/snapshots/" + building.id() + "/build-logs");
        String followed = follow(platform, logsUrl + "?follow=true");
        assertThat(followed).contains("step-done-" + marker);
        Snapshot built = awaitTerminal(building.id());
        assertThat(built.state().wireValue()).as(built.errorReason()).isEqualTo("active");
        assertThat(built.buildInfo().dockerfileContent()).isEqualTo(dockerfile);

        // The same Dockerfile for a sandbox reuses the image; the sandbox goes through pending_build.
        Api.Reply sandboxReply = api.post("/sandbox", Map.of("buildInfo", Map.of("dockerfileContent", dockerfile)));
        assertThat(sandboxReply.status()).as(sandboxReply.body()).isEqualTo(200);
        Sandbox sandbox = sandboxReply.as(Sandbox.class);
        try {
            assertThat(sandbox.state().wireValue()).isEqualTo("pending_build");
            String sandboxLogs = follow(platform, api.get("/sandbox/" + sandbox.id() + "/build-logs-url").json().get("url").asText() + "?follow=true");
            assertThat(sandboxLogs).contains("Reusing the image");
            Sandbox started = awaitSandbox(sandbox.id(), "started");
            assertThat(started.buildInfo().dockerfileContent()).isEqualTo(dockerfile);
            assertThat(api.toolbox(platform, started.id()).post("/process/execute", Map.of("command", "cat /home/daytona/marker.txt")).json()
                    .get("result").asText()).isEqualTo(marker + "\n");
        } finally {
            api.delete("/sandbox/" + sandbox.id());
        }

        Api.Reply broken = api.post("/snapshots", Map.of("name", "f-" + suffix(),
                "buildInfo", Map.of("dockerfileContent", "FROM " + BASE + "\nRUN echo about-to-fail && exit 3\n")));
        Snapshot failed = awaitTerminal(broken.as(Snapshot.class).id());
        assertThat(failed.state().wireValue()).isEqualTo("build_failed");
        assertThat(failed.errorReason()).isNotBlank();
        assertThat(api.get("/snapshots/" + failed.id() + "/build-logs").body()).contains("about-to-fail");
        Api.Reply missingContext = api.post("/snapshots", Map.of("name", "c-" + suffix(),
                "buildInfo", Map.of("dockerfileContent", "FROM " + BASE + "\n", "contextHashes", List.of("abc123"))));
        assertThat(missingContext.status()).isEqualTo(400);
        assertThat(missingContext.body()).contains("build context abc123 not found");
    }

    private static String follow(Platform platform, String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + platform.adminKey()).timeout(Duration.ofMinutes(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static Snapshot awaitTerminal(String id) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            Snapshot snapshot = api.get("/snapshots/" + id).as(Snapshot.class);
            if (snapshot.state().isTerminal()) {
                return snapshot;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("snapshot " + id + " never settled");
    }

    private static Sandbox awaitSandbox(String id, String state) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            Sandbox sandbox = api.get("/sandbox/" + id).as(Sandbox.class);
            if (sandbox.state().wireValue().equals(state)) {
                return sandbox;
            }
            assertThat(sandbox.state().wireValue()).as(sandbox.errorReason()).isNotIn("error", "build_failed");
            Thread.sleep(250);
        }
        throw new AssertionError("sandbox " + id + " never reached " + state);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
