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
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sandboxes on their own disks: what the engine and the kernel keep of them in every situation. */
class SandboxDiskTest {
    private static final Path SOCKET = Path.of("/run/podman/podman.sock");
    private static final Path DAEMON_JAR = Path.of("../daytona-daemon/target/daytona-daemon.jar");
    private static final String IMAGE = "daytona/sandbox:0.1.0";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ContainerEngine engine;
    private static DaemonRuntime daemon;
    private static Path runnerData;
    private static Path archives;
    private static RunnerConfig config;
    private static SandboxRunner runner;

    @BeforeAll
    static void startEngine() throws Exception {
        engine = ContainerEngine.connect(SOCKET);
        PodmanService.ensureRunning(engine, SOCKET, Path.of("target/podman-service.log"));
        try (InputStream jar = Files.newInputStream(DAEMON_JAR)) {
            daemon = DaemonRuntime.prepare(Path.of(System.getProperty("java.io.tmpdir"), "daytona-test-daemon"), jar);
        }
        runnerData = Files.createTempDirectory("daytona-test-disks");
        archives = Files.createTempDirectory("daytona-test-archives");
        config = RunnerConfig.defaults("test-disks-" + UUID.randomUUID().toString().substring(0, 8)).withDataDirectory(runnerData);
        runner = newRunner();
    }

    @AfterAll
    static void closeEngine() throws Exception {
        engine.close();
    }

    @AfterEach
    void leavesNoMountsOrLoopDevices() throws Exception {
        assertThat(DiskLeaks.mountsUnder(runnerData)).isEmpty();
        assertThat(DiskLeaks.loopDevicesUnder(runnerData)).isEmpty();
    }

    /** The platform's own removal is not needed: the kernel frees the disk with the container, and the orphan sweep the file. */
    @Test
    void aContainerRemovedBehindTheRunnersBackLeavesNoMountAndItsDiskGoesWithTheOrphans() throws Exception {
        String id = "test-" + UUID.randomUUID();
        runner.ensureStarted(spec(id, 1));
        assertThat(DiskLeaks.loopDevicesUnder(runnerData)).as("the running container holds its disk").hasSize(1);
        assertThat(DiskLeaks.mountsUnder(runnerData)).as("but the host does not").isEmpty();
        Process remove = new ProcessBuilder("podman", "rm", "-f", "-t", "0", id).redirectErrorStream(true).start();
        assertThat(remove.waitFor()).isZero();
        awaitNoLoopDevice();
        assertThat(runnerData.resolve("disks/" + id + ".img")).exists();

        assertThat(runner.removeOrphans(Set.of(id), Duration.ZERO)).as("a known sandbox keeps its disk").doesNotContain(id);
        Thread.sleep(1100);
        assertThat(runner.removeOrphans(Set.of(), Duration.ZERO)).contains(id);
        assertThat(runnerData.resolve("disks/" + id + ".img")).doesNotExist();
        assertThat(runnerData.resolve("sandboxes/" + id)).doesNotExist();
    }

    /** A runner restart (a new runner on the same directory) finds running sandboxes running and stopped ones startable. */
    @Test
    void aNewRunnerOnTheSameDirectoryKeepsRunningSandboxesAndStartsStoppedOnesWithTheirFiles() throws Exception {
        String running = "test-" + UUID.randomUUID();
        String stopped = "test-" + UUID.randomUUID();
        try {
            StartedSandbox first = runner.ensureStarted(spec(running, 1));
            execute(first.daemonUri(), "echo one > ~/file");
            StartedSandbox second = runner.ensureStarted(spec(stopped, 1));
            execute(second.daemonUri(), "sudo sh -c 'echo two > /usr/local/file'");
            runner.ensureStopped(stopped);
            awaitNoLoopDevice(stopped);

            SandboxRunner restarted = newRunner();
            assertThat(restarted.observe()).containsEntry(running, RunnerSandboxState.RUNNING).containsEntry(stopped, RunnerSandboxState.STOPPED);
            assertThat(execute(restarted.ensureStarted(spec(running, 1)).daemonUri(), "cat ~/file")).isEqualTo("one\n");
            assertThat(execute(restarted.ensureStarted(spec(stopped, 1)).daemonUri(), "cat /usr/local/file")).isEqualTo("two\n");
        } finally {
            runner.ensureDestroyed(running);
            runner.ensureDestroyed(stopped);
        }
    }

    /**
     * The engine does not know a sandbox on its own root filesystem uses its image; the hold makes
     * it refuse the image's removal while a sandbox uses it, and goes with the last sandbox.
     */
    @Test
    void anImageUnderASandboxCannotBeRemovedUntilItsLastSandboxIsGoneAndACommitCarriesTheSandboxsFiles() throws Exception {
        String source = "test-" + UUID.randomUUID();
        String copy = "test-" + UUID.randomUUID();
        String committed = "localhost/daytona-test/disk-commit-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
        try {
            StartedSandbox started = runner.ensureStarted(spec(source, 1));
            execute(started.daemonUri(), "echo committed > ~/file && sudo rm /etc/motd");
            runner.commit(source, committed);
            assertThat(execute(started.daemonUri(), "cat ~/file")).as("the running sandbox goes on after its commit").isEqualTo("committed\n");

            StartedSandbox fromCommit = runner.ensureStarted(new SandboxSpec(copy, "org-1", committed, "daytona", Map.of(), 1, 1, 1,
                    NetworkPolicy.OPEN));
            assertThat(execute(fromCommit.daemonUri(), "cat ~/file; ls /etc/motd 2>&1 || true")).startsWith("committed\n").contains("No such file");
            assertThatThrownBy(() -> engine.removeImage(committed)).as("the image under a sandbox stays").isNotNull();
            assertThat(execute(fromCommit.daemonUri(), "cat ~/file")).isEqualTo("committed\n");

            runner.ensureDestroyed(copy);
            engine.removeImage(committed);
            assertThat(engine.imageId(committed)).isEmpty();
        } finally {
            runner.ensureDestroyed(source);
            runner.ensureDestroyed(copy);
            engine.removeImage(committed);
        }
    }

    /**
     * The engine looks the container's user up in its root directory at every exec, and the
     * host's view of that directory is gone while the sandbox runs: the SSH gateway's processes
     * (engine execs, with and without a terminal) must still start as the sandbox's user.
     */
    @Test
    void processesAttachedThroughTheEngineRunAsTheSandboxUserWhileTheRootIsDetached() throws Exception {
        String id = "test-" + UUID.randomUUID();
        try {
            runner.ensureStarted(spec(id, 1));
            assertThat(DiskLeaks.mountsUnder(runnerData)).isEmpty();
            for (boolean tty : new boolean[] {false, true}) {
                try (var attached = runner.attach(id, new io.daytona.runner.attach.AttachRequest(
                        // (a moment first: the gateway resizes a terminal right after its start)
                        java.util.List.of("sh", "-c", "sleep 1; id -un; echo $HOME"), tty, Map.of(), 80, 24))) {
                    var out = new java.io.ByteArrayOutputStream();
                    attached.stdin().close();
                    attached.copyOutput(out, out);
                    assertThat(attached.exitCode()).isZero();
                    assertThat(out.toString().replace("\r", "")).isEqualTo("daytona\n/home/daytona\n");
                }
            }
        } finally {
            runner.ensureDestroyed(id);
        }
    }

    @Test
    void aStoppedSandboxsDiskGrowsAtItsNextStartAndNeverShrinks() throws Exception {
        String id = "test-" + UUID.randomUUID();
        try {
            StartedSandbox started = runner.ensureStarted(spec(id, 1));
            execute(started.daemonUri(), "echo kept > ~/file");
            runner.ensureStopped(id);
            StartedSandbox grown = runner.ensureStarted(spec(id, 2));
            assertThat(Long.parseLong(execute(grown.daemonUri(), "df --output=size -B1M / | tail -1").strip())).isBetween(1900L, 2048L);
            assertThat(execute(grown.daemonUri(), "cat ~/file")).isEqualTo("kept\n");
            assertThat(Files.size(runnerData.resolve("disks/" + id + ".img"))).isEqualTo(2L << 30);
            runner.ensureStopped(id);
            runner.ensureStarted(spec(id, 1));
            assertThat(Files.size(runnerData.resolve("disks/" + id + ".img"))).as("a smaller size is never applied").isEqualTo(2L << 30);
        } finally {
            runner.ensureDestroyed(id);
        }
    }

    /**
     * A paused sandbox: the engine calls it paused and the runner gives no daemon address; a fork
     * and a backup of it leave it paused and leave no mount, loop device or copy behind; a start
     * resumes it; a stop of a paused sandbox stops it.
     */
    @Test
    void aPausedSandboxForksAndBacksUpStaysPausedAndResumesOnStart() throws Exception {
        String id = "test-" + UUID.randomUUID();
        String fork = "test-" + UUID.randomUUID();
        try {
            StartedSandbox started = runner.ensureStarted(spec(id, 1));
            execute(started.daemonUri(), "echo original > ~/file && sudo rm /etc/motd");
            runner.ensurePaused(id);
            runner.ensurePaused(id);
            assertThat(runner.state(id)).isEqualTo(RunnerSandboxState.PAUSED);
            assertThat(runner.observe()).containsEntry(id, RunnerSandboxState.PAUSED);
            assertThat(runner.daemonUri(id)).as("a frozen daemon is not offered").isEmpty();

            runner.ensureForked(id, true, spec(fork, 1));
            runner.ensureForked(id, true, spec(fork, 1));
            assertThat(runner.state(id)).as("a paused source stays paused").isEqualTo(RunnerSandboxState.PAUSED);
            StartedSandbox forked = runner.ensureStarted(spec(fork, 1));
            assertThat(execute(forked.daemonUri(), "cat ~/file; ls /etc/motd 2>&1 || true")).startsWith("original\n").contains("No such file");
            execute(forked.daemonUri(), "echo fork > ~/file");

            LayerArchiver.Metadata backup = runner.ensureBackedUp(id, true);
            assertThat(backup.bytes()).isPositive();
            assertThat(runner.state(id)).isEqualTo(RunnerSandboxState.PAUSED);
            assertThat(Files.list(runnerData.resolve("disks")).map(Path::toString)).noneMatch(name -> name.endsWith(".copy"));

            StartedSandbox resumed = runner.ensureStarted(spec(id, 1));
            assertThat(runner.state(id)).isEqualTo(RunnerSandboxState.RUNNING);
            assertThat(execute(resumed.daemonUri(), "cat ~/file")).as("the fork went its own way").isEqualTo("original\n");
            runner.ensureBackedUp(id, false);
            assertThat(runner.state(id)).as("a running sandbox runs on after its backup").isEqualTo(RunnerSandboxState.RUNNING);

            runner.ensurePaused(id);
            runner.ensureStopped(id);
            assertThat(runner.state(id)).isEqualTo(RunnerSandboxState.STOPPED);
            assertThatThrownBy(() -> runner.ensurePaused(id)).hasMessageContaining("not running");
            awaitNoLoopDevice(id);
        } finally {
            runner.ensureDestroyed(id);
            runner.ensureDestroyed(fork);
        }
    }

    @Test
    void refusesADataDirectoryInsideTheEnginesStorage() {
        assertThatThrownBy(() -> new io.daytona.runner.disk.SandboxDisks(Path.of("/var/lib/containers/daytona-test-never")))
                .hasMessageContaining("inside /var/lib/containers");
        assertThat(Path.of("/var/lib/containers/daytona-test-never")).doesNotExist();
    }

    private static SandboxRunner newRunner() {
        return new SandboxRunner(config, engine, daemon, uncheckedArchiver());
    }

    private static LayerArchiver uncheckedArchiver() {
        try {
            return new LayerArchiver(new LocalArchiveStore(archives), archives.resolve("work"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static SandboxSpec spec(String id, int diskGiB) {
        return new SandboxSpec(id, "org-1", IMAGE, "daytona", Map.of(), 1, 1, diskGiB, NetworkPolicy.OPEN);
    }

    private static void awaitNoLoopDevice() throws Exception {
        for (int i = 0; i < 100 && !DiskLeaks.loopDevicesUnder(runnerData).isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertThat(DiskLeaks.loopDevicesUnder(runnerData)).isEmpty();
    }

    private static void awaitNoLoopDevice(String id) throws Exception {
        for (int i = 0; i < 100 && DiskLeaks.loopDevicesUnder(runnerData).stream().anyMatch(d -> d.contains(id)); i++) {
            Thread.sleep(50);
        }
        assertThat(DiskLeaks.loopDevicesUnder(runnerData)).noneMatch(d -> d.contains(id));
    }

    private static String execute(URI daemonUri, String command) throws Exception {
        String body = "{\"command\": " + io.daytona.model.json.Json.newMapper().writeValueAsString("bash -c '" + command.replace("'", "'\\''") + "'") + "}";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(daemonUri.resolve("/process/execute"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var result = io.daytona.model.json.Json.newMapper().readValue(response.body(), io.daytona.model.toolbox.ExecuteResponse.class);
        return result.result();
    }
}
