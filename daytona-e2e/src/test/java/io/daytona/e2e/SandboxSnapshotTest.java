package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daytona.model.sandbox.CreateSandbox;
import io.daytona.model.sandbox.Sandbox;
import io.daytona.model.snapshot.Snapshot;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.DaytonaConfig;
import io.daytona.sdk.DaytonaConflictException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A snapshot of a sandbox's files (Podman commit) starts sandboxes with the same files; registry logins reach real pulls. */
@ExtendWith(PlatformExtension.class)
class SandboxSnapshotTest {
    private static Api api;

    @BeforeAll
    static void start(Platform platform) {
        api = Api.of(platform);
    }

    @Test
    void aSnapshotOfASandboxStartsANewSandboxWithTheSameFiles(Platform platform) throws Exception {
        Sandbox source = api.post("/sandbox", Map.of()).as(Sandbox.class);
        String name = "of-sandbox-" + suffix();
        Sandbox copy = null;
        try {
            String write = "head -c 3000000 /dev/urandom > /home/daytona/data.bin && mkdir -p /home/daytona/dir "
                    + "&& echo hello > /home/daytona/dir/note.txt && cd /home/daytona && sha256sum data.bin dir/note.txt";
            String sums = exec(platform, source.id(), write);
            assertThat(sums).contains("data.bin").contains("dir/note.txt");

            Api.Reply reply = api.post("/sandbox/" + source.id() + "/snapshot", Map.of("name", name));
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.as(Sandbox.class).state().wireValue()).isEqualTo("snapshotting");
            Snapshot snapshot = awaitTerminal(name);
            assertThat(snapshot.state().wireValue()).as(snapshot.errorReason()).isEqualTo("active");
            assertThat(snapshot.size()).isPositive();
            awaitSandbox(source.id(), "started");
            assertThat(exec(platform, source.id(), "echo still-running")).isEqualTo("still-running\n");

            copy = api.post("/sandbox", Map.of("snapshot", name)).as(Sandbox.class);
            assertThat(copy.state().wireValue()).isEqualTo("started");
            assertThat(exec(platform, copy.id(), "cd /home/daytona && sha256sum data.bin dir/note.txt")).isEqualTo(sums);
        } finally {
            api.delete("/sandbox/" + source.id());
            if (copy != null) {
                api.delete("/sandbox/" + copy.id());
                awaitContainerGone(copy.id());
            }
            Api.Reply snapshot = api.get("/snapshots/" + name);
            if (snapshot.status() == 200) {
                api.delete("/snapshots/" + snapshot.as(Snapshot.class).id());
            }
        }
    }

    @Test
    void theJavaSdkSnapshotsASandboxAndANewSandboxHasItsFiles(Platform platform) throws Exception {
        String name = "java-of-sandbox-" + suffix();
        try (Daytona daytona = new Daytona(DaytonaConfig.builder().apiKey(platform.adminKey()).apiUrl(platform.apiUrl().toString()).build())) {
            io.daytona.sdk.Sandbox source = daytona.create(CreateSandbox.builder().build());
            io.daytona.sdk.Sandbox copy = null;
            try {
                String sum = source.getProcess().executeCommand(
                        "sh -c 'echo java-" + name + " > /home/daytona/j.txt && sha256sum /home/daytona/j.txt'").result();
                Snapshot snapshot = source.createSnapshot(name);
                assertThat(snapshot.state().wireValue()).isEqualTo("active");
                assertThat(source.getState().wireValue()).isEqualTo("started");
                assertThatThrownBy(() -> source.createSnapshot(name)).isInstanceOf(DaytonaConflictException.class);
                copy = daytona.create(CreateSandbox.builder().snapshot(name).build());
                assertThat(copy.getProcess().executeCommand("sha256sum /home/daytona/j.txt").result()).isEqualTo(sum);
            } finally {
                source.delete();
                if (copy != null) {
                    copy.delete();
                    awaitContainerGone(copy.getId());
                }
                daytona.snapshot().delete(daytona.snapshot().get(name));
            }
        }
    }

    @Test
    void aPullWithTheCredentialsOfAnUnreachableRegistryEndsTheSnapshotInError() throws Exception {
        Api.Reply registry = api.post("/docker-registry", Map.of("name", "down-" + suffix(), "url", "http://127.0.0.1:9",
                "username", "robot", "password", "secret-" + suffix()));
        assertThat(registry.status()).as(registry.body()).isEqualTo(201);
        String name = "pull-" + suffix();
        try {
            Api.Reply created = api.post("/snapshots", Map.of("name", name, "imageName", "127.0.0.1:9/team/app:1.0"));
            assertThat(created.status()).as(created.body()).isEqualTo(200);
            Snapshot failed = awaitTerminal(name);
            assertThat(failed.state().wireValue()).isEqualTo("error");
            assertThat(failed.errorReason()).contains("Could not pull 127.0.0.1:9/team/app:1.0", "reachable");
            assertThat(api.get("/snapshots/" + failed.id() + "/build-logs").body()).contains("as robot at 127.0.0.1:9");
            api.delete("/snapshots/" + failed.id());
        } finally {
            api.delete("/docker-registry/" + registry.json().get("id").asText());
        }
    }

    private static String exec(Platform platform, String sandboxId, String command) {
        var reply = api.toolbox(platform, sandboxId).post("/process/execute", Map.of("command", "sh -c '" + command + "'")).json();
        assertThat(reply.get("exitCode").asInt()).as(reply.toString()).isZero();
        return reply.get("result").asText();
    }

    private static Snapshot awaitTerminal(String name) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            Api.Reply reply = api.get("/snapshots/" + name);
            if (reply.status() == 200 && reply.as(Snapshot.class).state().isTerminal()) {
                return reply.as(Snapshot.class);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("snapshot " + name + " never settled");
    }

    private static void awaitSandbox(String id, String state) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            Api.Reply reply = api.get("/sandbox/" + id);
            boolean gone = reply.status() == 404 && state.equals("destroyed");
            if (gone || reply.status() == 200 && reply.json().get("state").asText().equals(state)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("sandbox " + id + " never became " + state);
    }

    /** The snapshot's image can only be removed once no container uses it. */
    private static void awaitContainerGone(String sandboxId) throws Exception {
        for (int i = 0; i < 300; i++) {
            Process check = new ProcessBuilder("podman", "container", "exists", sandboxId).redirectErrorStream(true).start();
            check.getInputStream().readAllBytes();
            if (check.waitFor() != 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the container of sandbox " + sandboxId + " was never removed");
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
