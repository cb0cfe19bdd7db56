package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.daytona.server.DaytonaServer;
import io.daytona.server.ServerConfig;
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
 * Pause, fork and backup of sandboxes on a runner process ({@code ./daytona runner}): the control
 * plane reaches them over the runner's HTTP API ({@code /sandboxes/{id}/pause}, {@code /fork},
 * {@code /backup}), and the toolbox through the runner's forwarding route refuses a paused sandbox.
 */
class RunnerProcessPauseForkTest {
    private static final Duration READY_WITHIN = Duration.ofMinutes(5);

    @Test
    void pauseForkAndBackupGoThroughTheRunnersApi() throws Exception {
        Path data = Files.createTempDirectory("daytona-runner-pause-fork");
        List<String> runnerIds = new ArrayList<>();
        try (DaytonaServer server = DaytonaServer.start(ServerConfig.defaults(data.resolve("platform")).withPorts(0, 0)
                .withEmbeddedRunner(false))) {
            Platform platform = new Platform(server.apiUrl(), server.proxyUrl(), server.adminKey());
            Api api = Api.of(platform);
            JsonNode registration = api.post("/runners", Map.of("regionId", "us", "name", "pf-" + System.nanoTime())).json();
            String runnerId = registration.get("id").asText();
            runnerIds.add(runnerId);
            try (LaunchedRunner runner = LaunchedRunner.start(platform.apiUrl().toString(), registration.get("apiKey").asText(),
                    data.resolve("runner"), data.resolve("archives"), data.resolve("daemon"), List.of())) {
                awaitReady(api, runnerId, runner);
                Api.Reply created = api.post("/sandbox", Map.of());
                assertThat(created.status()).as(created.body()).isEqualTo(200);
                String id = created.json().get("id").asText();
                assertThat(created.json().get("runnerId").asText()).isEqualTo(runnerId);
                String sum = run(platform, api, id, "sh -c 'head -c 500000 /dev/urandom > ~/f.bin && sha256sum ~/f.bin'");

                assertThat(api.post("/sandbox/" + id + "/pause", null).status()).isEqualTo(200);
                await(api, id, s -> s.get("state").asText().equals("paused"));
                Api.Reply refused = api.toolbox(platform, id).post("/process/execute", Map.of("command", "true"));
                assertThat(refused.status()).as(refused.body()).isEqualTo(409);

                Api.Reply forked = api.post("/sandbox/" + id + "/fork", Map.of("name", "pf-fork-" + System.nanoTime()));
                assertThat(forked.status()).as(forked.body()).isEqualTo(200);
                String fork = forked.json().get("id").asText();
                JsonNode started = await(api, fork, s -> s.get("state").asText().equals("started") || s.get("state").asText().equals("error"));
                assertThat(started.get("state").asText()).as(started.toString()).isEqualTo("started");
                assertThat(started.get("runnerId").asText()).isEqualTo(runnerId);
                assertThat(run(platform, api, fork, "sha256sum /home/daytona/f.bin")).isEqualTo(sum);
                assertThat(api.get("/sandbox/" + id).json().get("state").asText()).isEqualTo("paused");

                assertThat(api.post("/sandbox/" + id + "/backup", null).status()).isEqualTo(200);
                JsonNode backedUp = await(api, id, s -> !List.of("Pending", "InProgress").contains(s.get("backupState").asText()));
                assertThat(backedUp.get("backupState").asText()).isEqualTo("Completed");
                assertThat(backedUp.get("state").asText()).isEqualTo("paused");

                assertThat(api.post("/sandbox/" + id + "/start", null).status()).isEqualTo(200);
                await(api, id, s -> s.get("state").asText().equals("started"));
                assertThat(run(platform, api, id, "sha256sum /home/daytona/f.bin")).isEqualTo(sum);
                api.delete("/sandbox/" + id);
                api.delete("/sandbox/" + fork);
            }
        } finally {
            removeContainers(runnerIds);
        }
    }

    private static void awaitReady(Api api, String runnerId, LaunchedRunner runner) throws InterruptedException {
        Instant deadline = Instant.now().plus(READY_WITHIN);
        while (Instant.now().isBefore(deadline)) {
            if (!runner.alive()) {
                throw new AssertionError("the runner exited:\n" + runner.output());
            }
            if ("ready".equals(api.get("/runners/" + runnerId).json().path("state").asText())) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("runner " + runnerId + " was not ready within " + READY_WITHIN + ":\n" + runner.output());
    }

    private static String run(Platform platform, Api api, String sandboxId, String command) {
        Api.Reply reply = api.toolbox(platform, sandboxId).post("/process/execute", Map.of("command", command));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("exitCode").asInt()).as(reply.body()).isZero();
        return reply.json().get("result").asText();
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

    /** The runner's containers: a stopped runner leaves its sandboxes running, as it should for users. */
    private static void removeContainers(List<String> runnerIds) throws Exception {
        for (String runnerId : runnerIds) {
            Process list = new ProcessBuilder("podman", "ps", "-aq", "--filter", "label=io.daytona.runner-id=" + runnerId)
                    .redirectErrorStream(true).start();
            List<String> ids = new String(list.getInputStream().readAllBytes()).lines().filter(line -> !line.isBlank()).toList();
            list.waitFor();
            if (!ids.isEmpty()) {
                List<String> remove = new ArrayList<>(List.of("podman", "rm", "-f", "-t", "0"));
                remove.addAll(ids);
                new ProcessBuilder(remove).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            }
        }
    }
}
