package io.daytona.e2e;

import static io.daytona.e2e.ArchiveResizeRecoverTest.await;
import static io.daytona.e2e.ArchiveResizeRecoverTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.daytona.model.sandbox.Sandbox;
import io.daytona.server.DaytonaServer;
import io.daytona.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A server with a warm pool serves a default create from it, with the caller's settings, and refills it. */
class WarmPoolTest {
    @Test
    void aDefaultCreateIsServedFromThePoolWithItsEnvLabelsAndLimitsWhichSurviveARestart() throws Exception {
        Path data = Files.createTempDirectory("daytona-pool");
        try (DaytonaServer server = DaytonaServer.start(ServerConfig.defaults(data).withPorts(0, 0).withWarmPoolSize(1))) {
            Platform platform = new Platform(server.apiUrl(), server.proxyUrl(), server.adminKey());
            Api api = Api.of(platform);
            String runner = Files.readString(data.resolve("runner-id")).strip();
            List<String> pooled = awaitPool(runner, 1);
            awaitDaemon(pooled.getFirst());
            assertThat(api.get("/sandbox").json().get("items")).as("pool sandboxes belong to nobody").isEmpty();

            long start = System.nanoTime();
            Api.Reply reply = api.post("/sandbox", Map.of("env", Map.of("GREETING", "from the pool"), "labels", Map.of("team", "core"),
                    "cpu", 2, "memory", 2));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            Sandbox sandbox = reply.as(Sandbox.class);
            assertThat(pooled).as("served from the pool in %d ms", millis).contains(sandbox.id());
            assertThat(sandbox.state().wireValue()).isEqualTo("started");
            assertThat(sandbox.labels()).containsEntry("team", "core");
            Api toolbox = api.toolbox(platform, sandbox.id());
            String limits = "echo $GREETING; cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us /sys/fs/cgroup/memory/memory.limit_in_bytes";
            assertThat(run(toolbox, limits)).isEqualTo("from the pool\n200000\n2147483648\n");
            // Every process started later sees it: a session started now, too.
            assertThat(toolbox.post("/process/session", Map.of("sessionId", "s")).status()).isIn(200, 201);
            assertThat(toolbox.post("/process/session/s/exec", Map.of("command", "echo $GREETING")).json().get("output").asText())
                    .contains("from the pool");

            List<String> refilled = awaitPool(runner, 2);
            assertThat(refilled).contains(sandbox.id()).hasSize(2);

            api.post("/sandbox/" + sandbox.id() + "/stop", null);
            await(api, sandbox.id(), "stopped");
            api.post("/sandbox/" + sandbox.id() + "/start", null);
            await(api, sandbox.id(), "started");
            assertThat(run(toolbox, limits)).as("the claim outlives a restart").isEqualTo("from the pool\n200000\n2147483648\n");
            api.delete("/sandbox/" + sandbox.id());
        } finally {
            // The pool's sandboxes (and a claimed one still being deleted) go with the test.
            LaunchedServer.removeContainersOf(data);
        }
    }

    /** The pool counts a sandbox once its daemon answers, a moment after its container runs. */
    private static void awaitDaemon(String container) throws Exception {
        Process inspect = new ProcessBuilder("podman", "inspect", "--format", "{{.NetworkSettings.IPAddress}}", container)
                .redirectErrorStream(true).start();
        String ip = new String(inspect.getInputStream().readAllBytes()).strip();
        inspect.waitFor();
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            for (int i = 0; i < 600; i++) {
                try {
                    var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://" + ip + ":2280/version"))
                            .timeout(java.time.Duration.ofSeconds(1)).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        Thread.sleep(500); // and the reconciler records it
                        return;
                    }
                } catch (java.io.IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the daemon of pool sandbox " + container + " never answered");
    }

    /** Running containers of this runner started for the pool (claimed ones keep the label). */
    private static List<String> awaitPool(String runner, int count) throws Exception {
        for (int i = 0; i < 1200; i++) {
            Process list = new ProcessBuilder("podman", "ps", "--filter", "label=io.daytona.warm-pool=true",
                    "--filter", "label=io.daytona.runner-id=" + runner, "--format", "{{.Names}}").redirectErrorStream(true).start();
            List<String> names = new String(list.getInputStream().readAllBytes()).lines().filter(l -> !l.isBlank()).toList();
            list.waitFor();
            if (names.size() >= count) {
                return names;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the pool never had " + count + " running containers");
    }
}
