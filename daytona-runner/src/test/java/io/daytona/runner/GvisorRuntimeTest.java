package io.daytona.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.daytona.model.runner.NetworkPolicy;
import io.daytona.model.runner.SandboxSpec;
import io.daytona.model.runner.StartedSandbox;
import io.daytona.runner.archive.LayerArchiver;
import io.daytona.runner.archive.LocalArchiveStore;
import io.daytona.runner.daemon.DaemonRuntime;
import io.daytona.runner.engine.ContainerEngine;
import io.daytona.runner.engine.OciRuntime;
import io.daytona.runner.engine.PodmanService;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A runner on gVisor ({@code runsc}, installed by scripts/setup.sh): the sandbox runs on gVisor's
 * kernel, its daemon answers on its bridge address, its disk is capped, its files survive a
 * stop, and its limits change while it runs (runsc has no update: the host cgroup is written).
 */
class GvisorRuntimeTest {
    private static final Path SOCKET = Path.of("/run/podman/podman.sock");
    private static final Path DAEMON_JAR = Path.of("../daytona-daemon/target/daytona-daemon.jar");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ContainerEngine engine;
    private static Path runnerData;
    private static SandboxRunner runner;

    @BeforeAll
    static void startEngine() throws Exception {
        engine = ContainerEngine.connect(SOCKET);
        PodmanService.ensureRunning(engine, SOCKET, Path.of("target/podman-service.log"));
        DaemonRuntime daemon;
        try (InputStream jar = Files.newInputStream(DAEMON_JAR)) {
            daemon = DaemonRuntime.prepare(Path.of(System.getProperty("java.io.tmpdir"), "daytona-test-daemon"), jar);
        }
        runnerData = Files.createTempDirectory("daytona-test-gvisor");
        Path archives = Files.createTempDirectory("daytona-test-archives");
        RunnerConfig config = RunnerConfig.defaults("test-gvisor-" + UUID.randomUUID().toString().substring(0, 8))
                .withDataDirectory(runnerData)
                .withRuntime(OciRuntime.of(OciRuntime.RUNSC, runnerData.resolve("runtime")));
        runner = new SandboxRunner(config, engine, daemon, new LayerArchiver(new LocalArchiveStore(archives), archives.resolve("work")));
    }

    @AfterAll
    static void closeEngine() throws Exception {
        engine.close();
    }

    @AfterEach
    void leavesNoMountsOrLoopDevices() throws Exception {
        for (int i = 0; i < 100 && !DiskLeaks.loopDevicesUnder(runnerData).isEmpty(); i++) {
            Thread.sleep(50); // gVisor's gofer lets go of the disk a moment after the container is removed
        }
        assertThat(DiskLeaks.mountsUnder(runnerData)).isEmpty();
        assertThat(DiskLeaks.loopDevicesUnder(runnerData)).isEmpty();
    }

    @Test
    void aSandboxOnGvisorAnswersIsCappedKeepsItsFilesAndIsResizedWhileRunning() throws Exception {
        String id = "test-" + UUID.randomUUID();
        SandboxSpec spec = new SandboxSpec(id, "org-1", "daytona/sandbox:0.1.0", "daytona", Map.of("GREETING", "hi"), 1, 1, 1, NetworkPolicy.OPEN);
        try {
            StartedSandbox started = runner.ensureStarted(spec);
            // gVisor's kernel reports itself as Linux 4.4.0, whatever the host runs.
            assertThat(execute(started.daemonUri(), "uname -r; id -un; echo $GREETING")).isEqualTo("4.4.0\ndaytona\nhi\n");
            assertThat(execute(started.daemonUri(), "dd if=/dev/zero of=$HOME/fill bs=1M count=2000 2>&1; echo exit=$?; rm -f $HOME/fill"))
                    .contains("No space left on device").contains("exit=1");
            execute(started.daemonUri(), "echo kept > ~/file");

            runner.ensureResources(id, 2, 2);
            String cgroup = engine.cgroupPath(id).orElseThrow();
            assertThat(Files.readString(Path.of("/sys/fs/cgroup/cpu" + cgroup + "/cpu.cfs_quota_us")).strip()).isEqualTo("200000");
            assertThat(Files.readString(Path.of("/sys/fs/cgroup/memory" + cgroup + "/memory.limit_in_bytes")).strip()).isEqualTo(String.valueOf(2L << 30));

            runner.ensureStopped(id);
            StartedSandbox restarted = runner.ensureStarted(spec);
            assertThat(execute(restarted.daemonUri(), "cat ~/file")).isEqualTo("kept\n");
        } finally {
            runner.ensureDestroyed(id);
        }
    }

    private static String execute(URI daemonUri, String command) throws Exception {
        String body = io.daytona.model.json.Json.newMapper().writeValueAsString(Map.of(
                "command", "bash -c '" + command.replace("'", "'\\''") + "'", "timeout", 120));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(daemonUri.resolve("/process/execute"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return io.daytona.model.json.Json.newMapper().readValue(response.body(), io.daytona.model.toolbox.ExecuteResponse.class).result();
    }
}
