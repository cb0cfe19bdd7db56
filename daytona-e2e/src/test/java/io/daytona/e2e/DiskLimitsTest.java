package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.daytona.model.sandbox.Sandbox;
import io.daytona.model.volume.Volume;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The disk limit, tested by filling real sandboxes: whatever the sandbox writes outside its
 * volumes (home, /usr/local as root, /tmp) shares one capped filesystem that answers ENOSPC
 * inside the sandbox, while the host's free space and other sandboxes are untouched.
 */
@ExtendWith(PlatformExtension.class)
class DiskLimitsTest {
    private static final long GIB = 1L << 30;

    @Test
    void aSandboxThatFillsItsDiskGetsEnospcInsideAndTheHostAndANeighbourAreUntouched(Platform platform) throws Exception {
        Api api = Api.of(platform);
        try (TestSandbox full = TestSandbox.create(platform, Map.of("disk", 1));
             TestSandbox neighbour = TestSandbox.create(platform, Map.of("disk", 2))) {
            assertThat(diskSizeBytes(full.toolbox())).isBetween(GIB * 9 / 10, GIB);
            assertThat(diskSizeBytes(neighbour.toolbox())).isBetween(GIB * 19 / 10, 2 * GIB);

            // Root inside the sandbox has no reserved blocks to dig into: sudo stops at the cap too.
            JsonNode asRoot = execute(full.toolbox(), "sudo dd if=/dev/zero of=/usr/local/fill bs=1M count=2000 2>&1; echo exit=$?", 300);
            assertThat(asRoot.get("result").asText()).contains("No space left on device").contains("exit=1");
            assertThat(hostBytes(platform, full.id())).as("what the full sandbox takes of the host's disk").isBetween(GIB * 8 / 10, GIB);
            assertThat(run(full.toolbox(), "sudo stat -c %s /usr/local/fill")).satisfies(size ->
                    assertThat(Long.parseLong(size.strip())).isBetween(GIB * 8 / 10, GIB));
            // Home and /tmp are the same capped filesystem, not separate mounts: neither takes 100 MB more
            // (a few MB may come free once the kernel has written the file and knows its real metadata).
            assertThat(run(full.toolbox(), "head -c 100000000 /dev/zero > ~/more 2>&1; echo home=$?; "
                    + "head -c 100000000 /dev/zero > /tmp/more 2>&1; echo tmp=$?; rm -f ~/more /tmp/more"))
                    .contains("No space left on device").contains("home=1").contains("tmp=1");
            assertThat(run(neighbour.toolbox(), "head -c 200000000 /dev/zero > ~/neighbour && stat -c %s ~/neighbour"))
                    .as("a full neighbour takes nothing from this sandbox").isEqualTo("200000000\n");

            run(full.toolbox(), "sudo rm /usr/local/fill");
            assertThat(run(full.toolbox(), "echo still here > ~/after && cat ~/after")).isEqualTo("still here\n");
            JsonNode asUser = execute(full.toolbox(), "dd if=/dev/zero of=$HOME/fill bs=1M count=2000 2>&1; echo exit=$?", 300);
            assertThat(asUser.get("result").asText()).contains("No space left on device").contains("exit=1");
            run(full.toolbox(), "rm ~/fill");
            assertThat(run(full.toolbox(), "echo ok")).isEqualTo("ok\n");
            // Deleted files give the host its space back: the disk file is sparse and the filesystem
            // discards freed blocks when its journal commits (every few seconds).
            long footprint = hostBytes(platform, full.id());
            for (int i = 0; i < 120 && footprint >= GIB / 5; i++) {
                Thread.sleep(250);
                footprint = hostBytes(platform, full.id());
            }
            assertThat(footprint).as("host bytes of the disk after its files were deleted").isLessThan(GIB / 5);
            assertThat(api.get("/sandbox/" + full.id()).as(Sandbox.class).state().wireValue()).isEqualTo("started");
        }
    }

    @Test
    void resizingTheDiskOfAStoppedSandboxGrowsItsCapAndKeepsItsFiles(Platform platform) throws Exception {
        Api api = Api.of(platform);
        try (TestSandbox sandbox = TestSandbox.create(platform, Map.of("disk", 1))) {
            run(sandbox.toolbox(), "echo kept > ~/file");
            assertThat(execute(sandbox.toolbox(), "fallocate -l 1500M ~/big 2>&1; echo exit=$?", 60).get("result").asText())
                    .contains("No space left on device");
            run(sandbox.toolbox(), "rm -f ~/big");

            api.post("/sandbox/" + sandbox.id() + "/stop", null);
            ArchiveResizeRecoverTest.await(api, sandbox.id(), "stopped");
            Api.Reply resize = api.post("/sandbox/" + sandbox.id() + "/resize", Map.of("disk", 3));
            assertThat(resize.status()).as(resize.body()).isEqualTo(200);
            ArchiveResizeRecoverTest.await(api, sandbox.id(), "stopped");
            api.post("/sandbox/" + sandbox.id() + "/start", null);
            ArchiveResizeRecoverTest.await(api, sandbox.id(), "started");

            assertThat(diskSizeBytes(sandbox.toolbox())).isBetween(GIB * 29 / 10, 3 * GIB);
            assertThat(run(sandbox.toolbox(), "cat ~/file; fallocate -l 1500M ~/big && stat -c %s ~/big")).isEqualTo("kept\n1572864000\n");
        }
    }

    @Test
    void filesInAVolumeDoNotCountAgainstTheSandboxsDisk(Platform platform) throws Exception {
        Api api = Api.of(platform);
        Api.Reply created = api.post("/volumes", Map.of("name", "disk-" + UUID.randomUUID().toString().substring(0, 8)));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        Volume volume = created.as(Volume.class);
        try (TestSandbox sandbox = TestSandbox.create(platform, Map.of("disk", 1,
                "volumes", List.of(Map.of("volumeId", volume.id(), "mountPath", "/home/daytona/data"))))) {
            assertThat(run(sandbox.toolbox(), "fallocate -l 1500M ~/data/big && stat -c %s ~/data/big")).isEqualTo("1572864000\n");
            assertThat(run(sandbox.toolbox(), "df --output=used -B1M / | tail -1").strip())
                    .as("the sandbox's own disk stays almost empty").satisfies(used -> assertThat(Long.parseLong(used)).isLessThan(200));
            run(sandbox.toolbox(), "rm ~/data/big");
        } finally {
            for (int i = 0; i < 100 && api.delete("/volumes/" + volume.id()).status() != 200; i++) {
                Thread.sleep(100);
            }
        }
    }

    private static long diskSizeBytes(Api toolbox) {
        return Long.parseLong(run(toolbox, "df --output=size -B1 / | tail -1").strip());
    }

    /**
     * The host's disk blocks the sandbox's disk file takes: everything the sandbox wrote outside
     * its volumes, and never more than the file's size (its cap).
     */
    private static long hostBytes(Platform platform, String sandboxId) throws Exception {
        Path disk = platform.dataDirectory().orElseThrow().resolve("runner/disks/" + sandboxId + ".img");
        assertThat(disk).exists();
        Process du = new ProcessBuilder("du", "--block-size=1", disk.toString()).redirectErrorStream(true).start();
        String output = new String(du.getInputStream().readAllBytes()).strip();
        assertThat(du.waitFor()).as(output).isZero();
        return Long.parseLong(output.split("\\s+")[0]);
    }

    private static String run(Api toolbox, String command) {
        JsonNode result = execute(toolbox, command, 60);
        assertThat(result.get("exitCode").asInt()).as(result.toString()).isZero();
        return result.get("result").asText();
    }

    private static JsonNode execute(Api toolbox, String command, int timeoutSeconds) {
        Api.Reply reply = toolbox.post("/process/execute", Map.of("command", "bash -c '" + command.replace("'", "'\\''") + "'",
                "timeout", timeoutSeconds));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }
}
