package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.daytona.model.sandbox.ListSandboxesResponse;
import io.daytona.model.sandbox.Sandbox;
import io.daytona.model.sandbox.SandboxState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sandbox API over raw HTTP, against the real server and real sandboxes. */
@ExtendWith(PlatformExtension.class)
class SandboxApiTest {
    private static final List<String> REQUIRED_FIELDS = List.of("id", "organizationId", "name", "user", "env", "labels",
            "public", "networkBlockAll", "target", "cpu", "gpu", "memory", "disk", "toolboxProxyUrl");

    @Test
    void refusesCallsWithoutAValidKeyWithTheStandardErrorBody(Platform platform) {
        Api anonymous = Api.of(platform).withKey(Optional.empty());
        Api.Reply reply = anonymous.get("/sandbox");
        assertThat(reply.status()).isEqualTo(401);
        assertErrorBody(reply.json(), 401, "/api/sandbox");
        assertThat(reply.json().get("message").asText()).contains("Authorization: Bearer");

        assertThat(Api.of(platform).withKey(Optional.of("dtn_" + "0".repeat(64))).get("/sandbox").status()).isEqualTo(401);
        assertThat(anonymous.post("/sandbox", Map.of()).status()).isEqualTo(401);
    }

    @Test
    void answers404ForAnUnknownSandbox(Platform platform) {
        Api.Reply reply = Api.of(platform).get("/sandbox/no-such-sandbox");
        assertThat(reply.status()).isEqualTo(404);
        assertErrorBody(reply.json(), 404, "/api/sandbox/no-such-sandbox");
        assertThat(reply.json().get("message").asText()).contains("no-such-sandbox");
        assertThat(Api.of(platform).post("/sandbox/no-such-sandbox/start", null).status()).isEqualTo(404);
        assertThat(Api.of(platform).delete("/sandbox/no-such-sandbox").status()).isEqualTo(404);
    }

    @Test
    void rejectsBadInputWithA400ThatSaysWhatToFixAndCreatesNothing(Platform platform) {
        Api api = Api.of(platform);
        int before = api.get("/sandbox").as(ListSandboxesResponse.class).items().size();
        assertBadRequest(api.post("/sandbox", Map.of("snapshot", "no/such-snapshot:1")), "no/such-snapshot:1");
        assertBadRequest(api.post("/sandbox", Map.of("cpu", -1)), "cpu must be at least 1");
        assertBadRequest(api.post("/sandbox", Map.of("memory", 1000)), "memory must be at most");
        assertBadRequest(api.post("/sandbox", "{\"labels\": "), "Malformed JSON");
        assertBadRequest(api.post("/sandbox", Map.of("env", Map.of("1BAD", "x"))), "1BAD");
        assertBadRequest(api.post("/sandbox", Map.of("name", "bad name!")), "name");
        assertBadRequest(api.post("/sandbox", "{\"cpu\": \"lots\"}"), "Malformed JSON");
        assertThat(api.get("/sandbox").as(ListSandboxesResponse.class).items()).hasSize(before);
    }

    @Test
    void createsARealSandboxAndDrivesItsLifecycle(Platform platform) {
        Api api = Api.of(platform);
        String name = "lifecycle-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply created = api.post("/sandbox", Map.of("name", name, "labels", Map.of("suite", "e2e"), "env", Map.of("GREETING", "hi")));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        JsonNode json = created.json();
        REQUIRED_FIELDS.forEach(field -> assertThat(json.hasNonNull(field)).as("required field %s in %s", field, json).isTrue());
        Sandbox sandbox = created.as(Sandbox.class);
        try {
            assertThat(sandbox.state()).isEqualTo(SandboxState.STARTED);
            assertThat(sandbox.name()).isEqualTo(name);
            assertThat(sandbox.snapshot()).isEqualTo("daytona/sandbox:0.1.0");
            assertThat(sandbox.user()).isEqualTo("daytona");
            assertThat(List.of(sandbox.cpu(), sandbox.memory(), sandbox.disk())).containsExactly(1, 1, 3);
            assertThat(sandbox.toolboxProxyUrl()).isEqualTo(platform.proxyUrl() + "/toolbox");

            assertThat(api.get("/sandbox/" + sandbox.id()).as(Sandbox.class).id()).isEqualTo(sandbox.id());
            assertThat(api.get("/sandbox/" + name).as(Sandbox.class).id()).isEqualTo(sandbox.id());
            assertThat(api.get("/sandbox?labels=%7B%22suite%22%3A%22e2e%22%7D").as(ListSandboxesResponse.class).items())
                    .extracting(Sandbox::id).contains(sandbox.id());
            assertThat(api.post("/sandbox", Map.of("name", name)).status()).isEqualTo(409);

            Api toolbox = api.toolbox(platform, sandbox.id());
            assertThat(execute(toolbox, "echo hello $GREETING").get("result").asText()).isEqualTo("hello hi\n");
            execute(toolbox, "echo kept > ~/marker");

            assertThat(api.post("/sandbox/" + sandbox.id() + "/stop", null).status()).isEqualTo(200);
            awaitState(api, sandbox.id(), SandboxState.STOPPED);
            assertThat(toolbox.post("/process/execute", Map.of("command", "true")).status()).isEqualTo(409);

            assertThat(api.post("/sandbox/" + sandbox.id() + "/start", null).status()).isEqualTo(200);
            awaitState(api, sandbox.id(), SandboxState.STARTED);
            assertThat(execute(toolbox, "cat ~/marker").get("result").asText()).isEqualTo("kept\n");
        } finally {
            assertThat(api.delete("/sandbox/" + sandbox.id()).status()).isEqualTo(200);
        }
        assertThat(api.get("/sandbox/" + sandbox.id()).status()).isEqualTo(404);
        Api.Reply again = api.post("/sandbox", Map.of("name", name));
        assertThat(again.status()).as("a destroyed sandbox's name is free again: %s", again.body()).isEqualTo(200);
        api.delete("/sandbox/" + again.as(Sandbox.class).id());
    }

    @Test
    void runsCommandsThroughTheProxyAsTheSandboxUserInsideItsLimits(Platform platform) {
        Api api = Api.of(platform);
        Sandbox sandbox = api.post("/sandbox", Map.of("cpu", 2, "memory", 2)).as(Sandbox.class);
        try {
            Api toolbox = api.toolbox(platform, sandbox.id());
            JsonNode result = execute(toolbox, "id -un; cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us /sys/fs/cgroup/memory/memory.limit_in_bytes; hostname");
            assertThat(result.get("result").asText()).isEqualTo("daytona\n200000\n2147483648\n" + sandbox.id() + "\n");

            JsonNode failing = toolbox.post("/process/execute", Map.of("command", "echo oops >&2; exit 3")).json();
            assertThat(failing.get("exitCode").asInt()).isEqualTo(3);
            assertThat(failing.get("result").asText()).isEqualTo("oops\n");

            JsonNode inDir = toolbox.post("/process/execute", Map.of("command", "pwd", "cwd", "/tmp", "envs", Map.of("X", "1"))).json();
            assertThat(inDir.get("result").asText()).isEqualTo("/tmp\n");

            Api.Reply slow = toolbox.post("/process/execute", Map.of("command", "sleep 30", "timeout", 1));
            assertThat(slow.status()).isEqualTo(408);
            assertThat(slow.json().get("code").asText()).isEqualTo("REQUEST_TIMEOUT");

            assertThat(toolbox.get("/user-home-dir").json().get("dir").asText()).isEqualTo("/home/daytona");
            assertThat(toolbox.get("/work-dir").json().get("dir").asText()).isEqualTo("/home/daytona");
            assertThat(toolbox.get("/version").json().get("version").asText()).isNotBlank();
            assertThat(toolbox.withKey(Optional.empty()).get("/version").status()).isEqualTo(401);
            assertThat(api.toolbox(platform, "no-such-sandbox").get("/version").status()).isEqualTo(404);
        } finally {
            api.delete("/sandbox/" + sandbox.id());
        }
    }

    private static JsonNode execute(Api toolbox, String command) {
        Api.Reply reply = toolbox.post("/process/execute", Map.of("command", command));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("exitCode").asInt()).as(reply.body()).isZero();
        return reply.json();
    }

    private static void awaitState(Api api, String id, SandboxState state) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        SandboxState current = null;
        while (Instant.now().isBefore(deadline)) {
            current = api.get("/sandbox/" + id).as(Sandbox.class).state();
            if (current == state) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("sandbox " + id + " did not reach " + state + "; last state " + current);
    }

    private static void assertBadRequest(Api.Reply reply, String messagePart) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().get("message").asText()).contains(messagePart);
        assertThat(reply.json().get("error").asText()).isEqualTo("Bad Request");
    }

    private static void assertErrorBody(JsonNode body, int status, String path) {
        assertThat(body.get("statusCode").asInt()).isEqualTo(status);
        assertThat(body.get("path").asText()).isEqualTo(path);
        assertThat(body.hasNonNull("message")).isTrue();
        assertThat(body.hasNonNull("error")).isTrue();
        assertThat(body.hasNonNull("timestamp")).isTrue();
    }
}
