package io.daytona.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/sandbox/{id}/snapshot}: snapshotting while the runner commits, then an active snapshot others start from. */
class SandboxSnapshotApiTest {
    @TempDir
    static Path data;
    private static TestPlatform platform;
    private static TestPlatform.User user;

    @BeforeAll
    static void start() throws Exception {
        platform = new TestPlatform(data);
        user = platform.createUser("Snap", "snap@s.test");
    }

    @AfterAll
    static void stop() throws Exception {
        platform.close();
    }

    @Test
    void theSandboxIsSnapshottingUntilTheCommitEndsThenTheSnapshotStartsNewSandboxes() throws Exception {
        String id = startedSandbox("source-1");
        platform.runtime.commitGate = new CountDownLatch(1);
        try {
            JsonNode during = platform.call("POST", "/sandbox/" + id + "/snapshot", Map.of("name", "from-source"), user.key()).expect(200);
            assertThat(during.get("state").asText()).isEqualTo("snapshotting");
            assertThat(snapshot("from-source").get("state").asText()).isEqualTo("pending");
            assertThat(platform.call("POST", "/sandbox/" + id + "/snapshot", Map.of("name", "second"), user.key()).expect(409)
                    .get("message").asText()).contains("snapshotting");
            platform.call("POST", "/sandbox/" + id + "/stop", null, user.key()).expect(409);
        } finally {
            platform.runtime.commitGate.countDown();
        }
        awaitState(id, "started");
        JsonNode made = snapshot("from-source");
        assertThat(made.get("state").asText()).isEqualTo("active");
        assertThat(platform.runtime.commits).containsEntry(made.get("ref").asText(), id);
        assertThat(made.get("entrypoint")).isNotEmpty();

        String copy = platform.call("POST", "/sandbox", Map.of("snapshot", "from-source"), user.key()).expect(200).get("id").asText();
        awaitState(copy, "started");
    }

    @Test
    void aFailedCommitLeavesTheSnapshotInErrorWithTheReasonAndTheSandboxAsItWas() throws Exception {
        String id = startedSandbox("source-2");
        platform.runtime.failCommits = true;
        try {
            platform.call("POST", "/sandbox/" + id + "/snapshot", Map.of("name", "doomed"), user.key()).expect(200);
            awaitState(id, "started");
        } finally {
            platform.runtime.failCommits = false;
        }
        JsonNode failed = snapshot("doomed");
        assertThat(failed.get("state").asText()).isEqualTo("error");
        assertThat(failed.get("errorReason").asText()).contains("no space left on device");
    }

    @Test
    void badRequestsSayWhatToFixAndChangeNothing() throws Exception {
        String id = startedSandbox("source-3");
        assertThat(platform.call("POST", "/sandbox/" + id + "/snapshot", Map.of(), user.key()).expect(400).get("message").asText())
                .contains("name");
        assertThat(platform.call("POST", "/sandbox/" + id + "/snapshot", Map.of("name", "bad name!"), user.key()).expect(400)
                .get("message").asText()).contains("invalid");
        assertThat(platform.call("POST", "/sandbox/" + id + "/snapshot", Map.of("name", "m", "includeMemory", true), user.key())
                .expect(400).get("message").asText()).contains("includeMemory");
        platform.call("POST", "/snapshots", Map.of("name", "taken", "imageName", "image:1"), user.key()).expect(200);
        platform.call("POST", "/sandbox/" + id + "/snapshot", Map.of("name", "taken"), user.key()).expect(409);
        platform.call("POST", "/sandbox/missing/snapshot", Map.of("name", "x"), user.key()).expect(404);
        String sandboxesOnly = platform.call("POST", "/api-keys", Map.of("name", "no-snapshots", "permissions", List.of("write:sandboxes")),
                user.key()).expect(201).get("value").asText();
        platform.call("POST", "/sandbox/" + id + "/snapshot", Map.of("name", "x"), sandboxesOnly).expect(403);
        assertThat(platform.call("GET", "/sandbox/" + id, null, user.key()).expect(200).get("state").asText()).isEqualTo("started");
        platform.call("GET", "/snapshots/x", null, user.key()).expect(404);
    }

    @Test
    void aSandboxTakesItsSnapshotsResourcesUnlessTheRequestNamesItsOwn() throws Exception {
        platform.call("POST", "/snapshots", Map.of("name", "sized", "imageName", "image:1", "cpu", 2, "memory", 3, "disk", 4),
                user.key()).expect(200);
        for (int i = 0; i < 200 && !snapshot("sized").get("state").asText().equals("active"); i++) {
            Thread.sleep(50);
        }

        JsonNode inherited = platform.call("POST", "/sandbox", Map.of("snapshot", "sized"), user.key()).expect(200);
        assertThat(List.of(inherited.get("cpu").asInt(), inherited.get("memory").asInt(), inherited.get("disk").asInt()))
                .containsExactly(2, 3, 4);
        JsonNode own = platform.call("POST", "/sandbox", Map.of("snapshot", "sized", "cpu", 1), user.key()).expect(200);
        assertThat(List.of(own.get("cpu").asInt(), own.get("memory").asInt(), own.get("disk").asInt())).containsExactly(1, 3, 4);
        JsonNode byDefault = platform.call("POST", "/sandbox", Map.of(), user.key()).expect(200);
        assertThat(List.of(byDefault.get("cpu").asInt(), byDefault.get("memory").asInt(), byDefault.get("disk").asInt()))
                .containsExactly(1, 1, 3);
    }

    @Test
    void aSystemAdministratorSharesASnapshotWithEveryOrganizationAndAsksWhetherAnImageIsUnused() throws Exception {
        platform.call("POST", "/snapshots", Map.of("name", "to-share", "imageName", "image:1"), user.key()).expect(200);
        String id = snapshot("to-share").get("id").asText();
        TestPlatform.User other = platform.createUser("Other", "other-snap@s.test");
        platform.call("GET", "/snapshots/to-share", null, other.key()).expect(404);

        platform.call("PATCH", "/admin/snapshots/" + id + "/general", Map.of("general", true), user.key()).expect(403);
        JsonNode shared = platform.call("PATCH", "/admin/snapshots/" + id + "/general", Map.of("general", true), platform.adminKey)
                .expect(200);
        assertThat(shared.get("general").asBoolean()).isTrue();
        assertThat(platform.call("GET", "/snapshots/to-share", null, other.key()).expect(200).get("id").asText()).isEqualTo(id);
        platform.call("PATCH", "/admin/snapshots/" + id + "/general", Map.of("general", false), platform.adminKey).expect(200);
        platform.call("GET", "/snapshots/to-share", null, other.key()).expect(404);
        platform.call("PATCH", "/admin/snapshots/" + id + "/general", Map.of(), platform.adminKey).expect(400);
        platform.call("PATCH", "/admin/snapshots/missing/general", Map.of("general", true), platform.adminKey).expect(404);

        String cleanup = "/admin/snapshots/can-cleanup-image?imageName=";
        assertThat(platform.call("GET", cleanup + "image:1", null, platform.adminKey).expect(200).asBoolean()).isFalse();
        assertThat(platform.call("GET", cleanup + "unused:7", null, platform.adminKey).expect(200).asBoolean()).isTrue();
        platform.call("GET", cleanup + "unused:7", null, user.key()).expect(403);
        platform.call("GET", "/admin/snapshots/can-cleanup-image", null, platform.adminKey).expect(400);
    }

    @Test
    void onlyASystemAdministratorRecoversThroughTheAdminRoute() {
        platform.call("POST", "/admin/sandbox/missing/recover", null, platform.adminKey).expect(404);
        platform.call("POST", "/admin/sandbox/missing/recover", null, user.key()).expect(403);
    }

    private static String startedSandbox(String name) throws InterruptedException {
        String id = platform.call("POST", "/sandbox", Map.of("name", name), user.key()).expect(200).get("id").asText();
        awaitState(id, "started");
        return id;
    }

    private static JsonNode snapshot(String name) {
        return platform.call("GET", "/snapshots/" + name, null, user.key()).expect(200);
    }

    private static void awaitState(String id, String state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (platform.call("GET", "/sandbox/" + id, null, user.key()).expect(200).get("state").asText().equals(state)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("sandbox " + id + " did not reach " + state);
    }
}
