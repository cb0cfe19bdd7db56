package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.daytona.model.sandbox.Sandbox;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Archive and restore, resize and recover, against the real server and real sandboxes. */
@ExtendWith(PlatformExtension.class)
class ArchiveResizeRecoverTest {
    /** Files in the home directory and outside it, written as the user and as root. */
    static final String FILES = "/home/daytona/data.bin /home/daytona/.config/app/settings /opt/tool/bin/tool /usr/local/lib/extra.so";
    static final String WRITE_FILES = "mkdir -p ~/.config/app && head -c 2000000 /dev/urandom > ~/data.bin && echo s=1 > ~/.config/app/settings"
            + " && sudo mkdir -p /opt/tool/bin && sudo sh -c 'echo tool > /opt/tool/bin/tool && chmod 755 /opt/tool/bin/tool'"
            + " && sudo sh -c 'head -c 5000 /dev/urandom > /usr/local/lib/extra.so' && sudo rm /etc/motd";
    static final String CHECKSUMS = "sha256sum " + FILES + "; stat -c '%U %a %n' " + FILES + "; ls /etc/motd 2>&1 || true";
    private static final String LIMITS = "cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us /sys/fs/cgroup/memory/memory.limit_in_bytes";

    @Test
    void archivesAStoppedSandboxFreesTheHostAndStartRestoresFilesEnvLabelsAndLimits(Platform platform) throws Exception {
        Api api = Api.of(platform);
        String id = api.post("/sandbox", Map.of("env", Map.of("GREETING", "hello"), "labels", Map.of("team", "core"),
                "cpu", 2, "memory", 2)).as(Sandbox.class).id();
        try {
            Api toolbox = api.toolbox(platform, id);
            run(toolbox, WRITE_FILES);
            String sums = run(toolbox, CHECKSUMS);
            assertThat(sums).contains("No such file");

            Api.Reply early = api.post("/sandbox/" + id + "/archive", null);
            assertThat(early.status()).isEqualTo(409);
            assertThat(early.json().get("message").asText()).contains("only a stopped sandbox can be archived");

            assertThat(api.post("/sandbox/" + id + "/stop", null).status()).isEqualTo(200);
            await(api, id, "stopped");
            Api.Reply archive = api.post("/sandbox/" + id + "/archive", null);
            assertThat(archive.status()).as(archive.body()).isEqualTo(200);
            assertThat(archive.as(Sandbox.class).state().wireValue()).isIn("archiving", "archived");
            Sandbox archived = await(api, id, "archived");
            assertThat(archived.backupState()).isEqualTo("Completed");
            assertThat(archived.runnerId()).isNull();
            assertThat(containerExists(id)).as("the host is freed").isFalse();
            platform.dataDirectory().ifPresent(data ->
                    assertThat(data.resolve("archives/" + id + ".tar.zst")).exists());

            assertThat(api.post("/sandbox/" + id + "/start", null).status()).isEqualTo(200);
            Sandbox restored = await(api, id, "started");
            assertThat(restored.labels()).containsEntry("team", "core");
            assertThat(run(toolbox, CHECKSUMS)).isEqualTo(sums);
            assertThat(run(toolbox, "echo $GREETING; " + LIMITS)).isEqualTo("hello\n200000\n2147483648\n");
            platform.dataDirectory().ifPresent(data ->
                    assertThat(data.resolve("archives/" + id + ".tar.zst")).doesNotExist());
        } finally {
            api.delete("/sandbox/" + id);
        }
    }

    @Test
    void resizesCpuAndMemoryOfARunningSandboxAndDiskOfAStoppedOne(Platform platform) throws Exception {
        Api api = Api.of(platform);
        String id = api.post("/sandbox", Map.of()).as(Sandbox.class).id();
        try {
            Api toolbox = api.toolbox(platform, id);
            Api.Reply resize = api.post("/sandbox/" + id + "/resize", Map.of("cpu", 2, "memory", 3));
            assertThat(resize.status()).as(resize.body()).isEqualTo(200);
            assertThat(resize.as(Sandbox.class).state().wireValue()).isIn("resizing", "started");
            Sandbox resized = await(api, id, "started");
            assertThat(resized.cpu()).isEqualTo(2);
            assertThat(resized.memory()).isEqualTo(3);
            assertThat(run(toolbox, LIMITS)).isEqualTo("200000\n3221225472\n");

            assertBadRequest(api.post("/sandbox/" + id + "/resize", Map.of("disk", 5)), "only change while the sandbox is stopped");
            assertBadRequest(api.post("/sandbox/" + id + "/resize", Map.of("cpu", 0)), "cpu must be from 1");
            assertBadRequest(api.post("/sandbox/" + id + "/resize", Map.of("memory", 1000)), "memory must be from 1");
            assertBadRequest(api.post("/sandbox/" + id + "/resize", Map.of()), "at least one of");

            api.post("/sandbox/" + id + "/stop", null);
            await(api, id, "stopped");
            assertBadRequest(api.post("/sandbox/" + id + "/resize", Map.of("disk", 1)), "disk can only grow");
            assertThat(api.post("/sandbox/" + id + "/resize", Map.of("disk", 5)).status()).isEqualTo(200);
            assertThat(await(api, id, "stopped").disk()).isEqualTo(5);

            api.post("/sandbox/" + id + "/start", null);
            await(api, id, "started");
            assertThat(run(toolbox, LIMITS)).as("the resize outlives the stop").isEqualTo("200000\n3221225472\n");
        } finally {
            api.delete("/sandbox/" + id);
        }
    }

    @Test
    void aContainerRemovedBehindThePlatformsBackIsARecoverableErrorAndRecoverBringsTheSandboxBack(Platform platform) throws Exception {
        Api api = Api.of(platform);
        String id = api.post("/sandbox", Map.of("env", Map.of("GREETING", "again"))).as(Sandbox.class).id();
        try {
            Api.Reply notYet = api.post("/sandbox/" + id + "/recover", null);
            assertThat(notYet.status()).isEqualTo(409);
            assertThat(notYet.json().get("message").asText()).contains("not in a recoverable error state");

            Process remove = new ProcessBuilder("podman", "rm", "-f", "-t", "0", id).redirectErrorStream(true).start();
            assertThat(remove.waitFor()).isZero();
            Sandbox failed = await(api, id, "error");
            assertThat(failed.recoverable()).isEqualTo(Boolean.TRUE);
            assertThat(failed.errorReason()).contains("removed outside the platform");
            Api.Reply start = api.post("/sandbox/" + id + "/start", null);
            assertThat(start.status()).isEqualTo(400);
            assertThat(start.json().get("message").asText()).contains("/recover");

            Api.Reply recover = api.post("/sandbox/" + id + "/recover", null);
            assertThat(recover.status()).as(recover.body()).isEqualTo(200);
            Sandbox recovered = await(api, id, "started");
            assertThat(recovered.errorReason()).isNull();
            assertThat(recovered.recoverable()).isEqualTo(Boolean.FALSE);
            assertThat(run(api.toolbox(platform, id), "echo $GREETING")).isEqualTo("again\n");
        } finally {
            api.delete("/sandbox/" + id);
        }
    }

    static boolean containerExists(String id) throws Exception {
        Process exists = new ProcessBuilder("podman", "container", "exists", id).redirectErrorStream(true).start();
        return exists.waitFor() == 0;
    }

    static Sandbox await(Api api, String id, String state) throws InterruptedException {
        Sandbox sandbox = null;
        for (int i = 0; i < 1200; i++) {
            Api.Reply reply = api.get("/sandbox/" + id);
            if (reply.status() == 200) {
                sandbox = reply.as(Sandbox.class);
                if (sandbox.state().wireValue().equals(state)) {
                    return sandbox;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("sandbox " + id + " never reached " + state + "; last: " + sandbox);
    }

    static String run(Api toolbox, String command) {
        Api.Reply reply = toolbox.post("/process/execute", Map.of("command", command, "timeout", 60));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("result").asText();
    }

    private static void assertBadRequest(Api.Reply reply, String message) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().get("message").asText()).contains(message);
    }

}
