package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.daytona.model.sandbox.CreateSandbox;
import io.daytona.model.sandbox.Sandbox;
import io.daytona.model.sandbox.SandboxState;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.DaytonaConfig;
import io.daytona.sdk.DaytonaConflictException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pause, fork and backup with real sandboxes: a paused sandbox's processes make no progress and go
 * on from where they were (their memory kept); a fork has the source's files and goes its own way;
 * a backup brings files back after the container is lost, and an archive and restore after it.
 */
@ExtendWith(PlatformExtension.class)
class PauseForkBackupTest {
    /** A loop that counts in a shell variable (its memory) and writes the count every 100 ms. */
    private static final String COUNTER = "setsid nohup bash -c 'i=0; while true; do i=$((i+1)); echo $i > /tmp/count; sleep 0.1; done' "
            + ">/dev/null 2>&1 < /dev/null &";

    private static Api api;

    @BeforeAll
    static void start(Platform platform) {
        api = Api.of(platform);
    }

    @Test
    void aPausedSandboxsProcessesMakeNoProgressAndGoOnWithTheirMemoryAfterStart(Platform platform) throws Exception {
        Sandbox sandbox = api.post("/sandbox", Map.of()).as(Sandbox.class);
        try {
            exec(platform, sandbox.id(), "echo kept > ~/file.txt; " + COUNTER);
            awaitCount(platform, sandbox.id(), 5);

            Api.Reply pausing = api.post("/sandbox/" + sandbox.id() + "/pause", null);
            assertThat(pausing.status()).as(pausing.body()).isEqualTo(200);
            assertThat(pausing.json().get("state").asText()).isIn("pausing", "paused");
            awaitSandbox(sandbox.id(), "paused");
            Api.Reply refused = api.toolbox(platform, sandbox.id()).post("/process/execute", Map.of("command", "true"));
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.body()).contains("paused");

            // Read from the host, inside the sandbox's own mounts: the frozen loop writes nothing.
            long paused = hostCount(sandbox.id());
            Thread.sleep(2000);
            assertThat(hostCount(sandbox.id())).as("no progress while paused").isEqualTo(paused);

            Api.Reply resuming = api.post("/sandbox/" + sandbox.id() + "/start", null);
            assertThat(resuming.status()).as(resuming.body()).isEqualTo(200);
            awaitSandbox(sandbox.id(), "started");
            long resumed = Long.parseLong(exec(platform, sandbox.id(), "cat /tmp/count").strip());
            // The loop's variable went on from where it was frozen, not from 0: its memory was kept.
            assertThat(resumed).isGreaterThanOrEqualTo(paused).isLessThan(paused + 100);
            awaitCount(platform, sandbox.id(), resumed + 5);
            assertThat(exec(platform, sandbox.id(), "cat ~/file.txt")).isEqualTo("kept\n");
        } finally {
            api.delete("/sandbox/" + sandbox.id());
        }
    }

    @Test
    void aForkHasTheSourcesFilesAndBothGoOnIndependently(Platform platform) throws Exception {
        Sandbox source = api.post("/sandbox", Map.of("labels", Map.of("suite", "fork"), "env", Map.of("GREETING", "hi"))).as(Sandbox.class);
        String forkName = "fork-" + suffix();
        String fork = null;
        String ofStopped = null;
        try {
            String sums = exec(platform, source.id(), "head -c 3000000 /dev/urandom > ~/data.bin && mkdir -p ~/dir && echo hello > ~/dir/note.txt "
                    + "&& sudo rm /etc/motd && cd ~ && sha256sum data.bin dir/note.txt; " + COUNTER);
            awaitCount(platform, source.id(), 3);

            long asked = System.nanoTime();
            Api.Reply forking = api.post("/sandbox/" + source.id() + "/fork", Map.of("name", forkName));
            assertThat(forking.status()).as(forking.body()).isEqualTo(200);
            fork = forking.json().get("id").asText();
            assertThat(forking.json().get("state").asText()).isEqualTo("forking");
            awaitSandbox(fork, "started");
            long forkMillis = (System.nanoTime() - asked) / 1_000_000;
            awaitSandbox(source.id(), "started");
            System.out.printf("[measure] fork of a started sandbox with 3 MB written: %d ms from the request to started (load %s)%n",
                    forkMillis, loadAverage());

            assertThat(exec(platform, fork, "cd ~ && sha256sum data.bin dir/note.txt")).isEqualTo(sums);
            assertThat(exec(platform, fork, "ls /etc/motd 2>&1 || true")).contains("No such file");
            assertThat(exec(platform, fork, "echo $GREETING")).isEqualTo("hi\n");
            JsonNode forked = api.get("/sandbox/" + fork).json();
            assertThat(forked.get("labels").get("suite").asText()).isEqualTo("fork");
            assertThat(forked.get("runnerId").asText()).isEqualTo(source.runnerId());
            assertThat(api.get("/sandbox/" + fork + "/parent").json().get("id").asText()).isEqualTo(source.id());
            assertThat(api.get("/sandbox/" + source.id() + "/forks").json().findValuesAsText("id")).contains(fork);

            // The source was paused for the copy only: its loop goes on; the fork's copy of it is not running.
            long sourceCount = Long.parseLong(exec(platform, source.id(), "cat /tmp/count").strip());
            awaitCount(platform, source.id(), sourceCount + 3);
            exec(platform, fork, "echo fork > ~/fork-only.txt");
            exec(platform, source.id(), "echo source > ~/source-only.txt && echo changed > ~/dir/note.txt");
            assertThat(exec(platform, source.id(), "ls ~/fork-only.txt 2>&1 || true")).contains("No such file");
            assertThat(exec(platform, fork, "ls ~/source-only.txt 2>&1 || true; cat ~/dir/note.txt")).contains("No such file").endsWith("hello\n");

            Api.Reply stopped = api.post("/sandbox/" + source.id() + "/stop", null);
            assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
            awaitSandbox(source.id(), "stopped");
            Api.Reply second = api.post("/sandbox/" + source.id() + "/fork", null);
            assertThat(second.status()).as(second.body()).isEqualTo(200);
            ofStopped = second.json().get("id").asText();
            awaitSandbox(ofStopped, "started");
            assertThat(exec(platform, ofStopped, "cat ~/source-only.txt ~/dir/note.txt")).isEqualTo("source\nchanged\n");
            awaitSandbox(source.id(), "stopped");
        } finally {
            api.delete("/sandbox/" + source.id());
            if (fork != null) {
                api.delete("/sandbox/" + fork);
            }
            if (ofStopped != null) {
                api.delete("/sandbox/" + ofStopped);
            }
        }
    }

    @Test
    void aBackupBringsTheFilesBackAfterTheContainerIsLostAndAnArchiveAndRestoreFollow(Platform platform) throws Exception {
        try (Daytona daytona = new Daytona(DaytonaConfig.builder().apiKey(platform.adminKey()).apiUrl(platform.apiUrl().toString()).build())) {
            io.daytona.sdk.Sandbox sandbox = daytona.create(CreateSandbox.builder().build());
            try {
                sandbox.getProcess().executeCommand("sh -c 'echo before > /home/daytona/backed-up.txt'");
                long asked = System.nanoTime();
                sandbox.createBackup(Duration.ofSeconds(120));
                System.out.printf("[measure] backup of a started sandbox: %d ms (load %s)%n", (System.nanoTime() - asked) / 1_000_000,
                        loadAverage());
                assertThat(sandbox.getBackupState()).isEqualTo("Completed");
                assertThat(sandbox.getBackupCreatedAt()).isNotNull();
                assertThat(sandbox.getState()).isEqualTo(SandboxState.STARTED);
                sandbox.getProcess().executeCommand("sh -c 'echo after > /home/daytona/later.txt'");

                // The container is lost behind the platform's back: recover restores the backup.
                podman("rm", "-f", "-t", "0", sandbox.getId());
                awaitSandbox(sandbox.getId(), "error");
                sandbox.refreshData();
                assertThat(sandbox.getErrorReason()).contains("backup");
                sandbox.recover(Duration.ofSeconds(120));
                assertThat(sandbox.getProcess().executeCommand("cat /home/daytona/backed-up.txt").result()).isEqualTo("before\n");
                assertThat(sandbox.getProcess().executeCommand("sh -c 'ls /home/daytona/later.txt 2>&1 || true'").result())
                        .contains("No such file");
                assertThat(sandbox.getBackupState()).as("the restore used the backup up").isEqualTo("None");

                sandbox.createBackup(Duration.ofSeconds(120));
                sandbox.stop();
                sandbox.archive(Duration.ofSeconds(120));
                sandbox.start(Duration.ofSeconds(120));
                assertThat(sandbox.getProcess().executeCommand("cat /home/daytona/backed-up.txt").result()).isEqualTo("before\n");
            } finally {
                sandbox.delete();
            }
        }
    }

    @Test
    void theJavaSdkPausesResumesAndForks(Platform platform) throws Exception {
        try (Daytona daytona = new Daytona(DaytonaConfig.builder().apiKey(platform.adminKey()).apiUrl(platform.apiUrl().toString()).build())) {
            io.daytona.sdk.Sandbox sandbox = daytona.create(CreateSandbox.builder().build());
            io.daytona.sdk.Sandbox fork = null;
            try {
                sandbox.getProcess().executeCommand("sh -c 'echo sdk > /home/daytona/sdk.txt'");
                sandbox.pause();
                assertThat(sandbox.getState()).isEqualTo(SandboxState.PAUSED);
                assertThatThrownBy(() -> sandbox.getProcess().executeCommand("true")).isInstanceOf(DaytonaConflictException.class)
                        .hasMessageContaining("paused");
                fork = sandbox.fork("sdk-fork-" + suffix(), Duration.ofSeconds(120));
                assertThat(fork.getState()).isEqualTo(SandboxState.STARTED);
                assertThat(fork.getProcess().executeCommand("cat /home/daytona/sdk.txt").result()).isEqualTo("sdk\n");
                sandbox.refreshData();
                assertThat(sandbox.getState()).as("a paused source stays paused").isEqualTo(SandboxState.PAUSED);
                assertThat(fork.getParent().getId()).isEqualTo(sandbox.getId());
                assertThat(sandbox.getForks()).extracting(io.daytona.sdk.Sandbox::getId).containsExactly(fork.getId());
                assertThat(fork.getAncestors()).extracting(io.daytona.sdk.Sandbox::getId).containsExactly(sandbox.getId());

                sandbox.start();
                assertThat(sandbox.getProcess().executeCommand("cat /home/daytona/sdk.txt").result()).isEqualTo("sdk\n");
                sandbox.stop();
                assertThatThrownBy(sandbox::pause).isInstanceOf(DaytonaConflictException.class).hasMessageContaining("start it first");
            } finally {
                sandbox.delete();
                if (fork != null) {
                    fork.delete();
                }
            }
        }
    }

    private static String exec(Platform platform, String sandboxId, String command) {
        Api.Reply reply = api.toolbox(platform, sandboxId).post("/process/execute", Map.of("command", "bash -c " + quote(command)));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("exitCode").asInt()).as(reply.body()).isZero();
        return reply.json().get("result").asText();
    }

    private static String quote(String command) {
        return "'" + command.replace("'", "'\\''") + "'";
    }

    private static void awaitCount(Platform platform, String sandboxId, long atLeast) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            String count = exec(platform, sandboxId, "cat /tmp/count 2>/dev/null || echo 0").strip();
            if (Long.parseLong(count) >= atLeast) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the counter in sandbox " + sandboxId + " never reached " + atLeast);
    }

    /** The counter as the sandbox's own mount namespace shows it, read from the host (the sandbox's processes may be frozen). */
    private static long hostCount(String sandboxId) throws Exception {
        String pid = podman("inspect", "-f", "{{.State.Pid}}", sandboxId).strip();
        return Long.parseLong(run(List.of("nsenter", "-t", pid, "-m", "cat", "/tmp/count")).strip());
    }

    private static String podman(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("podman"));
        command.addAll(List.of(arguments));
        return run(command);
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
        return output;
    }

    private static void awaitSandbox(String id, String state) throws InterruptedException {
        String last = "";
        for (int i = 0; i < 1200; i++) {
            Api.Reply reply = api.get("/sandbox/" + id);
            if (reply.status() == 200) {
                last = reply.json().get("state").asText();
                if (last.equals(state)) {
                    return;
                }
                if (last.equals("error") && !state.equals("error")) {
                    throw new AssertionError("sandbox " + id + " failed: " + reply.json().get("errorReason").asText());
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("sandbox " + id + " never became " + state + " (last: " + last + ")");
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
