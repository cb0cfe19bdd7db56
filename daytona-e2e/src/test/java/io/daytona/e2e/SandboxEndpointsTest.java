package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.daytona.controlplane.auth.ApiKeys;
import io.daytona.controlplane.persistence.Database;
import io.daytona.model.sandbox.Sandbox;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sandbox endpoints beyond create/get/delete over raw HTTP, against the real server and real
 * sandboxes: labels, lifecycle intervals, public, last activity, forced stop, ephemeral stop,
 * the lists' filters and pages, preview URLs, config and readiness. The timers themselves need a
 * clock that moves, so they are tested in the control plane (ControlPlaneApiTest, LifecycleTimersTest).
 */
@ExtendWith(PlatformExtension.class)
class SandboxEndpointsTest {
    private static final List<String> CONFIG_FIELDS = List.of("version", "oidc", "linkedAccountsEnabled", "announcements",
            "proxyTemplateUrl", "proxyToolboxUrl", "defaultSnapshot", "dashboardUrl", "maxAutoArchiveInterval", "maintananceMode",
            "environment");

    @Test
    void configAndReadinessAnswerWithoutCredentials(Platform platform) {
        Api anonymous = Api.of(platform).withKey(Optional.empty());
        Api.Reply config = anonymous.get("/config");
        assertThat(config.status()).as(config.body()).isEqualTo(200);
        CONFIG_FIELDS.forEach(field -> assertThat(config.json().has(field)).as("%s in %s", field, config.body()).isTrue());
        assertThat(config.json().get("proxyTemplateUrl").asText())
                .isEqualTo("http://{{PORT}}-{{sandboxId}}." + platform.proxyUrl().getAuthority());
        assertThat(config.json().get("proxyToolboxUrl").asText()).isEqualTo(platform.proxyUrl() + "/toolbox");
        assertThat(config.json().get("defaultSnapshot").asText()).isEqualTo("daytona/sandbox:0.1.0");
        assertThat(config.json().get("maxAutoArchiveInterval").asInt()).isEqualTo(43200);
        assertThat(config.json().get("maintananceMode").asBoolean()).isFalse();
        assertThat(config.json().at("/oidc/issuer").isTextual()).isTrue();

        Api.Reply ready = anonymous.get("/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("status").asText()).isEqualTo("ok");
        assertThat(ready.json().at("/info/database/status").asText()).isEqualTo("up");
        assertThat(ready.json().has("error") && ready.json().has("details")).isTrue();
    }

    @Test
    void everyNewEndpointNeedsAKeyAndAnswers404ForAnUnknownSandbox(Platform platform) {
        Api api = Api.of(platform);
        Api anonymous = api.withKey(Optional.empty());
        String unknown = "/sandbox/no-such-sandbox";
        assertThat(anonymous.put(unknown + "/labels", Map.of("labels", Map.of())).status()).isEqualTo(401);
        assertThat(api.put(unknown + "/labels", Map.of("labels", Map.of())).status()).isEqualTo(404);
        for (String path : List.of("/autostop/5", "/autoarchive/5", "/autodelete/5", "/public/true", "/last-activity", "/stop?force=true")) {
            Api.Reply withoutKey = anonymous.post(unknown + path, null);
            assertThat(withoutKey.status()).as("no key: %s", path).isEqualTo(401);
            assertThat(withoutKey.json().get("error").asText()).isEqualTo("Unauthorized");
            Api.Reply missing = api.post(unknown + path, null);
            assertThat(missing.status()).as("unknown sandbox: %s", path).isEqualTo(404);
            assertThat(missing.json().get("message").asText()).contains("no-such-sandbox");
        }
        for (String path : List.of("/sandbox/paginated", unknown + "/ports/3000/preview-url")) {
            assertThat(anonymous.get(path).status()).as("no key: %s", path).isEqualTo(401);
        }
        assertThat(api.get(unknown + "/ports/3000/preview-url").status()).isEqualTo(404);
    }

    @Test
    void labelsIntervalsAndVisibilityAreStoredAndReturned(Platform platform) {
        Api api = Api.of(platform);
        Sandbox sandbox = api.post("/sandbox", Map.of("labels", Map.of("first", "1"))).as(Sandbox.class);
        String path = "/sandbox/" + sandbox.id();
        try {
            Api.Reply labels = api.put(path + "/labels", Map.of("labels", Map.of("team", "core", "env", "e2e")));
            assertThat(labels.status()).as(labels.body()).isEqualTo(200);
            assertThat(labels.json().get("labels")).isEqualTo(Api.JSON.valueToTree(Map.of("team", "core", "env", "e2e")));
            assertThat(api.get(path).as(Sandbox.class).labels()).isEqualTo(Map.of("team", "core", "env", "e2e"));
            assertBadRequest(api.put(path + "/labels", Map.of()), "labels is required");
            assertBadRequest(api.put(path + "/labels", Map.of("labels", Map.of(" ", "x"))), "label keys");

            assertThat(api.post(path + "/autostop/0", null).as(Sandbox.class).autoStopInterval()).isZero();
            assertThat(api.post(path + "/autostop/45", null).as(Sandbox.class).autoStopInterval()).isEqualTo(45);
            assertThat(api.post(path + "/autoarchive/0", null).as(Sandbox.class).autoArchiveInterval()).isEqualTo(43200);
            assertThat(api.post(path + "/autoarchive/120", null).as(Sandbox.class).autoArchiveInterval()).isEqualTo(120);
            assertThat(api.post(path + "/autodelete/-1", null).as(Sandbox.class).autoDeleteInterval()).isEqualTo(-1);
            assertThat(api.post(path + "/autodelete/30", null).as(Sandbox.class).autoDeleteInterval()).isEqualTo(30);
            Sandbox stored = api.get(path).as(Sandbox.class);
            assertThat(List.of(stored.autoStopInterval(), stored.autoArchiveInterval(), stored.autoDeleteInterval()))
                    .containsExactly(45, 120, 30);
            assertBadRequest(api.post(path + "/autostop/-1", null), "autoStopInterval must be a non-negative integer");
            assertBadRequest(api.post(path + "/autoarchive/-1", null), "autoArchiveInterval must be a non-negative integer");
            assertBadRequest(api.post(path + "/autostop/ten", null), "autoStopInterval must be an integer number of minutes");
            assertBadRequest(api.post(path + "/autodelete/2.5", null), "autoDeleteInterval must be an integer");

            assertThat(api.post(path + "/public/true", null).as(Sandbox.class).isPublic()).isTrue();
            assertThat(api.get(path).json().get("public").asBoolean()).isTrue();
            assertThat(api.post(path + "/public/false", null).as(Sandbox.class).isPublic()).isFalse();
            assertBadRequest(api.post(path + "/public/yes", null), "isPublic must be true or false");

            JsonNode preview = api.get(path + "/ports/3000/preview-url").json();
            assertThat(preview.get("sandboxId").asText()).isEqualTo(sandbox.id());
            assertThat(preview.get("url").asText()).isEqualTo("http://3000-" + sandbox.id() + "." + platform.proxyUrl().getAuthority());
            assertThat(preview.get("token").asText()).hasSize(32);
            assertThat(api.get(path + "/ports/0/preview-url").status()).isEqualTo(400);
            assertThat(api.get(path + "/ports/65536/preview-url").status()).isEqualTo(400);
            assertThat(api.get(path + "/ports/http/preview-url").status()).isEqualTo(400);
            assertThat(api.get(path).as(Sandbox.class).state().wireValue()).as("settings leave the sandbox running").isEqualTo("started");
        } finally {
            api.delete(path);
        }
    }

    @Test
    void apiAndToolboxActivityMoveLastActivityUnlessTheRequestSaysSkip(Platform platform) throws Exception {
        Api api = Api.of(platform);
        Sandbox sandbox = api.post("/sandbox", Map.of()).as(Sandbox.class);
        String path = "/sandbox/" + sandbox.id();
        try {
            Instant started = lastActivity(api, path);
            Thread.sleep(50);
            Api.Reply refreshed = api.post(path + "/last-activity", null);
            assertThat(refreshed.status()).isEqualTo(201);
            Instant afterRefresh = lastActivity(api, path);
            assertThat(afterRefresh).isAfter(started);

            // Traffic is written at most once per 5 s per sandbox; wait that out before each check.
            Thread.sleep(5_100);
            Api toolbox = api.toolbox(platform, sandbox.id());
            Api.Reply skipped = toolbox.withHeader("X-Daytona-Skip-Last-Activity-Update", "true").get("/version");
            assertThat(skipped.status()).isEqualTo(200);
            assertThat(lastActivity(api, path)).as("a request that asks to be skipped").isEqualTo(afterRefresh);

            assertThat(toolbox.get("/version").status()).isEqualTo(200);
            assertThat(lastActivity(api, path)).as("toolbox traffic").isAfter(afterRefresh);
        } finally {
            api.delete(path);
        }
    }

    @Test
    void aForcedStopKillsTheSandboxAtOnceAndAPlainStopLetsItExit(Platform platform) throws Exception {
        Api api = Api.of(platform);
        Sandbox sandbox = api.post("/sandbox", Map.of()).as(Sandbox.class);
        String path = "/sandbox/" + sandbox.id();
        try {
            assertBadRequest(api.post(path + "/stop?force=sometimes", null), "force must be true or false");

            Api.Reply forced = api.post(path + "/stop?force=true", null);
            assertThat(forced.status()).as(forced.body()).isEqualTo(200);
            awaitState(api, path, "stopped");
            assertThat(exitCode(sandbox.id())).as("killed: 128 + SIGKILL").isEqualTo(137);

            assertThat(api.post(path + "/start", null).status()).isEqualTo(200);
            awaitState(api, path, "started");
            assertThat(api.post(path + "/stop?force=false", null).status()).isEqualTo(200);
            awaitState(api, path, "stopped");
            assertThat(exitCode(sandbox.id())).as("a plain stop lets the processes exit on SIGTERM").isNotEqualTo(137);
        } finally {
            api.delete(path);
        }
    }

    @Test
    void stoppingAnEphemeralSandboxDeletesItAndFreesItsName(Platform platform) throws Exception {
        Api api = Api.of(platform);
        String name = "ephemeral-" + UUID.randomUUID().toString().substring(0, 8);
        Sandbox sandbox = api.post("/sandbox", Map.of("name", name, "autoDeleteInterval", 0)).as(Sandbox.class);
        assertThat(sandbox.autoDeleteInterval()).isZero();
        Api.Reply stopped = api.post("/sandbox/" + sandbox.id() + "/stop", null);
        assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
        assertThat(stopped.json().get("state").asText()).isIn("destroying", "destroyed");
        assertThat(api.get("/sandbox/" + sandbox.id()).status()).isEqualTo(404);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (containerExists(sandbox.id()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(containerExists(sandbox.id())).as("the container is removed").isFalse();
        Api.Reply again = api.post("/sandbox", Map.of("name", name));
        assertThat(again.status()).as("the name is free: %s", again.body()).isEqualTo(200);
        api.delete("/sandbox/" + again.as(Sandbox.class).id());
    }

    @Test
    void theListsFilterSortAndPage(Platform platform) {
        Api api = Api.of(platform);
        String suite = "lists-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        try {
            ids.add(api.post("/sandbox", Map.of("name", suite + "-a", "labels", Map.of("suite", suite), "memory", 2)).as(Sandbox.class).id());
            ids.add(api.post("/sandbox", Map.of("name", suite + "-b", "labels", Map.of("suite", suite), "memory", 1)).as(Sandbox.class).id());
            String labels = "labels=" + URLEncoder.encode("{\"suite\":\"" + suite + "\"}", StandardCharsets.UTF_8);

            assertThat(names(api.get("/sandbox?" + labels))).as("newest first").containsExactly(suite + "-b", suite + "-a");
            assertThat(names(api.get("/sandbox?" + labels + "&sort=memoryGiB&order=asc"))).containsExactly(suite + "-b", suite + "-a");
            assertThat(names(api.get("/sandbox?" + labels + "&sort=name&order=asc"))).containsExactly(suite + "-a", suite + "-b");
            assertThat(names(api.get("/sandbox?name=" + suite + "-A"))).as("name prefix, any case").containsExactly(suite + "-a");
            assertThat(names(api.get("/sandbox?id=" + ids.get(1)))).containsExactly(suite + "-b");

            JsonNode first = api.get("/sandbox?" + labels + "&limit=1").json();
            assertThat(names(first)).containsExactly(suite + "-b");
            String cursor = first.get("nextCursor").asText();
            JsonNode second = api.get("/sandbox?" + labels + "&limit=1&cursor=" + cursor).json();
            assertThat(names(second)).containsExactly(suite + "-a");
            assertThat(second.get("nextCursor").isNull()).isTrue();
            assertBadRequest(api.get("/sandbox?" + labels + "&limit=1&sort=name&cursor=" + cursor), "cursor continues a list sorted by createdAt");

            assertThat(api.post("/sandbox/" + ids.get(0) + "/stop", null).status()).isEqualTo(200);
            awaitState(api, "/sandbox/" + ids.get(0), "stopped");
            assertThat(names(api.get("/sandbox?" + labels + "&states=stopped"))).containsExactly(suite + "-a");
            assertThat(names(api.get("/sandbox?" + labels + "&states=started"))).containsExactly(suite + "-b");

            Api.Reply paged = api.get("/sandbox/paginated?" + labels + "&page=2&limit=1&sort=name&order=asc");
            assertThat(paged.status()).as(paged.body()).isEqualTo(200);
            assertThat(paged.json().get("total").asInt()).isEqualTo(2);
            assertThat(paged.json().get("page").asInt()).isEqualTo(2);
            assertThat(paged.json().get("totalPages").asInt()).isEqualTo(2);
            assertThat(names(paged.json())).containsExactly(suite + "-b");
            assertThat(names(api.get("/sandbox/paginated?" + labels + "&states=stopped"))).containsExactly(suite + "-a");
            assertBadRequest(api.get("/sandbox/paginated?page=0"), "page must be at least 1");
            assertBadRequest(api.get("/sandbox/paginated?sort=cpu"), "sort must be one of");
            assertBadRequest(api.get("/sandbox?states=sleeping"), "unknown state 'sleeping'");
        } finally {
            ids.forEach(id -> api.delete("/sandbox/" + id));
        }
    }

    @Test
    void aKeyOfAnotherOrganizationNeitherSeesNorChangesTheSandbox(Platform platform) throws Exception {
        assumeThat(platform.dataDirectory()).as("needs the server's database in this JVM").isPresent();
        Api api = Api.of(platform);
        Api other = api.withKey(Optional.of(keyOfAnotherOrganization(platform)));
        Sandbox sandbox = api.post("/sandbox", Map.of("labels", Map.of("owner", "admin"))).as(Sandbox.class);
        String path = "/sandbox/" + sandbox.id();
        try {
            assertThat(other.get("/sandbox/paginated").status()).as("the other key works").isEqualTo(200);
            assertThat(other.get(path).status()).isEqualTo(404);
            assertThat(other.put(path + "/labels", Map.of("labels", Map.of("owner", "other"))).status()).isEqualTo(404);
            assertThat(other.post(path + "/autostop/1", null).status()).isEqualTo(404);
            assertThat(other.post(path + "/public/true", null).status()).isEqualTo(404);
            assertThat(other.post(path + "/last-activity", null).status()).isEqualTo(404);
            assertThat(other.post(path + "/stop?force=true", null).status()).isEqualTo(404);
            assertThat(other.get(path + "/ports/3000/preview-url").status()).isEqualTo(404);
            assertThat(other.get("/sandbox?id=" + sandbox.id()).json().get("items").isEmpty()).isTrue();
            assertThat(other.get("/sandbox/paginated?id=" + sandbox.id()).json().get("total").asInt()).isZero();

            Sandbox unchanged = api.get(path).as(Sandbox.class);
            assertThat(unchanged.labels()).containsEntry("owner", "admin");
            assertThat(unchanged.autoStopInterval()).isEqualTo(15);
            assertThat(unchanged.isPublic()).isFalse();
            assertThat(unchanged.state().wireValue()).isEqualTo("started");
        } finally {
            api.delete(path);
        }
    }

    // Helpers.

    /** Adds an organization, its membership and a key of it straight into the server's database. */
    private static String keyOfAnotherOrganization(Platform platform) {
        String key = ApiKeys.generate();
        try (Database database = Database.embedded(platform.dataDirectory().orElseThrow().resolve("db"))) {
            database.jdbi().useTransaction(h -> {
                String user = h.createQuery("SELECT id FROM app_user ORDER BY created_at").mapTo(String.class).first();
                String organization = UUID.randomUUID().toString();
                Instant now = Instant.now();
                h.createUpdate("""
                                INSERT INTO organization (id, name, personal, created_by, created_at, updated_at)
                                VALUES (:id, 'Other', FALSE, :user, :now, :now)""")
                        .bind("id", organization).bind("user", user).bind("now", now).execute();
                // A key acts with its permissions as far as its user's role in the organization allows.
                h.createUpdate("""
                                INSERT INTO organization_member (organization_id, user_id, role, created_at)
                                VALUES (:org, :user, 'owner', :now)""")
                        .bind("org", organization).bind("user", user).bind("now", now).execute();
                h.createUpdate("""
                                INSERT INTO api_key (id, organization_id, user_id, name, key_hash, key_prefix, key_suffix, permissions, created_at)
                                VALUES (:id, :org, :user, :name, :hash, 'dtn', 'xyz', 'write:sandboxes,delete:sandboxes', :now)""")
                        .bind("id", UUID.randomUUID().toString()).bind("org", organization).bind("user", user)
                        .bind("name", "other-" + organization).bind("hash", ApiKeys.hash(key)).bind("now", now).execute();
            });
        }
        return key;
    }

    private static Instant lastActivity(Api api, String path) {
        return Instant.parse(api.get(path).json().get("lastActivityAt").asText());
    }

    private static List<String> names(Api.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return names(reply.json());
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("items").forEach(item -> names.add(item.get("name").asText()));
        return names;
    }

    private static void awaitState(Api api, String path, String state) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String current = null;
        while (Instant.now().isBefore(deadline)) {
            current = api.get(path).json().get("state").asText();
            if (current.equals(state)) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError(path + " did not reach " + state + "; last state " + current);
    }

    private static void assertBadRequest(Api.Reply reply, String messagePart) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().get("message").asText()).contains(messagePart);
        assertThat(reply.json().get("error").asText()).isEqualTo("Bad Request");
    }

    private static int exitCode(String containerId) throws IOException, InterruptedException {
        Process inspect = new ProcessBuilder("podman", "inspect", "--format", "{{.State.ExitCode}}", containerId)
                .redirectErrorStream(true).start();
        String output = new String(inspect.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(inspect.waitFor()).as("podman inspect: %s", output).isZero();
        return Integer.parseInt(output);
    }

    private static boolean containerExists(String containerId) throws IOException, InterruptedException {
        Process exists = new ProcessBuilder("podman", "container", "exists", containerId).redirectErrorStream(true).start();
        return exists.waitFor() == 0;
    }
}
