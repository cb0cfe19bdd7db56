package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daytona.model.sandbox.CreateSandbox;
import io.daytona.model.sandbox.SandboxVolume;
import io.daytona.model.snapshot.Snapshot;
import io.daytona.model.volume.Volume;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.DaytonaConfig;
import io.daytona.sdk.DaytonaConflictException;
import io.daytona.sdk.DaytonaException;
import io.daytona.sdk.DaytonaNotFoundException;
import io.daytona.sdk.DaytonaValidationException;
import io.daytona.sdk.Image;
import io.daytona.sdk.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots, declarative images and volumes through the Java SDK. */
@ExtendWith(PlatformExtension.class)
class JavaSdkSnapshotsVolumesTest {
    private static final String BASE = "localhost/daytona/sandbox:0.1.0";

    @TempDir
    Path temp;

    private static Daytona client(Platform platform) {
        return new Daytona(DaytonaConfig.builder().apiKey(platform.adminKey()).apiUrl(platform.apiUrl().toString()).build());
    }

    @Test
    void aSnapshotFromAnImageWithLocalFilesStreamsItsLogsAndStartsSandboxes(Platform platform) throws Exception {
        String marker = suffix();
        Path file = Files.writeString(temp.resolve("hello.txt"), "hello " + marker + "\n");
        Path dir = Files.createDirectories(temp.resolve("tree/sub"));
        Files.writeString(dir.resolve("deep.txt"), "deep " + marker + "\n");
        Image image = Image.base(BASE)
                .runCommands("echo java-build-" + marker)
                .addLocalFile(file, "/home/daytona/")
                .addLocalDir(temp.resolve("tree"), "/home/daytona/tree")
                .env(Map.of("MARKER", marker));
        List<String> logs = new CopyOnWriteArrayList<>();
        try (Daytona daytona = client(platform)) {
            String name = "java-snap-" + marker;
            Snapshot snapshot = daytona.snapshot().create(name, image, logs::add);
            assertThat(snapshot.state().wireValue()).isEqualTo("active");
            assertThat(logs).anyMatch(line -> line.contains("java-build-" + marker));
            assertThat(logs.getLast()).isEqualTo("Created snapshot " + name + " (active)");
            assertThat(daytona.snapshot().get(name).id()).isEqualTo(snapshot.id());
            assertThat(daytona.snapshot().list().items()).extracting(Snapshot::name).contains(name, "daytona/sandbox:0.1.0");

            Sandbox sandbox = daytona.create(CreateSandbox.builder().snapshot(name).build());
            try {
                assertThat(sandbox.getProcess().executeCommand("cat /home/daytona/hello.txt /home/daytona/tree/sub/deep.txt").result())
                        .isEqualTo("hello " + marker + "\ndeep " + marker + "\n");
                assertThat(sandbox.getProcess().executeCommand("echo $MARKER").result().strip()).isEqualTo(marker);
            } finally {
                sandbox.delete();
            }
            daytona.snapshot().delete(snapshot);
            assertThatThrownBy(() -> daytona.snapshot().get(name)).isInstanceOf(DaytonaNotFoundException.class);

            assertThatThrownBy(() -> daytona.snapshot().create("bad-" + marker, "ubuntu:latest"))
                    .isInstanceOf(DaytonaValidationException.class).hasMessageContaining("latest");
            assertThatThrownBy(() -> daytona.snapshot().create("fail-" + marker, Image.base(BASE).runCommands("exit 3"), line -> { }))
                    .isInstanceOf(DaytonaException.class).hasMessageContaining("Failed to create snapshot");
        }
    }

    @Test
    void aSandboxFromAnImageReportsItsBuild(Platform platform) {
        String marker = suffix();
        List<String> logs = new CopyOnWriteArrayList<>();
        try (Daytona daytona = client(platform)) {
            Sandbox sandbox = daytona.create(Image.base(BASE).runCommands("echo " + marker + " > /home/daytona/m.txt && echo step-" + marker),
                    CreateSandbox.builder().build(), logs::add, Duration.ofMinutes(5));
            try {
                assertThat(sandbox.getProcess().executeCommand("cat /home/daytona/m.txt").result()).isEqualTo(marker + "\n");
                assertThat(logs).anyMatch(line -> line.contains("step-" + marker));
            } finally {
                sandbox.delete();
            }
        }
    }

    /**
     * The Python SDK's {@code create(CreateSnapshotParams(...))}: resources and an entrypoint with a
     * build using the other Image steps, a build context from {@code dockerfileCommands} among them.
     */
    @Test
    void aSnapshotWithParamsBuildsEveryImageStepAndItsSandboxesHaveTheResources(Platform platform) throws Exception {
        String marker = suffix();
        Path context = Files.createDirectories(temp.resolve("ctx"));
        Files.writeString(context.resolve("from-context.txt"), "context " + marker + "\n");
        Image image = Image.base(BASE)
                .runCommand(List.of("sh", "-c", "echo \"exec form\" > /home/daytona/exec.txt"))
                .dockerfileCommands(List.of("COPY from-context.txt /home/daytona/from-context.txt"), context)
                .workdir("/home/daytona/work")
                .env(Map.of("MARKER", marker))
                .entrypoint(List.of("sleep", "infinity"));
        assertThat(image.contexts()).hasSize(1);
        try (Daytona daytona = client(platform)) {
            String name = "java-params-" + marker;
            Snapshot snapshot = daytona.snapshot().create(io.daytona.sdk.CreateSnapshotParams.builder(name)
                    .image(image)
                    .resources(io.daytona.sdk.Resources.builder().cpu(2).memory(2).build())
                    .entrypoint(List.of("sleep", "infinity"))
                    .build(), line -> { }, Duration.ofMinutes(5));
            try {
                assertThat(snapshot.cpu()).isEqualTo(2);
                assertThat(snapshot.mem()).isEqualTo(2);
                assertThat(snapshot.entrypoint()).containsExactly("sleep", "infinity");
                Sandbox sandbox = daytona.create(CreateSandbox.builder().snapshot(name).build());
                try {
                    // Not asserted: sandboxes of a snapshot take the server's default resources, not the
                    // snapshot's (a control-plane gap, listed in daytona-sdk/README.md).
                    assertThat(sandbox.getWorkDir()).isEqualTo("/home/daytona/work");
                    assertThat(sandbox.getProcess().executeCommand("cat /home/daytona/exec.txt /home/daytona/from-context.txt; echo $MARKER")
                            .result()).isEqualTo("exec form\ncontext " + marker + "\n" + marker + "\n");
                } finally {
                    sandbox.delete();
                }
            } finally {
                daytona.snapshot().delete(snapshot);
            }
        }
    }

    @Test
    void aVolumeIsSharedBySandboxesAndOutlivesThem(Platform platform) throws Exception {
        try (Daytona daytona = client(platform)) {
            String name = "java-vol-" + suffix();
            Volume volume = daytona.volume().get(name, true);
            assertThat(volume.state().wireValue()).isEqualTo("ready");
            assertThat(daytona.volume().list()).extracting(Volume::id).contains(volume.id());
            assertThatThrownBy(() -> daytona.volume().create(name)).isInstanceOf(DaytonaConflictException.class);

            Sandbox writer = daytona.create(CreateSandbox.builder()
                    .volumes(List.of(new SandboxVolume(volume.id(), "/home/daytona/vol", null))).build());
            Sandbox reader = daytona.create(CreateSandbox.builder()
                    .volumes(List.of(new SandboxVolume(volume.id(), "/home/daytona/part", "p"))).build());
            try {
                writer.getProcess().executeCommand("mkdir -p /home/daytona/vol/p && echo shared > /home/daytona/vol/p/f.txt");
                assertThat(reader.getProcess().executeCommand("cat /home/daytona/part/f.txt").result()).isEqualTo("shared\n");
                assertThatThrownBy(() -> daytona.volume().delete(volume)).isInstanceOf(DaytonaConflictException.class);
            } finally {
                writer.delete();
                reader.delete();
            }
            for (int i = 0; ; i++) {
                try {
                    daytona.volume().delete(volume);
                    break;
                } catch (DaytonaConflictException stillMounted) {
                    assertThat(i).as("the volume stays in use long after its sandboxes were deleted").isLessThan(100);
                    Thread.sleep(100);
                }
            }
            // Its data is removed in the background; the name is free once the volume is deleted.
            for (int i = 0; i < 100 && daytona.volume().list().stream().anyMatch(v -> v.id().equals(volume.id())); i++) {
                Thread.sleep(100);
            }
            assertThatThrownBy(() -> daytona.volume().get(name)).isInstanceOf(DaytonaNotFoundException.class);
        }
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
