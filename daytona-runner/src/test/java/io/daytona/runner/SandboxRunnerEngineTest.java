package io.daytona.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daytona.model.runner.NetworkPolicy;
import io.daytona.model.runner.RunnerSandboxState;
import io.daytona.model.runner.SandboxSpec;
import io.daytona.model.runner.StartedSandbox;
import io.daytona.runner.archive.LayerArchiver;
import io.daytona.runner.archive.LocalArchiveStore;
import io.daytona.runner.daemon.DaemonRuntime;
import io.daytona.runner.engine.ContainerEngine;
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

/** Runs real sandboxes on the local engine (Podman), with the daemon built by this project. */
class SandboxRunnerEngineTest {
    private static final Path SOCKET = Path.of("/run/podman/podman.sock");
    private static final Path DAEMON_JAR = Path.of("../daytona-daemon/target/daytona-daemon.jar");

    private static ContainerEngine engine;
    private static SandboxRunner runner;
    private static Path archives;
    private static Path runnerData;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startEngine() throws Exception {
        engine = ContainerEngine.connect(SOCKET);
        PodmanService.ensureRunning(engine, SOCKET, Path.of("target/podman-service.log"));
        DaemonRuntime daemon;
        try (InputStream jar = Files.newInputStream(DAEMON_JAR)) {
            daemon = DaemonRuntime.prepare(Path.of(System.getProperty("java.io.tmpdir"), "daytona-test-daemon"), jar);
        }
        archives = Files.createTempDirectory("daytona-test-archives");
        runnerData = Files.createTempDirectory("daytona-test-runner");
        // Each run its own runner id: runs on one engine never take each other's containers.
        runner = new SandboxRunner(RunnerConfig.defaults("test-runner-" + UUID.randomUUID().toString().substring(0, 8))
                .withDataDirectory(runnerData), engine, daemon, new LayerArchiver(new LocalArchiveStore(archives), archives.resolve("work")));
    }

    @AfterAll
    static void closeEngine() throws Exception {
        engine.close();
    }

    /** Whatever a test did, nothing of its sandboxes stays mounted or attached to a loop device. */
    @AfterEach
    void leavesNoMountsOrLoopDevices() throws Exception {
        assertThat(DiskLeaks.mountsUnder(runnerData)).isEmpty();
        assertThat(DiskLeaks.loopDevicesUnder(runnerData)).isEmpty();
    }

    @Test
    void runsADaemonAsTheSandboxUserWithItsLimitsAndSurvivesStopAndStart() throws Exception {
        String id = "test-" + UUID.randomUUID();
        SandboxSpec spec = new SandboxSpec(id, "org-1", "daytona/sandbox:0.1.0", "daytona", Map.of("GREETING", "hi"), 1, 1, 3, NetworkPolicy.OPEN);
        try {
            StartedSandbox started = runner.ensureStarted(spec);
            assertThat(started.daemonVersion()).isNotBlank();
            assertThat(execute(started.daemonUri(), "id -un; echo $GREETING; cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us /sys/fs/cgroup/memory/memory.limit_in_bytes"))
                    .isEqualTo("daytona\nhi\n100000\n1073741824\n");
            assertThat(execute(started.daemonUri(), "echo kept > ~/file; readlink /proc/1/ns/pid")).doesNotContain(Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString());

            runner.ensureStopped(id);
            assertThat(runner.state(id)).isEqualTo(RunnerSandboxState.STOPPED);
            StartedSandbox restarted = runner.ensureStarted(spec);
            assertThat(execute(restarted.daemonUri(), "cat ~/file")).isEqualTo("kept\n");
        } finally {
            runner.ensureDestroyed(id);
        }
        assertThat(runner.state(id)).isEqualTo(RunnerSandboxState.MISSING);
    }

    /** Files in the home directory, under /opt and /usr, a deleted image file and a symlink come back; the host is freed. */
    @Test
    void archivesTheWritableLayerAndRestoresItIntoANewContainer() throws Exception {
        String id = "test-" + UUID.randomUUID();
        SandboxSpec spec = new SandboxSpec(id, "org-1", "daytona/sandbox:0.1.0", "daytona", Map.of("GREETING", "hi"), 1, 1, 3, NetworkPolicy.OPEN);
        String files = "/home/daytona/data.bin /opt/tool/bin/tool /usr/local/lib/extra.so /home/daytona/.config/app/settings";
        try {
            StartedSandbox started = runner.ensureStarted(spec);
            execute(started.daemonUri(), "mkdir -p ~/.config/app && head -c 3000000 /dev/urandom > ~/data.bin && echo s=1 > ~/.config/app/settings"
                    + " && sudo mkdir -p /opt/tool/bin && sudo sh -c 'echo tool > /opt/tool/bin/tool && chmod 755 /opt/tool/bin/tool'"
                    + " && sudo sh -c 'head -c 5000 /dev/urandom > /usr/local/lib/extra.so' && sudo rm /etc/motd && ln -s data.bin ~/link");
            String sums = execute(started.daemonUri(), "sha256sum " + files);
            runner.ensureStopped(id);

            LayerArchiver.Metadata archived = runner.ensureArchived(id);
            assertThat(runner.state(id)).isEqualTo(RunnerSandboxState.MISSING);
            assertThat(archived.bytes()).isGreaterThan(3_000_000).isLessThan(20_000_000);
            assertThat(runner.ensureArchived(id)).as("archiving again is a no-op").isEqualTo(archived);

            StartedSandbox restored = runner.ensureRestored(spec);
            assertThat(execute(restored.daemonUri(), "sha256sum " + files)).isEqualTo(sums);
            assertThat(execute(restored.daemonUri(), "ls /etc/motd 2>&1 || true; readlink ~/link; echo $GREETING; stat -c %U /opt/tool/bin/tool"))
                    .contains("No such file").contains("data.bin\nhi\nroot\n");
            try (var left = Files.list(archives)) {
                assertThat(left.filter(Files::isRegularFile).toList()).as("the archive is removed once restored").isEmpty();
            }
            assertThat(runner.ensureRestored(spec).daemonVersion()).as("restoring again keeps the running sandbox").isNotBlank();
            assertThat(execute(restored.daemonUri(), "cat ~/.config/app/settings")).isEqualTo("s=1\n");
        } finally {
            runner.ensureDestroyed(id);
        }
    }

    @Test
    void resizesARunningSandboxAndKeepsTheNewLimitsAcrossARestart() throws Exception {
        String id = "test-" + UUID.randomUUID();
        SandboxSpec spec = new SandboxSpec(id, "org-1", "daytona/sandbox:0.1.0", "daytona", Map.of(), 1, 1, 3, NetworkPolicy.OPEN);
        String limits = "cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us /sys/fs/cgroup/memory/memory.limit_in_bytes";
        try {
            StartedSandbox started = runner.ensureStarted(spec);
            runner.ensureResources(id, 2, 3);
            assertThat(execute(started.daemonUri(), limits)).isEqualTo("200000\n3221225472\n");
            runner.ensureStopped(id);
            StartedSandbox restarted = runner.ensureStarted(new SandboxSpec(id, "org-1", "daytona/sandbox:0.1.0", "daytona", Map.of(), 2, 3, 3,
                    NetworkPolicy.OPEN));
            assertThat(execute(restarted.daemonUri(), limits)).isEqualTo("200000\n3221225472\n");
        } finally {
            runner.ensureDestroyed(id);
        }
    }

    /** After a runner restart the control plane's list decides: unknown containers go once older than the grace period. */
    @Test
    void removesContainersOfUnknownSandboxesOnlyAfterTheGracePeriod() throws Exception {
        String id = "test-" + UUID.randomUUID();
        SandboxSpec spec = new SandboxSpec(id, "org-1", "daytona/sandbox:0.1.0", "daytona", Map.of(), 1, 1, 3, NetworkPolicy.OPEN);
        try {
            runner.ensureStarted(spec);
            assertThat(runner.observe()).containsEntry(id, RunnerSandboxState.RUNNING);
            assertThat(runner.removeOrphans(java.util.Set.of(), java.time.Duration.ofHours(1))).doesNotContain(id);
            assertThat(runner.removeOrphans(java.util.Set.of(id), java.time.Duration.ZERO)).doesNotContain(id);
            assertThat(runner.state(id)).isEqualTo(RunnerSandboxState.RUNNING);
            Thread.sleep(1100); // the engine counts creation times in seconds
            assertThat(runner.removeOrphans(java.util.Set.of(), java.time.Duration.ZERO)).contains(id);
            assertThat(runner.state(id)).isEqualTo(RunnerSandboxState.MISSING);
        } finally {
            runner.ensureDestroyed(id);
        }
    }

    @Test
    void explainsAMissingImage() {
        SandboxSpec spec = new SandboxSpec("test-" + UUID.randomUUID(), "org-1", "no/such-image:1", "daytona", Map.of(), 1, 1, 3, NetworkPolicy.OPEN);
        assertThatThrownBy(() -> runner.ensureStarted(spec))
                .isInstanceOf(SandboxRunnerException.class)
                .hasMessageContaining("localhost/no/such-image:1");
    }

    private static String execute(URI daemon, String command) throws Exception {
        String body = "{\"command\": " + io.daytona.model.json.Json.newMapper().writeValueAsString(command) + "}";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(daemon.resolve("/process/execute"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var result = io.daytona.model.json.Json.newMapper().readValue(response.body(), io.daytona.model.toolbox.ExecuteResponse.class);
        assertThat(result.exitCode()).as(result.result()).isZero();
        return result.result();
    }
}
