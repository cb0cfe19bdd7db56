package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.daytona.cli.config.Profile;
import io.daytona.model.sandbox.SandboxState;
import io.daytona.model.sandbox.SandboxVolume;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.DaytonaAuthenticationException;
import io.daytona.sdk.DaytonaConfig;
import io.daytona.sdk.DaytonaNotFoundException;
import io.daytona.sdk.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code daytona} command line against the real platform: every command a user runs, checked
 * through the Java SDK for what it did. Sandboxes live in an organization the test creates with
 * {@code organization create}, so {@code delete --all} touches nothing of other tests.
 */
@ExtendWith(PlatformExtension.class)
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class CliTest {
    private static final String BASE = "localhost/daytona/sandbox:0.1.0";

    @TempDir
    Path home;

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static Cli.Run ok(Cli.Run run) {
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run;
    }

    private Cli loggedIn(Platform platform) throws Exception {
        Cli cli = new Cli(home);
        Cli.Run login = ok(cli.run("login", "--api-key", platform.adminKey(), "--api-url", platform.apiUrl().toString()));
        assertThat(login.out()).startsWith("Logged in to " + platform.apiUrl() + " as admin@localhost");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.configFile()))).isEqualTo("rw-------");
        assertThat(cli.configFile()).isEqualTo(home.resolve(".config/daytona/config.json"));
        assertThat(cli.profile().api().organizationId()).as("the login key's organization").isNotNull();
        return cli;
    }

    @Test
    void aWrongKeyIsRefusedAndNothingIsStored(Platform platform) {
        Cli cli = new Cli(home);
        Cli.Run login = cli.run("login", "--api-key", "dtn_wrong", "--api-url", platform.apiUrl().toString());
        assertThat(login.exitCode()).isEqualTo(1);
        assertThat(login.err()).startsWith("Failed to get current user: ").contains("Invalid API key");
        assertThat(Files.exists(cli.configFile())).isFalse();
    }

    @Test
    void sandboxesVolumesAndOrganizationsThroughTheCommandLine(Platform platform) throws Exception {
        Cli cli = loggedIn(platform);
        String homeOrganization = cli.profile().api().organizationId();
        String organization = "cli-e2e-" + suffix();

        // organization create: a new organization, active at once, through a key made for it.
        Cli.Run created = ok(cli.run("organization", "create", organization));
        assertThat(created.out()).contains("Organization " + organization + " created");
        Profile profile = cli.profile();
        String organizationId = profile.activeOrganizationId();
        assertThat(organizationId).isNotEqualTo(homeOrganization);
        assertThat(profile.organizationKeys()).containsKey(organizationId);
        JsonNode organizations = ok(cli.run("organization", "list", "-f", "json")).json();
        assertThat(StreamSupport.stream(organizations.spliterator(), false).map(o -> o.get("name").asText())).contains(organization);
        assertThat(ok(cli.run("organization", "list")).out().lines().filter(line -> line.contains(organization)).findFirst().orElseThrow())
                .endsWith("*");

        // volume create/list/get
        String volume = "vol-" + suffix();
        assertThat(ok(cli.run("volume", "create", volume, "--size", "5")).err()).contains("--size is ignored");
        JsonNode volumes = ok(cli.run("volume", "list", "--format", "json")).json();
        assertThat(StreamSupport.stream(volumes.spliterator(), false).map(v -> v.get("name").asText())).containsExactly(volume);
        JsonNode gotten = new YAMLMapper().readTree(ok(cli.run("volume", "get", volume, "-f", "yaml")).out());
        assertThat(gotten.get("state").asText()).isEqualTo("ready");
        String volumeId = gotten.get("id").asText();
        assertThat(ok(cli.run("volume", "get", volumeId)).out()).contains(volume, "ready");

        // sandbox create with flags: they all reach the sandbox.
        String name = "box-" + suffix();
        ok(cli.run("sandbox", "create", "--name", name, "-e", "FOO=bar", "--env", "EMPTY=", "-l", "suite=cli-e2e",
                "--cpu", "1", "--memory", "1", "--disk", "3", "-v", volume + ":/home/daytona/vol", "--auto-stop", "0",
                "--auto-archive", "90", "--network-allow-list", "198.18.0.0/24"));
        Sandbox sandbox;
        try (Daytona daytona = cli.sdk()) {
            sandbox = daytona.get(name);
            assertThat(sandbox.getOrganizationId()).isEqualTo(organizationId);
            assertThat(sandbox.getState()).isEqualTo(SandboxState.STARTED);
            assertThat(sandbox.getEnv()).containsEntry("FOO", "bar").containsEntry("EMPTY", "");
            assertThat(sandbox.getLabels()).containsEntry("suite", "cli-e2e");
            assertThat(List.of(sandbox.getCpu(), sandbox.getMemory(), sandbox.getDisk())).containsExactly(1, 1, 3);
            assertThat(sandbox.getVolumes()).containsExactly(new SandboxVolume(volumeId, "/home/daytona/vol", null));
            assertThat(sandbox.getAutoStopInterval()).isZero();
            assertThat(sandbox.getAutoArchiveInterval()).isEqualTo(90);
            assertThat(sandbox.getNetworkAllowList()).isEqualTo("198.18.0.0/24");
        }
        String id = sandbox.getId();

        // exec: the command's output and exit code.
        assertThat(ok(cli.run("sandbox", "exec", name, "--", "printenv", "FOO")).out()).isEqualTo("bar\n");
        Cli.Run failing = cli.run("sandbox", "exec", id, "--", "sh -c 'echo on-volume > /home/daytona/vol/f; cat /home/daytona/vol/f; exit 3'");
        assertThat(failing.exitCode()).as(failing.toString()).isEqualTo(3);
        assertThat(failing.out()).isEqualTo("on-volume\n");
        assertThat(ok(cli.run("sandbox", "exec", name, "--cwd", "/tmp", "--", "pwd")).out()).isEqualTo("/tmp\n");

        // list and info in every format
        JsonNode listed = ok(cli.run("sandbox", "list", "--format", "json")).json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asText()).isEqualTo(id);
        JsonNode listedYaml = new YAMLMapper().readTree(ok(cli.run("sandbox", "list", "-f", "yaml", "--limit", "5", "--page", "1")).out());
        assertThat(listedYaml.get(0).get("name").asText()).isEqualTo(name);
        assertThat(ok(cli.run("sandbox", "list", "-p", "2", "-l", "1")).out()).isEqualTo("No sandboxes on page 2.\n");
        String table = ok(cli.run("sandbox", "list")).out();
        assertThat(table.lines().toList()).hasSize(2);
        assertThat(table).startsWith("ID").contains(id, name, "started", "1 GiB", "3 GiB");
        assertThat(ok(cli.run("sandbox", "info", name, "-f", "json")).json().get("env").get("FOO").asText()).isEqualTo("bar");
        assertThat(ok(cli.run("sandbox", "info", id)).out()).contains("Name:", name, "FOO=bar", "suite=cli-e2e", volumeId + ":/home/daytona/vol");

        // preview-url: a signed URL of the port; ssh: the OpenSSH client through the gateway.
        String previewUrl = ok(cli.run("sandbox", "preview-url", name, "8080", "--expires", "120")).out().strip();
        assertThat(previewUrl).startsWith("http").contains("8080-");
        Cli.Run ssh = cli.runProcess("sandbox", "ssh", name, "--", "echo", "over-ssh", "$FOO");
        assertThat(ssh.exitCode()).as(ssh.toString()).isZero();
        assertThat(ssh.out()).isEqualTo("over-ssh bar\n");

        // stop, start, archive
        assertThat(ok(cli.run("sandbox", "stop", name)).out()).isEqualTo("Sandbox " + name + " stopped\n");
        assertThat(state(cli, id)).isEqualTo(SandboxState.STOPPED);
        ok(cli.run("sandbox", "start", id));
        assertThat(state(cli, id)).isEqualTo(SandboxState.STARTED);
        ok(cli.run("sandbox", "stop", id));
        assertThat(ok(cli.run("sandbox", "archive", name)).out()).isEqualTo("Sandbox " + name + " archived\n");
        assertThat(state(cli, id)).isEqualTo(SandboxState.ARCHIVED);

        // delete --all: every sandbox of the organization, and only those.
        ok(cli.run("sandbox", "create", "--name", name + "-2", "--label", "suite=cli-e2e"));
        Cli.Run deleted = ok(cli.run("sandbox", "delete", "--all"));
        assertThat(deleted.out()).contains("Deleted 2 sandbox(es)");
        try (Daytona daytona = cli.sdk()) {
            assertThat(daytona.list()).isEmpty();
        }
        assertThat(cli.run("sandbox", "info", name).err()).contains("not found");

        // volume delete (once the deleted sandboxes no longer hold it)
        deleteVolume(cli, volume);

        // organization use: back to the login key's own, and again to the new one with the key made before.
        String minted = cli.profile().organizationKeys().get(organizationId).key();
        assertThat(ok(cli.run("organization", "use", homeOrganization)).out()).endsWith(" is now active\n");
        assertThat(cli.profile().activeOrganizationId()).isNull();
        assertThat(cli.profile().activeKey()).isEqualTo(platform.adminKey());
        ok(cli.run("organization", "use", organization));
        assertThat(cli.profile().activeKey()).as("the key made before is reused").isEqualTo(minted);
        assertThat(cli.run("organization", "use", "no-such-organization").err()).contains("Organization no-such-organization not found");

        // logout: the profile goes; the login key stays valid.
        assertThat(ok(cli.run("logout")).out()).isEqualTo("Logged out from " + platform.apiUrl() + "\n");
        assertThat(cli.run("sandbox", "list").err()).contains("Not logged in");
    }

    @Test
    void organizationsAreDeletedAndLogoutDeletesTheKeysMadeForThem(Platform platform) throws Exception {
        Cli cli = loggedIn(platform);
        String deleted = "cli-delete-" + suffix();
        ok(cli.run("organization", "create", deleted));
        String deletedId = cli.profile().activeOrganizationId();
        assertThat(ok(cli.run("organization", "delete", deleted)).out()).isEqualTo("Organization " + deleted + " deleted\n");
        assertThat(cli.profile().activeOrganizationId()).as("back to the login key's organization").isNull();
        assertThat(cli.profile().organizationKeys()).doesNotContainKey(deletedId);
        assertThat(cli.run("organization", "list").out()).doesNotContain(deleted);

        String kept = "cli-keys-" + suffix();
        ok(cli.run("organization", "create", kept));
        Profile profile = cli.profile();
        String minted = profile.activeKey();
        try (Daytona daytona = cli.sdk()) {
            assertThat(daytona.list()).isEmpty();
        }
        ok(cli.run("logout"));
        try (Daytona daytona = new Daytona(DaytonaConfig.builder().apiKey(minted).apiUrl(platform.apiUrl().toString()).build())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(daytona::list).isInstanceOf(DaytonaAuthenticationException.class);
        }
        try (Daytona admin = new Daytona(DaytonaConfig.builder().apiKey(platform.adminKey()).apiUrl(platform.apiUrl().toString()).build())) {
            assertThat(admin.list(java.util.Map.of(), 1, 1).total()).as("the login key still works").isNotNegative();
            admin.organization().delete(profile.activeOrganizationId());
        }
    }

    @Test
    void snapshotsFromAnImageAndFromADockerfileWithItsContext(Platform platform) throws Exception {
        Cli cli = loggedIn(platform);
        String marker = suffix();
        String fromImage = "cli-image-" + marker;
        Cli.Run created = ok(cli.run("snapshot", "create", fromImage, "--image", BASE, "--cpu", "1", "--memory", "1", "--disk", "3"));
        assertThat(created.out()).contains("Snapshot " + fromImage + " is active");
        JsonNode listed = ok(cli.run("snapshot", "list", "-f", "json", "--limit", "200")).json();
        JsonNode snapshot = StreamSupport.stream(listed.spliterator(), false).filter(s -> s.get("name").asText().equals(fromImage))
                .findFirst().orElseThrow();
        assertThat(snapshot.get("imageName").asText()).isEqualTo(BASE);
        assertThat(ok(cli.run("snapshot", "list")).out()).contains(fromImage, "active");

        // A Dockerfile whose COPY source is given as --context, outside the Dockerfile's directory.
        Path build = Files.createDirectories(home.resolve("build"));
        Path data = Files.createDirectories(home.resolve("build/data"));
        Files.writeString(data.resolve("hello.txt"), "hello " + marker + "\n");
        Path dockerfile = Files.writeString(build.resolve("Dockerfile"),
                "FROM " + BASE + "\nCOPY data/hello.txt /opt/hello.txt\nRUN echo built-" + marker + "\n");
        String fromDockerfile = "cli-dockerfile-" + marker;
        Cli.Run built = ok(cli.run("snapshot", "create", fromDockerfile, "-f", dockerfile.toString(), "-c", data.toString(),
                "--entrypoint", "sleep infinity"));
        assertThat(built.err()).contains("built-" + marker);
        String sandbox = "from-dockerfile-" + marker;
        ok(cli.run("sandbox", "create", "--name", sandbox, "--snapshot", fromDockerfile));
        assertThat(ok(cli.run("sandbox", "exec", sandbox, "--", "cat", "/opt/hello.txt")).out()).isEqualTo("hello " + marker + "\n");
        ok(cli.run("sandbox", "delete", sandbox));

        // sandbox create --dockerfile builds on the fly (the same image: the build is reused).
        String onTheFly = "on-the-fly-" + marker;
        ok(cli.run("sandbox", "create", "--name", onTheFly, "--dockerfile", dockerfile.toString(), "--context", data.toString()));
        assertThat(ok(cli.run("sandbox", "exec", onTheFly, "--", "cat", "/opt/hello.txt")).out()).isEqualTo("hello " + marker + "\n");
        ok(cli.run("sandbox", "delete", onTheFly));

        // push: this platform has no internal registry; the message names the alternative.
        Cli.Run push = cli.run("snapshot", "push", "my-image:1.0", "--name", "pushed-" + marker);
        assertThat(push.exitCode()).isEqualTo(1);
        assertThat(push.err()).contains("no internal registry", "daytona snapshot create pushed-" + marker + " --image localhost/my-image:1.0");

        assertThat(ok(cli.run("snapshot", "delete", fromImage)).out()).isEqualTo("Snapshot " + fromImage + " deleted\n");
        ok(cli.run("snapshot", "delete", fromDockerfile));
        try (Daytona daytona = cli.sdk()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> daytona.snapshot().get(fromImage))
                    .isInstanceOf(DaytonaNotFoundException.class);
        }
        assertThat(cli.run("snapshot", "delete").exitCode()).isEqualTo(2);
    }

    private static SandboxState state(Cli cli, String id) {
        try (Daytona daytona = cli.sdk()) {
            return daytona.get(id).getState();
        }
    }

    /** A deleted sandbox's container is removed in the background; until then its volume is in use (409). */
    private static void deleteVolume(Cli cli, String volume) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        Cli.Run run = cli.run("volume", "delete", volume);
        while (run.exitCode() != 0 && run.err().contains("in use") && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            run = cli.run("volume", "delete", volume);
        }
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("Volume " + volume + " deleted\n");
        // Its data is removed in the background; the organization owns it until then.
        while (!cli.run("volume", "list", "-f", "json").json().isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        assertThat(cli.run("volume", "list", "-f", "json").json()).isEmpty();
    }
}
