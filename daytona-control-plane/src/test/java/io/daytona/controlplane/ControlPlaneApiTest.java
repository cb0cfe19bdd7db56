package io.daytona.controlplane;

import io.daytona.controlplane.persistence.TestDatabases;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.controlplane.auth.ApiKeys;
import io.daytona.controlplane.persistence.Database;
import io.daytona.controlplane.persistence.DatabaseSettings;
import io.daytona.controlplane.sandbox.FakeRuntime;
import io.daytona.controlplane.sandbox.SandboxDefaults;
import io.daytona.controlplane.sandbox.TestClock;
import io.daytona.model.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox endpoints over real HTTP against the whole control plane (database, reconciler,
 * timers) with a fake runner and a clock the test moves. What needs more than one organization or
 * a key without permissions, and the timers, which a real server cannot wait for, are tested here;
 * daytona-e2e repeats the main paths against real sandboxes.
 */
class ControlPlaneApiTest {
    private static final ObjectMapper JSON = Json.newMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    static Path data;
    private static final FakeRuntime RUNTIME = new FakeRuntime();
    private static final TestClock CLOCK = new TestClock(T0);
    private static ControlPlane controlPlane;
    private static String adminKey;
    private static String readOnlyKey;
    private static String otherOrganizationKey;

    @BeforeAll
    static void start() throws Exception {
        SandboxDefaults defaults = new SandboxDefaults("image:1", "us", "http://localhost:4000/toolbox", 4, 8, 10, "http",
                "proxy.test:4000", SandboxDefaults.DEFAULT_MAX_AUTO_ARCHIVE);
        DatabaseSettings databaseSettings = TestDatabases.fresh(data.resolve("db"));
        controlPlane = ControlPlane.start(new ControlPlaneConfig(data, "127.0.0.1", 0, defaults, Duration.ofMillis(50))
                .withDatabase(databaseSettings), RUNTIME, CLOCK);
        adminKey = controlPlane.newAdminKey().orElseThrow();
        // A second pool on the same embedded database, to add what there is no API for yet: keys and organizations.
        try (Database database = Database.open(databaseSettings)) {
            String user = database.jdbi().withHandle(h -> h.createQuery("SELECT id FROM app_user").mapTo(String.class).one());
            String organization = database.jdbi().withHandle(h -> h.createQuery("SELECT id FROM organization").mapTo(String.class).one());
            readOnlyKey = insertKey(database, organization, user, "read-only", "");
            String other = UUID.randomUUID().toString();
            database.jdbi().useHandle(h -> h.createUpdate("""
                            INSERT INTO organization (id, name, personal, created_by, created_at, updated_at)
                            VALUES (:id, 'Other', FALSE, :user, :now, :now)""")
                    .bind("id", other).bind("user", user).bind("now", T0).execute());
            database.jdbi().useHandle(h -> h.createUpdate("""
                            INSERT INTO organization_member (organization_id, user_id, role, created_at) VALUES (:org, :user, 'owner', :now)""")
                    .bind("org", other).bind("user", user).bind("now", T0).execute());
            otherOrganizationKey = insertKey(database, other, user, "other", "write:sandboxes,delete:sandboxes");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        controlPlane.close();
    }

    @Test
    void configIsPublicAndHasEveryRequiredField() {
        Reply reply = call("GET", "/config", null, null);
        assertThat(reply.status()).isEqualTo(200);
        JsonNode config = reply.json();
        for (String field : List.of("version", "oidc", "linkedAccountsEnabled", "announcements", "proxyTemplateUrl", "proxyToolboxUrl",
                "defaultSnapshot", "dashboardUrl", "maxAutoArchiveInterval", "maintananceMode", "environment")) {
            assertThat(config.has(field)).as("field %s in %s", field, config).isTrue();
        }
        assertThat(config.get("oidc").has("issuer") && config.get("oidc").has("clientId") && config.get("oidc").has("audience")).isTrue();
        assertThat(config.get("proxyTemplateUrl").asText()).isEqualTo("http://{{PORT}}-{{sandboxId}}.proxy.test:4000");
        assertThat(config.get("proxyToolboxUrl").asText()).isEqualTo("http://localhost:4000/toolbox");
        assertThat(config.get("defaultSnapshot").asText()).isEqualTo("image:1");
        assertThat(config.get("maxAutoArchiveInterval").asInt()).isEqualTo(43200);
        assertThat(config.get("maintananceMode").asBoolean()).isFalse();
        assertThat(config.get("linkedAccountsEnabled").asBoolean()).isFalse();
    }

    @Test
    void readinessReportsTheDatabaseWithoutCredentials() {
        Reply reply = call("GET", "/health/ready", null, null);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("status").asText()).isEqualTo("ok");
        assertThat(reply.json().at("/info/database/status").asText()).isEqualTo("up");
        assertThat(reply.json().at("/details/database/status").asText()).isEqualTo("up");
        assertThat(reply.json().get("error").isEmpty()).isTrue();
    }

    @Test
    void replacesLabelsAndRefusesBadOnes() {
        String id = create(Map.of("labels", Map.of("old", "1")));
        Reply replaced = admin("PUT", "/sandbox/" + id + "/labels", Map.of("labels", Map.of("new", "2", "team", "a")));
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json()).isEqualTo(JSON.valueToTree(Map.of("labels", Map.of("new", "2", "team", "a"))));
        assertThat(admin("GET", "/sandbox/" + id, null).json().get("labels")).isEqualTo(JSON.valueToTree(Map.of("new", "2", "team", "a")));

        assertThat(admin("PUT", "/sandbox/" + id + "/labels", Map.of("labels", Map.of())).json().get("labels").isEmpty()).isTrue();
        assertBadRequest(admin("PUT", "/sandbox/" + id + "/labels", Map.of()), "labels is required");
        assertBadRequest(admin("PUT", "/sandbox/" + id + "/labels", "{\"labels\": {\"k\": null}}"), "label 'k' has a null value");
        assertBadRequest(admin("PUT", "/sandbox/" + id + "/labels", "{\"labels\": [1]}"), "Malformed JSON");
        assertThat(admin("PUT", "/sandbox/no-such-sandbox/labels", Map.of("labels", Map.of())).status()).isEqualTo(404);
    }

    @Test
    void setsTheLifecycleIntervalsWithTheirSpecialValues() {
        String id = create(Map.of());
        assertThat(admin("POST", "/sandbox/" + id + "/autostop/0", null).json().get("autoStopInterval").asInt()).isZero();
        assertThat(admin("POST", "/sandbox/" + id + "/autostop/90", null).json().get("autoStopInterval").asInt()).isEqualTo(90);
        assertThat(admin("POST", "/sandbox/" + id + "/autoarchive/0", null).json().get("autoArchiveInterval").asInt())
                .as("0 means the maximum").isEqualTo(43200);
        assertThat(admin("POST", "/sandbox/" + id + "/autoarchive/60", null).json().get("autoArchiveInterval").asInt()).isEqualTo(60);
        assertThat(admin("POST", "/sandbox/" + id + "/autoarchive/100000", null).json().get("autoArchiveInterval").asInt())
                .as("cut to the maximum").isEqualTo(43200);
        assertThat(admin("POST", "/sandbox/" + id + "/autodelete/-1", null).json().get("autoDeleteInterval").asInt()).isEqualTo(-1);
        assertThat(admin("POST", "/sandbox/" + id + "/autodelete/0", null).json().get("autoDeleteInterval").asInt()).isZero();
        assertThat(admin("GET", "/sandbox/" + id, null).json().get("autoStopInterval").asInt()).isEqualTo(90);

        assertBadRequest(admin("POST", "/sandbox/" + id + "/autostop/-1", null), "autoStopInterval must be a non-negative integer");
        assertBadRequest(admin("POST", "/sandbox/" + id + "/autoarchive/-5", null), "autoArchiveInterval must be a non-negative integer");
        assertBadRequest(admin("POST", "/sandbox/" + id + "/autostop/soon", null), "autoStopInterval must be an integer number of minutes, got 'soon'");
        assertBadRequest(admin("POST", "/sandbox/" + id + "/autodelete/1.5", null), "autoDeleteInterval must be an integer");
        assertThat(admin("POST", "/sandbox/no-such-sandbox/autostop/5", null).status()).isEqualTo(404);
    }

    @Test
    void makesASandboxPublicAndPrivate() {
        String id = create(Map.of());
        assertThat(admin("POST", "/sandbox/" + id + "/public/true", null).json().get("public").asBoolean()).isTrue();
        assertThat(admin("GET", "/sandbox/" + id, null).json().get("public").asBoolean()).isTrue();
        assertThat(admin("POST", "/sandbox/" + id + "/public/false", null).json().get("public").asBoolean()).isFalse();
        assertBadRequest(admin("POST", "/sandbox/" + id + "/public/maybe", null), "isPublic must be true or false");
    }

    @Test
    void lastActivityAnswers201AndMovesTheTime() {
        String id = create(Map.of());
        Instant before = Instant.parse(admin("GET", "/sandbox/" + id, null).json().get("lastActivityAt").asText());
        CLOCK.advance(Duration.ofSeconds(30));
        Reply reply = admin("POST", "/sandbox/" + id + "/last-activity", null);
        assertThat(reply.status()).isEqualTo(201);
        Instant after = Instant.parse(admin("GET", "/sandbox/" + id, null).json().get("lastActivityAt").asText());
        assertThat(after).isEqualTo(CLOCK.instant()).isAfter(before);
        assertThat(admin("POST", "/sandbox/no-such-sandbox/last-activity", null).status()).isEqualTo(404);
    }

    @Test
    void anIdleSandboxIsStoppedByTheReconcilersScanOnceTheClockPassesItsAutoStop() throws Exception {
        String id = create(Map.of("autoStopInterval", 1));
        CLOCK.advance(Duration.ofSeconds(30));
        Thread.sleep(300);
        assertThat(state(id)).isEqualTo("started");
        CLOCK.advance(Duration.ofSeconds(31));
        awaitState(id, "stopped"::equals);
        assertThat(RUNTIME.stops).contains(id);
    }

    @Test
    void anIdleEphemeralSandboxIsDeletedAndAStoppedOneAfterItsAutoDelete() throws Exception {
        String ephemeral = create(Map.of("autoStopInterval", 1, "autoDeleteInterval", 0, "name", "ephemeral-idle"));
        String stopped = create(Map.of("autoDeleteInterval", 2));
        admin("POST", "/sandbox/" + stopped + "/stop", null);
        awaitState(stopped, "stopped"::equals);
        CLOCK.advance(Duration.ofMinutes(1));
        awaitState(ephemeral, "gone"::equals);
        assertThat(create(Map.of("name", "ephemeral-idle"))).as("the name is free again").isNotBlank();
        assertThat(state(stopped)).isEqualTo("stopped");
        CLOCK.advance(Duration.ofMinutes(1));
        awaitState(stopped, "gone"::equals);
    }

    @Test
    void stoppingAnEphemeralSandboxDeletesIt() throws Exception {
        String id = create(Map.of("autoDeleteInterval", 0));
        Reply reply = admin("POST", "/sandbox/" + id + "/stop", null);
        assertThat(reply.status()).isEqualTo(200);
        // The fake runner may finish before the answer is written.
        assertThat(reply.json().get("state").asText()).isIn("destroying", "destroyed");
        awaitState(id, "gone"::equals);
        assertThat(RUNTIME.running).doesNotContainKey(id);
    }

    @Test
    void aForcedStopKillsTheSandbox() throws Exception {
        String forced = create(Map.of());
        assertThat(admin("POST", "/sandbox/" + forced + "/stop?force=true", null).status()).isEqualTo(200);
        awaitState(forced, "stopped"::equals);
        assertThat(RUNTIME.stops).contains(forced + " (forced)");

        String graceful = create(Map.of());
        assertThat(admin("POST", "/sandbox/" + graceful + "/stop?force=false", null).status()).isEqualTo(200);
        awaitState(graceful, "stopped"::equals);
        assertThat(RUNTIME.stops).contains(graceful).doesNotContain(graceful + " (forced)");
        assertThat(admin("POST", "/sandbox/" + graceful + "/start", null).status()).isEqualTo(200);
        awaitState(graceful, "started"::equals);
        assertThat(admin("POST", "/sandbox/" + graceful + "/stop", null).status()).isEqualTo(200);
        awaitState(graceful, "stopped"::equals);
        assertThat(RUNTIME.stops.stream().filter(s -> s.startsWith(graceful))).as("a forced stop is not remembered")
                .containsExactly(graceful, graceful);

        String another = create(Map.of());
        assertBadRequest(admin("POST", "/sandbox/" + another + "/stop?force=maybe", null), "force must be true or false");
    }

    @Test
    void everyEndpointNeedsAKeyAndMutationsNeedWriteSandboxes() {
        String id = create(Map.of());
        List<String[]> mutations = List.of(
                new String[] {"PUT", "/sandbox/" + id + "/labels"},
                new String[] {"POST", "/sandbox/" + id + "/autostop/5"},
                new String[] {"POST", "/sandbox/" + id + "/autoarchive/5"},
                new String[] {"POST", "/sandbox/" + id + "/autodelete/5"},
                new String[] {"POST", "/sandbox/" + id + "/public/true"},
                new String[] {"POST", "/sandbox/" + id + "/last-activity"},
                new String[] {"POST", "/sandbox/" + id + "/stop?force=true"});
        Object labels = Map.of("labels", Map.of());
        for (String[] mutation : mutations) {
            Object body = mutation[0].equals("PUT") ? labels : null;
            assertThat(call(mutation[0], mutation[1], body, null).status()).as("no key: %s", mutation[1]).isEqualTo(401);
            Reply forbidden = call(mutation[0], mutation[1], body, readOnlyKey);
            assertThat(forbidden.status()).as("read-only key: %s", mutation[1]).isEqualTo(403);
            assertThat(forbidden.json().get("message").asText()).contains("write:sandboxes");
        }
        for (String read : List.of("/sandbox", "/sandbox/paginated", "/sandbox/" + id + "/ports/3000/preview-url")) {
            assertThat(call("GET", read, null, null).status()).as("no key: %s", read).isEqualTo(401);
            assertThat(call("GET", read, null, readOnlyKey).status()).as("read-only key: %s", read).isEqualTo(200);
        }
        assertThat(state(id)).isEqualTo("started");
    }

    @Test
    void anotherOrganizationsKeyNeitherSeesNorChangesTheSandbox() {
        String id = create(Map.of("labels", Map.of("owner", "first")));
        for (String[] call : List.of(
                new String[] {"GET", "/sandbox/" + id},
                new String[] {"PUT", "/sandbox/" + id + "/labels"},
                new String[] {"POST", "/sandbox/" + id + "/autostop/5"},
                new String[] {"POST", "/sandbox/" + id + "/public/true"},
                new String[] {"POST", "/sandbox/" + id + "/last-activity"},
                new String[] {"POST", "/sandbox/" + id + "/stop"},
                new String[] {"GET", "/sandbox/" + id + "/ports/3000/preview-url"})) {
            Object body = call[0].equals("PUT") ? Map.of("labels", Map.of("owner", "second")) : null;
            assertThat(call(call[0], call[1], body, otherOrganizationKey).status()).as("%s %s", call[0], call[1]).isEqualTo(404);
        }
        JsonNode sandbox = admin("GET", "/sandbox/" + id, null).json();
        assertThat(sandbox.at("/labels/owner").asText()).isEqualTo("first");
        assertThat(sandbox.get("public").asBoolean()).isFalse();
        assertThat(sandbox.get("state").asText()).isEqualTo("started");
        assertThat(call("GET", "/sandbox?id=" + id, null, otherOrganizationKey).json().get("items").isEmpty()).isTrue();
        assertThat(call("GET", "/sandbox/paginated?id=" + id, null, otherOrganizationKey).json().get("total").asInt()).isZero();
    }

    @Test
    void listsFilterSortAndPage() {
        String suite = "list-" + UUID.randomUUID().toString().substring(0, 6);
        List<String> ids = new ArrayList<>();
        int[] memory = {3, 5, 1, 4, 2};
        for (int i = 0; i < 5; i++) {
            ids.add(create(Map.of("name", suite + "-" + i, "labels", Map.of("suite", suite), "memory", memory[i])));
            CLOCK.advance(Duration.ofSeconds(1));
        }
        String labels = "labels=" + URLEncoder.encode("{\"suite\":\"" + suite + "\"}", StandardCharsets.UTF_8);

        // The cursor list, newest first by default, walked two at a time.
        List<String> walked = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = admin("GET", "/sandbox?limit=2&" + labels + (cursor == null ? "" : "&cursor=" + cursor), null).json();
            page.get("items").forEach(item -> walked.add(item.get("id").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        assertThat(walked).containsExactlyElementsOf(ids.reversed());

        assertThat(itemNames(admin("GET", "/sandbox?" + labels + "&sort=memoryGiB&order=asc", null)))
                .containsExactly(suite + "-2", suite + "-4", suite + "-0", suite + "-3", suite + "-1");
        assertThat(itemNames(admin("GET", "/sandbox?name=" + suite.toUpperCase() + "-1", null))).containsExactly(suite + "-1");
        assertThat(itemNames(admin("GET", "/sandbox?id=" + ids.get(2).substring(0, 13) + "&" + labels, null))).contains(suite + "-2");
        admin("POST", "/sandbox/" + ids.get(4) + "/stop", null);
        awaitState(ids.get(4), "stopped"::equals);
        assertThat(itemNames(admin("GET", "/sandbox?" + labels + "&states=stopped", null))).containsExactly(suite + "-4");
        assertThat(itemNames(admin("GET", "/sandbox?" + labels + "&states=stopped&states=started", null))).hasSize(5);
        assertThat(itemNames(admin("GET", "/sandbox?" + labels + "&minMemoryGiB=3&maxMemoryGiB=4", null)))
                .containsExactly(suite + "-3", suite + "-0");
        String thirdCreated = admin("GET", "/sandbox/" + ids.get(3), null).json().get("createdAt").asText();
        assertThat(itemNames(admin("GET", "/sandbox?" + labels + "&createdAtAfter=" + thirdCreated, null)))
                .containsExactly(suite + "-4", suite + "-3");
        assertThat(itemNames(admin("GET", "/sandbox?" + labels + "&snapshots=image:1&regionIds=us&isPublic=false", null))).hasSize(5);
        assertThat(itemNames(admin("GET", "/sandbox?" + labels + "&isPublic=true", null))).isEmpty();
        assertThat(itemNames(admin("GET", "/sandbox?" + labels + "&snapshots=other:1", null))).isEmpty();
        assertThat(itemNames(admin("GET", "/sandbox/paginated?" + labels + "&regions=eu", null))).isEmpty();
        assertBadRequest(admin("GET", "/sandbox?minCpu=3&maxCpu=1", null), "minCpu (3) must not be above maxCpu (1)");
        assertBadRequest(admin("GET", "/sandbox?createdAtAfter=yesterday", null), "createdAtAfter must be an ISO-8601 date");
        assertBadRequest(admin("GET", "/sandbox?sort=state", null), "sort must be one of");
        assertBadRequest(admin("GET", "/sandbox?states=running", null), "unknown state 'running'");
        assertBadRequest(admin("GET", "/sandbox?order=sideways", null), "order must be asc or desc");
        assertBadRequest(admin("GET", "/sandbox?labels=nope", null), "labels must be a JSON object");

        // The page list.
        JsonNode second = admin("GET", "/sandbox/paginated?page=2&limit=2&sort=name&order=asc&" + labels, null).json();
        assertThat(second.get("total").asInt()).isEqualTo(5);
        assertThat(second.get("page").asInt()).isEqualTo(2);
        assertThat(second.get("totalPages").asInt()).isEqualTo(3);
        assertThat(itemNames(second)).containsExactly(suite + "-2", suite + "-3");
        assertThat(itemNames(admin("GET", "/sandbox/paginated?" + labels + "&states=stopped&sort=state", null))).containsExactly(suite + "-4");
        assertBadRequest(admin("GET", "/sandbox/paginated?page=0", null), "page must be at least 1");
        assertBadRequest(admin("GET", "/sandbox/paginated?sort=cpu", null), "sort must be one of");
    }

    @Test
    void sshAccessExpiresWithTheClockAndStaysInItsOrganization() {
        String id = create(Map.of());
        Reply created = admin("POST", "/sandbox/" + id + "/ssh-access?expiresInMinutes=10", null);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String token = created.json().get("token").asText();
        assertThat(created.json().get("sshCommand").asText()).isEqualTo("ssh -p 2222 " + token + "@localhost");
        assertThat(controlPlane.sshAccess().sandboxFor(token)).contains(id);
        assertThat(call("GET", "/sandbox/ssh-access/validate?token=" + token, null, otherOrganizationKey).json().get("valid").asBoolean())
                .as("another organization learns nothing").isFalse();
        assertThat(call("POST", "/sandbox/" + id + "/ssh-access", null, otherOrganizationKey).status()).isEqualTo(404);
        assertThat(call("POST", "/sandbox/" + id + "/ssh-access", null, readOnlyKey).status()).isEqualTo(403);
        assertThat(call("DELETE", "/sandbox/" + id + "/ssh-access", null, otherOrganizationKey).status()).isEqualTo(404);
        assertThat(controlPlane.sshAccess().sandboxFor(token)).as("a refused revoke changes nothing").contains(id);
        assertBadRequest(admin("POST", "/sandbox/" + id + "/ssh-access?expiresInMinutes=43201", null), "expiresInMinutes must be from 1 to 43200");

        CLOCK.advance(Duration.ofMinutes(10));
        assertThat(controlPlane.sshAccess().sandboxFor(token)).as("expired").isEmpty();
        assertThat(admin("GET", "/sandbox/ssh-access/validate?token=" + token, null).json().get("valid").asBoolean()).isFalse();
        assertThat(admin("GET", "/sandbox/ssh-access/validate?token=" + token, null).json().get("sandboxId").asText()).isEmpty();
    }

    @Test
    void signedPreviewUrlsExpireWithTheClockAndOnlyForTheirPort() {
        String id = create(Map.of());
        Reply signed = admin("GET", "/sandbox/" + id + "/ports/3000/signed-preview-url", null);
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
        String token = signed.json().get("token").asText();
        assertThat(signed.json().get("url").asText()).isEqualTo("http://3000-" + token + ".proxy.test:4000");
        assertThat(controlPlane.previewAccess().authorize(token, 3000, java.util.Optional.empty(), java.util.Optional.empty()).id()).isEqualTo(id);
        assertThatThrownBy(() -> controlPlane.previewAccess().authorize(token, 3001, java.util.Optional.empty(), java.util.Optional.empty()))
                .hasMessageContaining("expired or was revoked");
        assertThat(call("GET", "/sandbox/" + id + "/ports/3000/signed-preview-url", null, otherOrganizationKey).status()).isEqualTo(404);
        assertThat(call("POST", "/sandbox/" + id + "/ports/3000/signed-preview-url/" + token + "/expire", null, otherOrganizationKey).status())
                .isEqualTo(404);

        String terminal = admin("GET", "/sandbox/" + id + "/ports/22222/signed-preview-url", null).json().get("token").asText();
        assertThat(controlPlane.previewAccess().authorize(terminal, 22222, java.util.Optional.empty(), java.util.Optional.empty()).id())
                .as("a member's signed URL opens the web terminal in a browser").isEqualTo(id);
        assertThatThrownBy(() -> controlPlane.previewAccess().authorize(terminal, 3000, java.util.Optional.empty(), java.util.Optional.empty()))
                .as("and nothing else").hasMessageContaining("expired or was revoked");
        assertThatThrownBy(() -> controlPlane.previewAccess().authorize(id, 22222, java.util.Optional.empty(), java.util.Optional.empty()))
                .as("without it the web terminal stays for members").hasMessageContaining("members of the sandbox's organization");

        CLOCK.advance(Duration.ofSeconds(60));
        assertThatThrownBy(() -> controlPlane.previewAccess().authorize(token, 3000, java.util.Optional.empty(), java.util.Optional.empty()))
                .as("the default expiry is 60 s").hasMessageContaining("expired or was revoked");
    }

    // Helpers.

    private record Reply(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }
    }

    private static List<String> itemNames(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return itemNames(reply.json());
    }

    private static List<String> itemNames(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("items").forEach(item -> names.add(item.get("name").asText()));
        return names;
    }

    private static String create(Map<String, Object> body) {
        Reply reply = admin("POST", "/sandbox", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("state").asText()).isEqualTo("started");
        return reply.json().get("id").asText();
    }

    private static String state(String id) {
        Reply reply = admin("GET", "/sandbox/" + id, null);
        return reply.status() == 404 ? "gone" : reply.json().get("state").asText();
    }

    private static void awaitState(String id, Predicate<String> expected) {
        String last = null;
        for (int i = 0; i < 200; i++) {
            last = state(id);
            if (expected.test(last)) {
                return;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("sandbox " + id + " did not reach the expected state; last " + last);
    }

    private static void assertBadRequest(Reply reply, String message) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().get("message").asText()).contains(message);
    }

    private static Reply admin(String method, String path, Object body) {
        return call(method, path, body, adminKey);
    }

    private static Reply call(String method, String path, Object body, String key) {
        try {
            String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPlane.port() + "/api" + path))
                    .method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
            if (text != null) {
                request.header("Content-Type", "application/json");
            }
            if (key != null) {
                request.header("Authorization", "Bearer " + key);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String insertKey(Database database, String organization, String user, String name, String permissions) {
        String key = ApiKeys.generate();
        database.jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO api_key (id, organization_id, user_id, name, key_hash, key_prefix, key_suffix, permissions, created_at)
                        VALUES (:id, :org, :user, :name, :hash, 'dtn', 'xyz', :permissions, :now)""")
                .bind("id", UUID.randomUUID().toString()).bind("org", organization).bind("user", user).bind("name", name)
                .bind("hash", ApiKeys.hash(key)).bind("permissions", permissions).bind("now", T0).execute());
        return key;
    }
}
