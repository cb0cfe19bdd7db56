package io.daytona.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.daytona.http.ServiceException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/sandbox/{id}/pause}, {@code /fork}, {@code /backup} and the fork lineage
 * ({@code /forks}, {@code /parent}, {@code /ancestors}): the states shown while the runner works
 * (held by the fake runner's gate), the conflicts, failures, permissions and organizations.
 */
class SandboxPauseForkApiTest {
    @TempDir
    static Path data;
    private static TestPlatform platform;
    private static TestPlatform.User user;

    @BeforeAll
    static void start() throws Exception {
        platform = new TestPlatform(data);
        user = platform.createUser("Pia", "pia@pause.test");
    }

    @AfterAll
    static void stop() throws Exception {
        platform.close();
    }

    @AfterEach
    void openGates() {
        CountDownLatch gate = platform.runtime.transitionGate;
        if (gate != null) {
            gate.countDown();
        }
        platform.runtime.transitionGate = null;
        platform.runtime.failForks = false;
        platform.runtime.failBackups = false;
    }

    @Test
    void aPausedSandboxIsPausingThenPausedRefusesItsToolboxAndResumesOnStart() throws Exception {
        String id = startedSandbox("pause-1");
        platform.runtime.transitionGate = new CountDownLatch(1);
        JsonNode pausing = call("POST", "/sandbox/" + id + "/pause").expect(200);
        assertThat(pausing.get("state").asText()).isEqualTo("pausing");
        assertThat(pausing.get("desiredState").asText()).isEqualTo("paused");
        assertThat(call("POST", "/sandbox/" + id + "/stop").expect(409).get("message").asText()).contains("pausing");
        assertThat(call("POST", "/sandbox/" + id + "/pause").expect(409).get("message").asText()).contains("pausing");
        platform.runtime.transitionGate.countDown();
        awaitState(id, "paused");
        assertThat(platform.runtime.paused).contains(id);

        assertThat(call("POST", "/sandbox/" + id + "/pause").expect(200).get("state").asText()).as("pausing twice changes nothing")
                .isEqualTo("paused");
        assertThatThrownBy(() -> platform.controlPlane.sandboxAccess().authorizeToolbox(id, Optional.of("Bearer " + user.key())))
                .isInstanceOf(ServiceException.class).hasMessageContaining("paused").hasMessageContaining("/start");
        assertThat(call("POST", "/sandbox/" + id + "/archive").expect(409).get("message").asText()).contains("stop it first");
        call("POST", "/sandbox/" + id + "/resize", Map.of("cpu", 2)).expect(409);
        call("POST", "/sandbox/" + id + "/snapshot", Map.of("name", "of-paused")).expect(409);
        assertThat(platform.call("GET", "/sandbox?states=paused", null, user.key()).expect(200).get("items").toString()).contains(id);

        platform.runtime.transitionGate = null;
        JsonNode resuming = call("POST", "/sandbox/" + id + "/start").expect(200);
        assertThat(resuming.get("state").asText()).isIn("resuming", "started");
        awaitState(id, "started");
        assertThat(platform.runtime.paused).doesNotContain(id);
        assertThat(platform.controlPlane.sandboxAccess().authorizeToolbox(id, Optional.of("Bearer " + user.key())).id()).isEqualTo(id);
    }

    @Test
    void onlyAStartedSandboxPausesAndAPausedOneStopsOrIsDeleted() throws Exception {
        String id = startedSandbox("pause-2");
        call("POST", "/sandbox/" + id + "/stop").expect(200);
        awaitState(id, "stopped");
        assertThat(call("POST", "/sandbox/" + id + "/pause").expect(409).get("message").asText()).contains("start it first");

        call("POST", "/sandbox/" + id + "/start").expect(200);
        awaitState(id, "started");
        call("POST", "/sandbox/" + id + "/pause").expect(200);
        awaitState(id, "paused");
        call("POST", "/sandbox/" + id + "/stop").expect(200);
        awaitState(id, "stopped");
        assertThat(platform.runtime.paused).doesNotContain(id);
        assertThat(platform.runtime.stops).contains(id);

        String other = startedSandbox("pause-3");
        call("POST", "/sandbox/" + other + "/pause").expect(200);
        awaitState(other, "paused");
        platform.call("DELETE", "/sandbox/" + other, null, user.key()).expect(200);
        platform.call("GET", "/sandbox/" + other, null, user.key()).expect(404);
        awaitGone(other);
    }

    @Test
    void aPausedSandboxIsStoppedByItsAutoStopIntervalCountedFromThePause() throws Exception {
        String id = platform.call("POST", "/sandbox", Map.of("name", "pause-idle", "autoStopInterval", 5), user.key()).expect(200)
                .get("id").asText();
        awaitState(id, "started");
        call("POST", "/sandbox/" + id + "/pause").expect(200);
        awaitState(id, "paused");
        platform.clock.advance(Duration.ofMinutes(4));
        Thread.sleep(300);
        assertThat(state(id)).isEqualTo("paused");
        platform.clock.advance(Duration.ofMinutes(2));
        awaitState(id, "stopped");
    }

    @Test
    void aPausedSandboxCountsAgainstTheQuotaLikeAStartedOne() throws Exception {
        TestPlatform.User quoted = platform.createUser("Quota", "quota@pause.test");
        platform.call("PATCH", "/organizations/" + quoted.organizationId() + "/quota/us", Map.of("totalCpuQuota", 2, "totalMemoryQuota", 8,
                "totalDiskQuota", 50), platform.adminKey).expect(204);
        String id = platform.call("POST", "/sandbox", Map.of("cpu", 2), quoted.key()).expect(200).get("id").asText();
        awaitState(id, "started", quoted);
        platform.call("POST", "/sandbox/" + id + "/pause", null, quoted.key()).expect(200);
        awaitState(id, "paused", quoted);
        assertThat(platform.call("POST", "/sandbox", Map.of("cpu", 1), quoted.key()).expect(403).get("message").asText())
                .contains("CPU quota");
        assertThat(platform.call("POST", "/sandbox/" + id + "/fork", Map.of(), quoted.key()).expect(403).get("message").asText())
                .contains("CPU quota");
        platform.call("POST", "/sandbox/" + id + "/start", null, quoted.key()).expect(200);
        awaitState(id, "started", quoted);
    }

    @Test
    void aForkIsForkingWhileTheSourcesFilesAreCopiedThenStartsAsACopyOfTheSource() throws Exception {
        String source = platform.call("POST", "/sandbox", Map.of("name", "fork-source", "env", Map.of("GREETING", "hi"),
                "labels", Map.of("team", "a"), "cpu", 2, "memory", 2, "disk", 4, "autoStopInterval", 30), user.key()).expect(200)
                .get("id").asText();
        awaitState(source, "started");
        platform.runtime.transitionGate = new CountDownLatch(1);
        JsonNode fork = call("POST", "/sandbox/" + source + "/fork", Map.of("name", "the-fork")).expect(200);
        String forkId = fork.get("id").asText();
        assertThat(fork.get("state").asText()).isEqualTo("forking");
        assertThat(fork.get("name").asText()).isEqualTo("the-fork");
        assertThat(state(source)).isEqualTo("forking");
        assertThat(call("POST", "/sandbox/" + source + "/stop").expect(409).get("message").asText()).contains("forking");
        call("POST", "/sandbox/" + source + "/fork", Map.of("name", "second")).expect(409);
        platform.runtime.transitionGate.countDown();

        awaitState(forkId, "started");
        awaitState(source, "started");
        assertThat(platform.runtime.forks).containsEntry(forkId, source);
        JsonNode started = get(forkId);
        JsonNode original = get(source);
        for (String field : List.of("snapshot", "user", "env", "labels", "cpu", "memory", "disk", "autoStopInterval", "runnerId", "target")) {
            assertThat(started.get(field)).as(field).isEqualTo(original.get(field));
        }
        assertThat(call("GET", "/sandbox/" + forkId + "/parent").expect(200).get("id").asText()).isEqualTo(source);
        assertThat(ids(call("GET", "/sandbox/" + source + "/forks").expect(200))).containsExactly(forkId);
        assertThat(call("GET", "/sandbox/" + source + "/parent").expect(404).get("message").asText()).contains("not forked");
        assertThat(call("GET", "/sandbox/" + source + "/ancestors").expect(200)).isEmpty();

        // A fork of the fork: the line goes back through a deleted ancestor.
        String grandchild = call("POST", "/sandbox/the-fork/fork").expect(200).get("id").asText();
        awaitState(grandchild, "started");
        assertThat(get(grandchild).get("name").asText()).isEqualTo(grandchild);
        assertThat(ids(call("GET", "/sandbox/" + grandchild + "/ancestors").expect(200))).containsExactly(forkId, source);
        platform.call("DELETE", "/sandbox/" + forkId, null, user.key()).expect(200);
        assertThat(ids(call("GET", "/sandbox/" + grandchild + "/ancestors").expect(200))).containsExactly(source);
        assertThat(call("GET", "/sandbox/" + grandchild + "/parent").expect(404).get("message").asText()).contains("deleted");
        assertThat(call("GET", "/sandbox/" + source + "/forks").expect(200)).isEmpty();
        assertThat(ids(call("GET", "/sandbox/" + source + "/forks?includeDestroyed=true").expect(200))).containsExactly(forkId);
    }

    @Test
    void stoppedAndPausedSandboxesForkAndStayAsTheyWere() throws Exception {
        String stopped = startedSandbox("fork-stopped");
        call("POST", "/sandbox/" + stopped + "/stop").expect(200);
        awaitState(stopped, "stopped");
        String fromStopped = call("POST", "/sandbox/" + stopped + "/fork").expect(200).get("id").asText();
        awaitState(fromStopped, "started");
        awaitState(stopped, "stopped");

        String paused = startedSandbox("fork-paused");
        call("POST", "/sandbox/" + paused + "/pause").expect(200);
        awaitState(paused, "paused");
        String fromPaused = call("POST", "/sandbox/" + paused + "/fork").expect(200).get("id").asText();
        awaitState(fromPaused, "started");
        awaitState(paused, "paused");
        assertThat(platform.runtime.paused).contains(paused);
    }

    @Test
    void badForksSayWhatToFixAndChangeNothing() throws Exception {
        String id = startedSandbox("fork-bad");
        int before = platform.call("GET", "/sandbox", null, user.key()).expect(200).get("items").size();
        assertThat(call("POST", "/sandbox/" + id + "/fork", Map.of("name", "bad name!")).expect(400).get("message").asText()).contains("invalid");
        assertThat(call("POST", "/sandbox/" + id + "/fork", Map.of("name", "fork-bad")).expect(409).get("message").asText())
                .contains("already exists");
        call("POST", "/sandbox/missing/fork").expect(404);
        call("POST", "/sandbox/" + id + "/stop").expect(200);
        awaitState(id, "stopped");
        call("POST", "/sandbox/" + id + "/archive").expect(200);
        awaitState(id, "archived");
        assertThat(call("POST", "/sandbox/" + id + "/fork").expect(409).get("message").asText()).contains("archived");
        assertThat(platform.call("GET", "/sandbox", null, user.key()).expect(200).get("items").size()).isEqualTo(before);
        assertThat(state(id)).isEqualTo("archived");
    }

    @Test
    void aFailedCopyLeavesTheForkInAnErrorThatCannotBeRecoveredAndTheSourceAsItWas() throws Exception {
        String id = startedSandbox("fork-fails");
        platform.runtime.failForks = true;
        String fork = call("POST", "/sandbox/" + id + "/fork").expect(200).get("id").asText();
        awaitState(fork, "error");
        JsonNode failed = get(fork);
        assertThat(failed.get("errorReason").asText()).contains("no space left on device").contains("fork again");
        assertThat(failed.get("recoverable").asBoolean()).isFalse();
        awaitState(id, "started");
        call("POST", "/sandbox/" + fork + "/recover").expect(409);
        platform.call("DELETE", "/sandbox/" + fork, null, user.key()).expect(200);
    }

    @Test
    void aBackupIsPendingThenCompletedWhileTheSandboxStaysStarted() throws Exception {
        String id = startedSandbox("backup-1");
        assertThat(get(id).get("backupState").asText()).isEqualTo("None");
        platform.runtime.transitionGate = new CountDownLatch(1);
        JsonNode asked = call("POST", "/sandbox/" + id + "/backup").expect(200);
        assertThat(asked.get("backupState").asText()).isIn("Pending", "InProgress");
        assertThat(asked.get("state").asText()).isEqualTo("started");
        awaitBackup(id, "InProgress");
        assertThat(call("POST", "/sandbox/" + id + "/backup").expect(200).get("backupState").asText()).as("asking again changes nothing")
                .isEqualTo("InProgress");
        platform.runtime.transitionGate.countDown();
        awaitBackup(id, "Completed");
        JsonNode done = get(id);
        assertThat(done.get("backupCreatedAt").asText()).startsWith("2030-01-02T00:00:00");
        assertThat(done.get("state").asText()).isEqualTo("started");
        assertThat(platform.runtime.backups).containsEntry(id, 1);

        platform.runtime.failBackups = true;
        call("POST", "/sandbox/" + id + "/backup").expect(200);
        awaitBackup(id, "Error");
        assertThat(state(id)).isEqualTo("started");
    }

    @Test
    void pausedAndStoppedSandboxesAreBackedUpAndArchivedOnesRefused() throws Exception {
        String id = startedSandbox("backup-2");
        call("POST", "/sandbox/" + id + "/pause").expect(200);
        awaitState(id, "paused");
        call("POST", "/sandbox/" + id + "/backup").expect(200);
        awaitBackup(id, "Completed");
        assertThat(state(id)).isEqualTo("paused");
        call("POST", "/sandbox/" + id + "/stop").expect(200);
        awaitState(id, "stopped");
        call("POST", "/sandbox/" + id + "/backup").expect(200);
        awaitBackup(id, "Completed");
        assertThat(platform.runtime.backups).containsEntry(id, 2);
        call("POST", "/sandbox/" + id + "/archive").expect(200);
        awaitState(id, "archived");
        assertThat(call("POST", "/sandbox/" + id + "/backup").expect(409).get("message").asText()).contains("archive store");
    }

    @Test
    void changesNeedTheWritePermissionReadsAnyKeyAndOtherOrganizationsSeeNothing() throws Exception {
        String id = startedSandbox("perm-1");
        String readOnly = platform.call("POST", "/api-keys", Map.of("name", "reader", "permissions", List.of("read:volumes")),
                user.key()).expect(201).get("value").asText();
        for (String action : List.of("pause", "fork", "backup")) {
            platform.call("POST", "/sandbox/" + id + "/" + action, null, readOnly).expect(403);
        }
        for (String read : List.of("forks", "ancestors")) {
            platform.call("GET", "/sandbox/" + id + "/" + read, null, readOnly).expect(200);
        }
        platform.call("GET", "/sandbox/" + id + "/parent", null, readOnly).expect(404);
        TestPlatform.User stranger = platform.createUser("Stranger", "stranger@pause.test");
        for (String action : List.of("pause", "fork", "backup")) {
            platform.call("POST", "/sandbox/" + id + "/" + action, null, stranger.key()).expect(404);
        }
        for (String read : List.of("forks", "parent", "ancestors")) {
            platform.call("GET", "/sandbox/" + id + "/" + read, null, stranger.key()).expect(404);
        }
        assertThat(state(id)).isEqualTo("started");
        assertThat(get(id).get("backupState").asText()).isEqualTo("None");
    }

    private static TestPlatform.Reply call(String method, String path) {
        return platform.call(method, path, null, user.key());
    }

    private static TestPlatform.Reply call(String method, String path, Object body) {
        return platform.call(method, path, body, user.key());
    }

    private static JsonNode get(String id) {
        return call("GET", "/sandbox/" + id).expect(200);
    }

    private static String state(String id) {
        return get(id).get("state").asText();
    }

    private static List<String> ids(JsonNode sandboxes) {
        return StreamSupport.stream(sandboxes.spliterator(), false).map(s -> s.get("id").asText()).toList();
    }

    private static String startedSandbox(String name) throws InterruptedException {
        String id = call("POST", "/sandbox", Map.of("name", name)).expect(200).get("id").asText();
        awaitState(id, "started");
        return id;
    }

    private static void awaitState(String id, String state) throws InterruptedException {
        awaitState(id, state, user);
    }

    private static void awaitState(String id, String state, TestPlatform.User owner) throws InterruptedException {
        await(() -> platform.call("GET", "/sandbox/" + id, null, owner.key()).expect(200).get("state").asText().equals(state),
                "sandbox " + id + " to be " + state);
    }

    private static void awaitBackup(String id, String backupState) throws InterruptedException {
        await(() -> get(id).get("backupState").asText().equals(backupState), "sandbox " + id + " backup to be " + backupState);
    }

    private static void awaitGone(String id) throws InterruptedException {
        await(() -> !platform.runtime.running.containsKey(id), "sandbox " + id + " to be removed from its runner");
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
