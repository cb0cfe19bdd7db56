package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.daytona.model.sandbox.Sandbox;
import io.daytona.server.DaytonaServer;
import io.daytona.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The platform converges after things happen behind its back, and after a restart. */
class RecoveryTest {
    @Test
    void aServerRestartKeepsSandboxesTheirFilesAndTheKeys() throws Exception {
        Path data = Files.createTempDirectory("daytona-restart");
        String sandboxId;
        String key;
        try (DaytonaServer first = DaytonaServer.start(ServerConfig.defaults(data).withPorts(0, 0))) {
            key = first.adminKey();
            Platform platform = new Platform(first.apiUrl(), first.proxyUrl(), key);
            Api api = Api.of(platform);
            sandboxId = api.post("/sandbox", Map.of("name", "survivor")).as(Sandbox.class).id();
            run(api.toolbox(platform, sandboxId), "echo kept > ~/note");
        }
        try (DaytonaServer second = DaytonaServer.start(ServerConfig.defaults(data).withPorts(0, 0))) {
            assertThat(second.newAdminKey()).isEmpty();
            Platform platform = new Platform(second.apiUrl(), second.proxyUrl(), key);
            Api api = Api.of(platform);
            Sandbox found = api.get("/sandbox/survivor").as(Sandbox.class);
            assertThat(found.id()).isEqualTo(sandboxId);
            assertThat(found.state().wireValue()).isEqualTo("started");
            assertThat(run(api.toolbox(platform, sandboxId), "cat ~/note")).isEqualTo("kept\n");
            assertThat(api.delete("/sandbox/" + sandboxId).status()).isEqualTo(200);
        } finally {
            // A delete still under way when the server closes would leave the container behind.
            LaunchedServer.removeContainersOf(data);
        }
    }

    @Test
    void aSandboxWhoseContainerStopsBehindThePlatformsBackIsRecordedAsStoppedAndStartsAgain() throws Exception {
        Path data = Files.createTempDirectory("daytona-recovery");
        try (DaytonaServer server = DaytonaServer.start(ServerConfig.defaults(data).withPorts(0, 0))) {
            Platform platform = new Platform(server.apiUrl(), server.proxyUrl(), server.adminKey());
            Api api = Api.of(platform);
            String id = api.post("/sandbox", Map.of()).as(Sandbox.class).id();
            try {
                run(api.toolbox(platform, id), "echo kept > ~/note");
                Process stop = new ProcessBuilder("podman", "stop", "-t", "0", id).redirectErrorStream(true).start();
                assertThat(stop.waitFor()).isZero();

                Sandbox stopped = await(api, id, "stopped");
                assertThat(stopped.errorReason()).contains("stopped by itself");
                assertThat(api.post("/sandbox/" + id + "/start", null).status()).isEqualTo(200);
                await(api, id, "started");
                assertThat(run(api.toolbox(platform, id), "cat ~/note")).isEqualTo("kept\n");
            } finally {
                api.delete("/sandbox/" + id);
            }
        } finally {
            LaunchedServer.removeContainersOf(data);
        }
    }

    private static Sandbox await(Api api, String id, String state) throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            Sandbox sandbox = api.get("/sandbox/" + id).as(Sandbox.class);
            if (sandbox.state().wireValue().equals(state)) {
                return sandbox;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("sandbox " + id + " never reached " + state);
    }

    private static String run(Api toolbox, String command) {
        Api.Reply reply = toolbox.post("/process/execute", Map.of("command", command));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("result").asText();
    }

}
