package io.daytona.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.daytona.controlplane.ratelimit.RateLimits;
import io.daytona.controlplane.sandbox.FakeRuntime;
import io.daytona.model.runner.RunnerTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/runners}: registration (key shown once, stored hashed), the runners' own routes,
 * permissions and isolation, healthchecks, and scheduling over runner processes (fakes here,
 * reached through the same fleet as real ones): spread, capacity, scheduling flags, a runner that
 * stops reporting, and a restore on another runner.
 */
class RunnersApiTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path data;
    private static TestPlatform platform;
    /** The archive store the fake runners share, as runners on one host share a directory. */
    private static final Set<String> ARCHIVES = ConcurrentHashMap.newKeySet();
    private static final Map<String, FakeRuntime> RUNNERS = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        platform = new TestPlatform(data, RateLimits.none(),
                remote -> RUNNERS.computeIfAbsent(remote.id(), id -> new FakeRuntime(id, ARCHIVES)),
                new ControlPlaneConfig.RunnerSettings(TIMEOUT, 0, Duration.ofSeconds(10)));
    }

    @AfterAll
    static void stop() throws Exception {
        platform.close();
    }

    @Test
    void theEmbeddedRunnerIsRegisteredInTheSharedRegionForAdministrators() {
        JsonNode all = platform.call("GET", "/admin/runners", null, platform.adminKey).expect(200);
        JsonNode embedded = find(all, "fake");
        assertThat(embedded.get("region").asText()).isEqualTo("us");
        assertThat(embedded.get("state").asText()).isEqualTo("ready");
        assertThat(embedded.get("apiVersion").asText()).isEqualTo("embedded");
        assertThat(platform.call("GET", "/admin/runners/fake", null, platform.adminKey).expect(200).get("name").asText()).isEqualTo("fake");
        TestPlatform.Reply delete = platform.call("DELETE", "/admin/runners/fake", null, platform.adminKey);
        assertThat(delete.status()).isEqualTo(409);
        assertThat(delete.message()).contains("--no-embedded-runner");

        TestPlatform.User user = platform.createUser("Tia", "tia@example.com");
        assertThat(platform.call("GET", "/runners", null, user.key()).expect(200)).as("the shared region's runners are the server's").isEmpty();
        assertThat(platform.call("GET", "/runners/fake", null, user.key()).status()).isEqualTo(404);
        assertThat(platform.call("GET", "/admin/runners", null, user.key()).status()).isEqualTo(403);
        String sandbox = platform.call("POST", "/sandbox", Map.of(), user.key()).expect(200).get("id").asText();
        assertThat(platform.call("GET", "/runners/by-sandbox/" + sandbox, null, platform.adminKey).expect(200).get("id").asText())
                .isEqualTo("fake");
        assertThat(platform.call("GET", "/runners/by-sandbox/" + sandbox, null, user.key()).status()).isEqualTo(403);

        JsonNode having = platform.call("GET", "/runners/by-snapshot-ref?ref=image:1", null, platform.adminKey).expect(200);
        assertThat(having.findValuesAsText("runnerId")).contains("fake");
        assertThat(having.get(0).get("runnerSnapshotId").asText()).endsWith(":image:1");
        assertThat(platform.call("GET", "/runners/by-snapshot-ref", null, platform.adminKey).message()).contains("ref is required");
        assertThat(platform.call("GET", "/runners/by-snapshot-ref?ref=image:1", null, user.key()).status()).isEqualTo(403);
    }

    @Test
    void anOrganizationRegistersRunnersInItsOwnRegionsAndTheyReportWithTheirKey() {
        TestPlatform.User owner = platform.createUser("Uma", "uma@example.com");
        TestPlatform.User other = platform.createUser("Vic", "vic@example.com");
        String region = platform.call("POST", "/regions", Map.of("name", "uma-region"), owner.key()).expect(201).get("id").asText();

        TestPlatform.Reply shared = platform.call("POST", "/runners", Map.of("regionId", "us", "name", "uma-in-us"), owner.key());
        assertThat(shared.status()).isEqualTo(403);
        assertThat(shared.message()).contains("only a system administrator");
        assertThat(platform.call("POST", "/runners", Map.of("regionId", region, "name", "bad name"), owner.key()).message())
                .contains("name is required");
        assertThat(platform.call("POST", "/runners", Map.of("name", "no-region"), owner.key()).message()).contains("regionId is required");
        assertThat(platform.call("POST", "/runners", Map.of("regionId", region, "name", "stolen"), other.key()).status()).isEqualTo(404);

        JsonNode created = platform.call("POST", "/runners", Map.of("regionId", region, "name", "uma-1", "tags", List.of("gpu=no")),
                owner.key()).expect(201);
        String id = created.get("id").asText();
        String key = created.get("apiKey").asText();
        assertThat(key).startsWith(RunnerTokens.KEY_PREFIX);
        assertThat(platform.call("POST", "/runners", Map.of("regionId", region, "name", "uma-1"), owner.key()).status()).isEqualTo(409);
        String stored = platform.jdbi().withHandle(h -> h.createQuery("SELECT api_key_hash || call_token FROM runner WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
        assertThat(stored).as("the key itself is never stored").doesNotContain(key.substring(4));

        JsonNode listed = platform.call("GET", "/runners", null, owner.key()).expect(200);
        assertThat(listed.findValuesAsText("name")).containsExactly("uma-1");
        assertThat(listed.get(0).get("state").asText()).isEqualTo("initializing");
        assertThat(listed.get(0).get("tags").get(0).asText()).isEqualTo("gpu=no");
        assertThat(listed.get(0).has("apiKey")).isFalse();
        assertThat(platform.call("GET", "/runners?regionId=us", null, owner.key()).expect(200)).isEmpty();
        assertThat(platform.call("GET", "/runners", null, other.key()).expect(200)).isEmpty();
        assertThat(platform.call("GET", "/runners/" + id, null, other.key()).status()).isEqualTo(404);
        assertThat(platform.call("PATCH", "/runners/" + id + "/scheduling", Map.of("unschedulable", true), other.key()).status())
                .isEqualTo(404);
        assertThat(platform.call("DELETE", "/runners/" + id, null, other.key()).status()).isEqualTo(404);

        platform.call("POST", "/runners/healthcheck", health("http://uma-1.test:3003", null), key).expect(200);
        JsonNode ready = platform.call("GET", "/runners/" + id, null, owner.key()).expect(200);
        assertThat(ready.get("state").asText()).isEqualTo("ready");
        assertThat(ready.get("apiUrl").asText()).isEqualTo("http://uma-1.test:3003");
        assertThat(ready.get("cpu").asDouble()).isEqualTo(8);
        assertThat(ready.get("memory").asDouble()).isEqualTo(16);
        assertThat(ready.get("currentCpuUsagePercentage").asDouble()).isEqualTo(12.5);
        assertThat(ready.get("availabilityScore").asDouble()).isBetween(1.0, 100.0);
        assertThat(ready.get("lastChecked").asText()).isNotBlank();

        JsonNode me = platform.call("GET", "/runners/me", null, key).expect(200);
        assertThat(me.get("id").asText()).isEqualTo(id);
        assertThat(me.get("apiKey").asText()).as("the credential the platform calls the runner with")
                .isEqualTo(RunnerTokens.callToken(key)).isNotEqualTo(key);
        assertThat(me.get("regionType").asText()).isEqualTo("custom");

        TestPlatform.Reply withApiKey = platform.call("POST", "/runners/healthcheck", health("http://x.test:1", null), owner.key());
        assertThat(withApiKey.status()).isEqualTo(401);
        assertThat(withApiKey.message()).contains("This route is for runners");
        TestPlatform.Reply runnerKeyElsewhere = platform.call("GET", "/sandbox", null, key);
        assertThat(runnerKeyElsewhere.status()).isEqualTo(401);
        assertThat(runnerKeyElsewhere.message()).contains("runner's key opens only");
        assertThat(platform.call("GET", "/runners/me", null, RunnerTokens.KEY_PREFIX + "0".repeat(64)).message())
                .contains("Invalid runner key");
        assertThat(platform.call("POST", "/runners/healthcheck", Map.of(), key).message()).contains("metrics");
        assertThat(platform.call("POST", "/runners/healthcheck", health("not-a-url", null), key).message()).contains("apiUrl must be");

        JsonNode unschedulable = platform.call("PATCH", "/runners/" + id + "/scheduling", Map.of("unschedulable", true), owner.key())
                .expect(200);
        assertThat(unschedulable.get("unschedulable").asBoolean()).isTrue();
        assertThat(platform.call("PATCH", "/runners/" + id + "/scheduling", null, owner.key()).message())
                .contains("{\"unschedulable\": true}");
        assertThat(platform.call("PATCH", "/runners/" + id + "/draining", Map.of("draining", true), owner.key()).expect(200)
                .get("draining").asBoolean()).isTrue();
        String reader = platform.call("POST", "/api-keys", Map.of("name", "reader", "permissions", List.of("read:runners")), owner.key())
                .expect(201).get("value").asText();
        assertThat(platform.call("GET", "/runners", null, reader).expect(200)).hasSize(1);
        TestPlatform.Reply readOnly = platform.call("PATCH", "/runners/" + id + "/draining", Map.of("draining", false), reader);
        assertThat(readOnly.status()).isEqualTo(403);
        assertThat(readOnly.message()).contains("write:runners");

        platform.call("DELETE", "/runners/" + id, null, owner.key()).expect(204);
        assertThat(platform.call("GET", "/runners/" + id, null, owner.key()).status()).isEqualTo(404);
        assertThat(platform.call("GET", "/runners/me", null, key).status()).as("a deleted runner's key opens nothing").isEqualTo(401);
    }

    @Test
    void administratorsRegisterRunnersWithTheirOwnKeyAndCapacity() {
        String key = RunnerTokens.KEY_PREFIX + "a".repeat(64);
        Map<String, Object> request = new HashMap<>(Map.of("regionId", "us", "name", "admin-made", "apiKey", key, "apiVersion", "0",
                "apiUrl", "http://admin-made.test:3003", "cpu", 2, "memoryGiB", 4, "diskGiB", 20));
        String id = platform.call("POST", "/admin/runners", request, platform.adminKey).expect(201).get("id").asText();
        JsonNode full = platform.call("GET", "/runners/" + id + "/full", null, platform.adminKey).expect(200);
        assertThat(full.get("cpu").asDouble()).isEqualTo(2);
        assertThat(full.get("apiUrl").asText()).isEqualTo("http://admin-made.test:3003");
        assertThat(platform.call("POST", "/admin/runners", request, platform.adminKey).status()).isEqualTo(409);
        request.put("name", "v2");
        request.put("apiKey", RunnerTokens.KEY_PREFIX + "b".repeat(64));
        request.put("apiVersion", "2");
        assertThat(platform.call("POST", "/admin/runners", request, platform.adminKey).message()).contains("apiVersion must be 0");
        request.put("apiVersion", "0");
        request.put("apiKey", "short");
        assertThat(platform.call("POST", "/admin/runners", request, platform.adminKey).message()).contains("apiKey must start with");
        request.put("apiKey", RunnerTokens.KEY_PREFIX + "c".repeat(64));
        request.remove("diskGiB");
        assertThat(platform.call("POST", "/admin/runners", request, platform.adminKey).message()).contains("together");
        platform.call("PATCH", "/admin/runners/" + id + "/scheduling", Map.of("unschedulable", true), platform.adminKey).expect(204);
        assertThat(platform.call("GET", "/admin/runners/" + id, null, platform.adminKey).expect(200).get("unschedulable").asBoolean())
                .isTrue();
        platform.call("DELETE", "/admin/runners/" + id, null, platform.adminKey).expect(204);
    }

    /**
     * Two runner processes in a region: sandboxes spread over them, the small one's declared
     * capacity holds, flags keep sandboxes away, a silent runner's sandboxes become recoverable
     * errors and recover once it reports again, and an archived sandbox is restored on the other.
     */
    @Test
    void sandboxesArePlacedOnReadyRunnersWithRoomAndFollowThem() throws Exception {
        TestPlatform.User user = platform.createUser("Wen", "wen@example.com");
        String region = platform.call("POST", "/regions", Map.of("name", "two-runners"), user.key()).expect(201).get("id").asText();
        JsonNode small = platform.call("POST", "/runners", Map.of("regionId", region, "name", "small"), user.key()).expect(201);
        JsonNode large = platform.call("POST", "/runners", Map.of("regionId", region, "name", "large"), user.key()).expect(201);
        String smallId = small.get("id").asText();
        String largeId = large.get("id").asText();
        String smallKey = small.get("apiKey").asText();
        String largeKey = large.get("apiKey").asText();

        TestPlatform.Reply notYet = platform.call("POST", "/sandbox", Map.of("target", "two-runners"), user.key());
        assertThat(notYet.status()).isEqualTo(503);
        assertThat(notYet.message()).contains("small is initializing").contains("large is initializing");

        platform.call("POST", "/runners/healthcheck", health("http://small.test:3003", Map.of("cpu", 2, "memoryGiB", 4, "diskGiB", 50)),
                smallKey).expect(200);
        platform.call("POST", "/runners/healthcheck", health("http://large.test:3003", null), largeKey).expect(200);
        assertThat(platform.call("GET", "/runners/" + smallId, null, user.key()).expect(200).get("cpu").asDouble())
                .as("the declared capacity").isEqualTo(2);

        List<String> sandboxes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            JsonNode sandbox = platform.call("POST", "/sandbox", Map.of("target", "two-runners", "cpu", 1, "memory", 1, "disk", 3),
                    user.key()).expect(200);
            assertThat(sandbox.get("state").asText()).isEqualTo("started");
            assertThat(sandbox.get("target").asText()).isEqualTo(region);
            sandboxes.add(sandbox.get("id").asText());
        }
        Map<String, List<String>> byRunner = byRunner(user, sandboxes);
        assertThat(byRunner.keySet()).as("spread over both runners").containsExactlyInAnyOrder(smallId, largeId);
        assertThat(byRunner.get(smallId)).as("the small runner's 2 cores").hasSizeLessThanOrEqualTo(2);
        assertThat(RUNNERS.get(largeId).running.keySet()).containsAll(byRunner.get(largeId));
        assertThat(RUNNERS.get(smallId).running.keySet()).containsAll(byRunner.get(smallId));
        JsonNode smallRunner = platform.call("GET", "/runners/" + smallId, null, user.key()).expect(200);
        assertThat(smallRunner.get("currentAllocatedCpu").asDouble()).isEqualTo(byRunner.get(smallId).size());
        assertThat(smallRunner.get("currentStartedSandboxes").asInt()).isEqualTo(byRunner.get(smallId).size());

        platform.call("PATCH", "/runners/" + largeId + "/scheduling", Map.of("unschedulable", true), user.key()).expect(200);
        while (byRunner(user, sandboxes).getOrDefault(smallId, List.of()).size() < 2) {
            sandboxes.add(platform.call("POST", "/sandbox", Map.of("target", region), user.key()).expect(200).get("id").asText());
        }
        TestPlatform.Reply full = platform.call("POST", "/sandbox", Map.of("target", region), user.key());
        assertThat(full.status()).isEqualTo(503);
        assertThat(full.message()).contains("small has no room for 1 cpu").contains("cpu 2 of 2 given").contains("large is unschedulable");
        platform.call("PATCH", "/runners/" + largeId + "/scheduling", Map.of("unschedulable", false), user.key()).expect(200);
        platform.call("PATCH", "/runners/" + largeId + "/draining", Map.of("draining", true), user.key()).expect(200);
        assertThat(platform.call("POST", "/sandbox", Map.of("target", region), user.key()).message()).contains("large is draining");
        platform.call("PATCH", "/runners/" + largeId + "/draining", Map.of("draining", false), user.key()).expect(200);

        // The small runner goes silent; the large one keeps reporting.
        String onSmall = byRunner(user, sandboxes).get(smallId).getFirst();
        String onLarge = byRunner(user, sandboxes).get(largeId).getFirst();
        // In two steps, so that the large runner is never silent for the whole timeout.
        platform.clock.advance(TIMEOUT.dividedBy(2).plusSeconds(1));
        platform.call("POST", "/runners/healthcheck", health("http://large.test:3003", null), largeKey).expect(200);
        platform.clock.advance(TIMEOUT.dividedBy(2).plusSeconds(4));
        JsonNode lost = await(user, onSmall, s -> s.get("state").asText().equals("error"));
        assertThat(lost.get("recoverable").asBoolean()).isTrue();
        assertThat(lost.get("errorReason").asText()).contains("Runner small stopped reporting").contains("recover the sandbox");
        assertThat(platform.call("GET", "/runners/" + smallId, null, user.key()).expect(200).get("state").asText())
                .isEqualTo("unresponsive");
        assertThat(platform.call("GET", "/sandbox/" + onLarge, null, user.key()).expect(200).get("state").asText()).isEqualTo("started");
        TestPlatform.Reply tooEarly = platform.call("POST", "/sandbox/" + onSmall + "/recover", null, user.key());
        assertThat(tooEarly.status()).isEqualTo(200);
        JsonNode stillLost = await(user, onSmall, s -> s.get("state").asText().equals("error"));
        assertThat(stillLost.get("errorReason").asText()).contains("Runner small is unresponsive");

        platform.call("POST", "/runners/healthcheck", health("http://small.test:3003", Map.of("cpu", 2, "memoryGiB", 4, "diskGiB", 50)),
                smallKey).expect(200);
        platform.call("POST", "/sandbox/" + onSmall + "/recover", null, user.key()).expect(200);
        JsonNode recovered = await(user, onSmall, s -> s.get("state").asText().equals("started"));
        assertThat(recovered.get("runnerId").asText()).isEqualTo(smallId);

        // Archived on the small runner, restored on the large one (the archive store is shared).
        platform.call("POST", "/sandbox/" + onSmall + "/stop", null, user.key()).expect(200);
        await(user, onSmall, s -> s.get("state").asText().equals("stopped"));
        platform.call("POST", "/sandbox/" + onSmall + "/archive", null, user.key()).expect(200);
        JsonNode archived = await(user, onSmall, s -> s.get("state").asText().equals("archived"));
        assertThat(archived.get("runnerId").isNull()).isTrue();
        platform.call("PATCH", "/runners/" + smallId + "/scheduling", Map.of("unschedulable", true), user.key()).expect(200);
        platform.call("POST", "/sandbox/" + onSmall + "/start", null, user.key()).expect(200);
        JsonNode restored = await(user, onSmall, s -> s.get("state").asText().equals("started"));
        assertThat(restored.get("runnerId").asText()).isEqualTo(largeId);
        assertThat(RUNNERS.get(largeId).running).containsKey(onSmall);

        TestPlatform.Reply busy = platform.call("DELETE", "/runners/" + largeId, null, user.key());
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.message()).contains("still hosts");
        TestPlatform.Reply regionBusy = platform.call("DELETE", "/regions/" + region, null, user.key());
        assertThat(regionBusy.status()).isEqualTo(409);
        assertThat(regionBusy.message()).contains("runner(s)");
    }

    private static Map<String, List<String>> byRunner(TestPlatform.User user, List<String> sandboxes) {
        Map<String, List<String>> byRunner = new HashMap<>();
        for (String id : sandboxes) {
            JsonNode sandbox = platform.call("GET", "/sandbox/" + id, null, user.key()).expect(200);
            byRunner.computeIfAbsent(sandbox.get("runnerId").asText(), r -> new ArrayList<>()).add(id);
        }
        return byRunner;
    }

    private static JsonNode await(TestPlatform.User user, String id, Predicate<JsonNode> condition) throws InterruptedException {
        JsonNode last = null;
        for (int i = 0; i < 200; i++) {
            last = platform.call("GET", "/sandbox/" + id, null, user.key()).expect(200);
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("sandbox " + id + " never got there: " + last);
    }

    private static JsonNode find(JsonNode runners, String id) {
        for (JsonNode runner : runners) {
            if (runner.get("id").asText().equals(id)) {
                return runner;
            }
        }
        throw new AssertionError("no runner " + id + " in " + runners);
    }

    /** A healthcheck of a host with 8 cores, 16 GiB and 100 GiB of disk, a little used. */
    private static Map<String, Object> health(String apiUrl, Map<String, Object> capacity) {
        Map<String, Object> metrics = Map.ofEntries(Map.entry("currentCpuLoadAverage", 0.5), Map.entry("currentCpuUsagePercentage", 12.5),
                Map.entry("currentMemoryUsagePercentage", 20), Map.entry("currentDiskUsagePercentage", 30),
                Map.entry("currentAllocatedCpu", 0), Map.entry("currentAllocatedMemoryGiB", 0), Map.entry("currentAllocatedDiskGiB", 0),
                Map.entry("currentSnapshotCount", 1), Map.entry("currentStartedSandboxes", 0), Map.entry("cpu", 8),
                Map.entry("memoryGiB", 16), Map.entry("diskGiB", 100));
        Map<String, Object> body = new HashMap<>(Map.of("metrics", metrics, "apiUrl", apiUrl, "appVersion", "test",
                "serviceHealth", List.of(Map.of("serviceName", "engine", "healthy", true))));
        if (capacity != null) {
            body.put("capacity", capacity);
        }
        return body;
    }
}
