package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.daytona.model.sandbox.Sandbox;
import io.daytona.model.volume.Volume;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Volumes through the REST API: shared by sandboxes, restricted by subpath, outliving them all. */
@ExtendWith(PlatformExtension.class)
class VolumesApiTest {
    private static Api api;

    @BeforeAll
    static void start(Platform platform) {
        api = Api.of(platform);
    }

    @Test
    void twoSandboxesShareAVolumeASubpathRestrictsAndDataOutlivesBoth(Platform platform) throws Exception {
        Volume volume = create("shared-" + suffix());
        assertThat(volume.state().wireValue()).isEqualTo("ready");
        assertThat(api.get("/volumes/by-name/" + volume.name()).as(Volume.class).id()).isEqualTo(volume.id());
        assertThat(api.get("/volumes").body()).contains(volume.id());

        Sandbox writer = createSandbox(List.of(
                Map.of("volumeId", volume.id(), "mountPath", "/home/daytona/data"),
                Map.of("volumeId", volume.id(), "mountPath", "/mnt/alice", "subpath", "users/alice")));
        Sandbox reader = createSandbox(List.of(Map.of("volumeId", volume.id(), "mountPath", "/home/daytona/shared")));
        Sandbox alice = createSandbox(List.of(Map.of("volumeId", volume.id(), "mountPath", "/home/daytona/mine", "subpath", "users/alice")));
        try {
            assertThat(writer.volumes()).hasSize(2);
            assertThat(writer.volumes().get(1).subpath()).isEqualTo("users/alice");
            Api writerBox = api.toolbox(platform, writer.id());
            assertThat(run(writerBox, "echo hello > /home/daytona/data/top.txt && echo secret > /mnt/alice/a.txt && whoami")).contains("daytona");
            Api readerBox = api.toolbox(platform, reader.id());
            assertThat(run(readerBox, "cat /home/daytona/shared/top.txt /home/daytona/shared/users/alice/a.txt")).isEqualTo("hello\nsecret\n");
            Api aliceBox = api.toolbox(platform, alice.id());
            assertThat(run(aliceBox, "ls -A /home/daytona/mine; cat /home/daytona/mine/../mine/a.txt")).isEqualTo("a.txt\nsecret\n");
            assertThat(run(aliceBox, "test -e /home/daytona/mine/top.txt && echo visible || echo hidden")).isEqualTo("hidden\n");
            run(aliceBox, "echo from-alice > /home/daytona/mine/b.txt");
            assertThat(run(readerBox, "cat /home/daytona/shared/users/alice/b.txt")).isEqualTo("from-alice\n");

            Api.Reply inUse = api.delete("/volumes/" + volume.id());
            assertThat(inUse.status()).as(inUse.body()).isEqualTo(409);
            assertThat(inUse.body()).contains("in use");
        } finally {
            for (Sandbox sandbox : List.of(writer, reader, alice)) {
                api.delete("/sandbox/" + sandbox.id());
            }
        }
        Sandbox later = createSandbox(List.of(Map.of("volumeId", volume.id(), "mountPath", "/home/daytona/again")));
        try {
            assertThat(run(api.toolbox(platform, later.id()), "cat /home/daytona/again/top.txt /home/daytona/again/users/alice/b.txt"))
                    .isEqualTo("hello\nfrom-alice\n");
        } finally {
            api.delete("/sandbox/" + later.id());
        }
        // The volume stays in use until the sandboxes' containers are gone, a moment after their delete.
        Api.Reply deleted = api.delete("/volumes/" + volume.id());
        for (int i = 0; i < 100 && deleted.status() == 409; i++) {
            Thread.sleep(100);
            deleted = api.delete("/volumes/" + volume.id());
        }
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        for (int i = 0; i < 100 && !api.get("/volumes/" + volume.id()).as(Volume.class).state().wireValue().equals("deleted"); i++) {
            Thread.sleep(100);
        }
        assertThat(api.get("/volumes/" + volume.id()).as(Volume.class).state().wireValue()).isEqualTo("deleted");
        assertThat(api.get("/volumes").body()).doesNotContain(volume.id());
        assertThat(api.get("/volumes?includeDeleted=true").body()).contains(volume.id());
        assertThat(api.get("/volumes/by-name/" + volume.name()).status()).isEqualTo(404);
    }

    @Test
    void badMountsAreRefusedAndCreateNothing() {
        Volume volume = create("bad-" + suffix());
        int before = api.get("/sandbox").json().get("items").size();
        for (String path : List.of("relative/path", "/", "//", "/home/../etc", "/home/./x", "/home/x/..", "/home//x",
                "/proc", "/proc/x", "/sys", "/dev/shm", "/boot", "/etc/app", "/bin", "/sbin", "/lib", "/lib64/x")) {
            Api.Reply reply = api.post("/sandbox", Map.of("volumes", List.of(Map.of("volumeId", volume.id(), "mountPath", path))));
            assertThat(reply.status()).as(path + ": " + reply.body()).isEqualTo(400);
            assertThat(reply.body()).contains("mountPath");
        }
        Api.Reply badSubpath = api.post("/sandbox", Map.of("volumes", List.of(
                Map.of("volumeId", volume.id(), "mountPath", "/home/daytona/v", "subpath", "../other"))));
        assertThat(badSubpath.status()).as(badSubpath.body()).isEqualTo(400);
        Api.Reply unknown = api.post("/sandbox", Map.of("volumes", List.of(Map.of("volumeId", UUID.randomUUID().toString(), "mountPath", "/home/daytona/v"))));
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
        assertThat(unknown.body()).contains("not found");
        assertThat(api.get("/sandbox").json().get("items").size()).isEqualTo(before);

        assertThat(api.post("/volumes", Map.of("name", volume.name())).status()).isEqualTo(409);
        assertThat(api.post("/volumes", Map.of("name", "no/slash")).status()).isEqualTo(400);
        assertThat(api.get("/volumes/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api.delete("/volumes/" + volume.id()).status()).isEqualTo(200);
    }

    private static Volume create(String name) {
        Api.Reply reply = api.post("/volumes", Map.of("name", name));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.as(Volume.class);
    }

    private static Sandbox createSandbox(List<Map<String, String>> volumes) {
        Api.Reply reply = api.post("/sandbox", Map.of("volumes", volumes));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        Sandbox sandbox = reply.as(Sandbox.class);
        assertThat(sandbox.state().wireValue()).as(reply.body()).isEqualTo("started");
        return sandbox;
    }

    private static String run(Api toolbox, String command) {
        Api.Reply reply = toolbox.post("/process/execute", Map.of("command", "bash -c '" + command.replace("'", "'\\''") + "'"));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("exitCode").asInt()).as(reply.body()).isZero();
        return reply.json().get("result").asText();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
