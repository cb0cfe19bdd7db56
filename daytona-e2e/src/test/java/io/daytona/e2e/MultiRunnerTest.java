package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.daytona.server.DaytonaServer;
import io.daytona.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The platform with no runner of its own and two runner processes ({@code ./daytona runner}) on
 * this machine, each on its own port and data directory, sharing the engine and the archive
 * store: sandboxes spread over both, run commands and serve previews through the proxy, a
 * runner's declared capacity holds, a killed runner's sandboxes become recoverable errors and
 * recover once it is back (files intact), and a sandbox archived on one runner is restored on the
 * other with its files' checksums unchanged.
 */
class MultiRunnerTest {
    private static final Duration RUNNER_TIMEOUT = Duration.ofSeconds(6);
    private static final Duration READY_WITHIN = Duration.ofMinutes(5);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void twoRunnerProcessesShareTheLoadAndSurviveACrash() throws Exception {
        Path data = Files.createTempDirectory("daytona-multi-runner");
        Path archives = Files.createDirectories(data.resolve("shared-archives"));
        Path daemon = data.resolve("shared-daemon");
        List<String> sandboxes = new ArrayList<>();
        List<String> runnerIds = new ArrayList<>();
        try (DaytonaServer server = DaytonaServer.start(ServerConfig.defaults(data.resolve("platform")).withPorts(0, 0)
                .withEmbeddedRunner(false).withRunnerTimeout(RUNNER_TIMEOUT))) {
            Platform platform = new Platform(server.apiUrl(), server.proxyUrl(), server.adminKey());
            Api api = Api.of(platform);
            assertThat(api.get("/admin/runners").json()).as("no runner of its own").isEmpty();
            TestSandboxes boxes = new TestSandboxes(api, sandboxes);

            JsonNode smallRegistration = api.post("/runners", Map.of("regionId", "us", "name", "small-" + System.nanoTime())).json();
            JsonNode largeRegistration = api.post("/runners", Map.of("regionId", "us", "name", "large-" + System.nanoTime())).json();
            String small = smallRegistration.get("id").asText();
            String large = largeRegistration.get("id").asText();
            runnerIds.addAll(List.of(small, large));
            // One after the other: the second finds the daemon's runtime the first prepared in the shared directory.
            try (LaunchedRunner smallRunner = LaunchedRunner.start(platform.apiUrl().toString(), smallRegistration.get("apiKey").asText(),
                    data.resolve("runner-small"), archives, daemon, List.of("--cpu", "2", "--memory", "4", "--disk", "40"))) {
                awaitReady(api, small, smallRunner);
                try (LaunchedRunner largeRunner = LaunchedRunner.start(platform.apiUrl().toString(),
                        largeRegistration.get("apiKey").asText(), data.resolve("runner-large"), archives, daemon, List.of())) {
                    awaitReady(api, large, largeRunner);
                    assertThat(api.get("/runners/" + small + "/full").json().get("apiUrl").asText())
                            .isEqualTo("http://127.0.0.1:" + smallRunner.port());

                    // Spread: the second sandbox goes to the runner the first did not take.
                    String first = boxes.create();
                    String second = boxes.create();
                    assertThat(List.of(runnerOf(api, first), runnerOf(api, second))).containsExactlyInAnyOrder(small, large);
                    String onSmall = runnerOf(api, first).equals(small) ? first : second;
                    String onLarge = onSmall.equals(first) ? second : first;
                    for (String id : List.of(onSmall, onLarge)) {
                        assertThat(run(platform, api, id, "hostname")).isEqualTo(id + "\n");
                        run(platform, api, id, "echo written-on-" + id + " > ~/note");
                    }

                    // A preview through the runner that hosts the sandbox.
                    assertThat(api.toolbox(platform, onLarge).post("/process/session", Map.of("sessionId", "web")).status()).isEqualTo(201);
                    api.toolbox(platform, onLarge).post("/process/session/web/exec", Map.of("command",
                            "mkdir -p /tmp/site && cd /tmp/site && echo preview-through-runner > index.html && python3 -m http.server 8080",
                            "runAsync", true));
                    assertThat(preview(platform, onLarge, 8080, "/index.html")).isEqualTo("preview-through-runner\n");

                    // SSH into a sandbox on a runner process: a command with its streams and exit code, standard input, ssh -L.
                    String token = api.post("/sandbox/" + onLarge + "/ssh-access", null).json().get("token").asText();
                    Ssh ssh = new Ssh(server.sshPort(), token);
                    Ssh.Result result = ssh.run(null, "echo out; echo err >&2; whoami; exit 3");
                    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(3);
                    assertThat(result.stdout()).isEqualTo("out\ndaytona\n");
                    assertThat(result.stderr()).contains("err");
                    byte[] input = new byte[300_000];
                    new java.util.Random(11).nextBytes(input);
                    Ssh.Result piped = ssh.run(input, "sha256sum");
                    assertThat(piped.exitCode()).as(piped.stderr()).isZero();
                    assertThat(piped.stdout()).startsWith(Ssh.sha256(input) + " ");
                    assertThat(api.toolbox(platform, onLarge).post("/process/session", Map.of("sessionId", "loop")).status())
                            .isEqualTo(201);
                    api.toolbox(platform, onLarge).post("/process/session/loop/exec", Map.of("command",
                            "mkdir -p /tmp/loop && cd /tmp/loop && echo through-the-tunnel > index.html && python3 -m http.server 8765 --bind 127.0.0.1",
                            "runAsync", true));
                    assertThat(ssh.forward(8765, "/index.html")).isEqualTo("through-the-tunnel\n");
                    Ssh.Result shell = ssh.shellFollowingTheWindowSize(100, 30, 120, 40);
                    assertThat(shell.stdout()).contains("/dev/pts/");
                    assertThat(shell.exitCode()).isEqualTo(5);

                    // Capacity: with the large runner out of scheduling, the small one takes 2 cores and no more.
                    assertThat(api.patch("/runners/" + large + "/scheduling", Map.of("unschedulable", true)).status()).isEqualTo(200);
                    String third = boxes.create();
                    assertThat(runnerOf(api, third)).isEqualTo(small);
                    Api.Reply refused = api.post("/sandbox", Map.of("cpu", 1));
                    assertThat(refused.status()).as(refused.body()).isEqualTo(503);
                    assertThat(refused.json().get("message").asText()).contains("has no room for 1 cpu").contains("is unschedulable");
                    assertThat(api.get("/runners/" + small).json().get("currentAllocatedCpu").asDouble()).isEqualTo(2);
                    assertThat(api.patch("/runners/" + large + "/scheduling", Map.of("unschedulable", false)).status()).isEqualTo(200);

                    // The small runner dies: its sandboxes become recoverable errors, the large one's keep running.
                    smallRunner.kill();
                    for (String id : List.of(onSmall, third)) {
                        JsonNode lost = await(api, id, s -> s.get("state").asText().equals("error"));
                        assertThat(lost.get("recoverable").asBoolean()).isTrue();
                        assertThat(lost.get("errorReason").asText()).contains("stopped reporting");
                    }
                    assertThat(api.get("/runners/" + small).json().get("state").asText()).isEqualTo("unresponsive");
                    assertThat(api.get("/sandbox/" + onLarge).json().get("state").asText()).isEqualTo("started");
                    assertThat(run(platform, api, onLarge, "cat ~/note")).isEqualTo("written-on-" + onLarge + "\n");

                    // Back again: recover converges on the containers it still has, files intact.
                    smallRunner.launch();
                    awaitReady(api, small, smallRunner);
                    for (String id : List.of(onSmall, third)) {
                        assertThat(api.post("/sandbox/" + id + "/recover", null).status()).isEqualTo(200);
                    }
                    for (String id : List.of(onSmall, third)) {
                        JsonNode recovered = await(api, id, s -> s.get("state").asText().equals("started"));
                        assertThat(recovered.get("runnerId").asText()).isEqualTo(small);
                    }
                    assertThat(run(platform, api, onSmall, "cat ~/note")).isEqualTo("written-on-" + onSmall + "\n");

                    // Archived on the large runner, restored on the small one from the shared store.
                    String checksum = run(platform, api, onLarge,
                            "head -c 3000000 /dev/urandom > ~/blob && mkdir -p ~/tree/a && echo deep > ~/tree/a/b && sha256sum ~/blob ~/tree/a/b");
                    assertThat(api.delete("/sandbox/" + third).status()).isEqualTo(200);
                    assertThat(api.post("/sandbox/" + onLarge + "/stop", null).status()).isEqualTo(200);
                    await(api, onLarge, s -> s.get("state").asText().equals("stopped"));
                    assertThat(api.post("/sandbox/" + onLarge + "/archive", null).status()).isEqualTo(200);
                    JsonNode archived = await(api, onLarge, s -> s.get("state").asText().equals("archived"));
                    assertThat(archived.get("runnerId").isNull()).isTrue();
                    assertThat(api.patch("/runners/" + large + "/scheduling", Map.of("unschedulable", true)).status()).isEqualTo(200);
                    assertThat(api.post("/sandbox/" + onLarge + "/start", null).status()).isEqualTo(200);
                    JsonNode restored = await(api, onLarge, s -> s.get("state").asText().equals("started"));
                    assertThat(restored.get("runnerId").asText()).isEqualTo(small);
                    assertThat(run(platform, api, onLarge, "sha256sum ~/blob ~/tree/a/b")).isEqualTo(checksum);
                    assertThat(run(platform, api, onLarge, "cat ~/note")).isEqualTo("written-on-" + onLarge + "\n");
                }
            }
        } finally {
            removeContainers(runnerIds);
        }
    }

    /** Sandboxes the test made, deleted at its end with their runners' containers. */
    private record TestSandboxes(Api api, List<String> ids) {
        String create() {
            Api.Reply reply = api.post("/sandbox", Map.of());
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            JsonNode sandbox = reply.json();
            assertThat(sandbox.get("state").asText()).as(reply.body()).isEqualTo("started");
            ids.add(sandbox.get("id").asText());
            return sandbox.get("id").asText();
        }
    }

    private static void awaitReady(Api api, String runnerId, LaunchedRunner runner) throws InterruptedException {
        Instant deadline = Instant.now().plus(READY_WITHIN);
        while (Instant.now().isBefore(deadline)) {
            if (!runner.alive()) {
                throw new AssertionError("the runner exited:\n" + runner.output());
            }
            JsonNode found = api.get("/runners/" + runnerId).json();
            if ("ready".equals(found.path("state").asText())) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("runner " + runnerId + " was not ready within " + READY_WITHIN + ":\n" + runner.output());
    }

    private static String runnerOf(Api api, String sandboxId) {
        return api.get("/sandbox/" + sandboxId).json().get("runnerId").asText();
    }

    private static String run(Platform platform, Api api, String sandboxId, String command) {
        Api.Reply reply = api.toolbox(platform, sandboxId).post("/process/execute", Map.of("command", command));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("exitCode").asInt()).as(reply.body()).isZero();
        return reply.json().get("result").asText();
    }

    private static String preview(Platform platform, String sandboxId, int port, String path) throws Exception {
        String body = "";
        for (int attempt = 0; attempt < 60; attempt++) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(platform.proxyUrl() + path))
                    .header("Host", port + "-" + sandboxId + "." + platform.proxyUrl().getAuthority())
                    .header("Authorization", "Bearer " + platform.adminKey())
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return response.body();
            }
            body = response.statusCode() + " " + response.body();
            Thread.sleep(500);
        }
        throw new AssertionError("the preview never answered: " + body);
    }

    private static JsonNode await(Api api, String id, Predicate<JsonNode> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = api.get("/sandbox/" + id).json();
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("sandbox " + id + " never got there: " + last);
    }

    /** The runners' containers: a stopped runner leaves its sandboxes running, as it should for users. */
    private static void removeContainers(List<String> runnerIds) throws Exception {
        for (String runnerId : runnerIds) {
            Process list = new ProcessBuilder("podman", "ps", "-aq", "--filter", "label=io.daytona.runner-id=" + runnerId)
                    .redirectErrorStream(true).start();
            List<String> ids = new String(list.getInputStream().readAllBytes()).lines().filter(id -> !id.isBlank()).toList();
            list.waitFor();
            if (!ids.isEmpty()) {
                List<String> remove = new ArrayList<>(List.of("podman", "rm", "-f", "-t", "0"));
                remove.addAll(ids);
                new ProcessBuilder(remove).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            }
        }
    }
}
