package io.daytona.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing, usage errors (exit 2) and failures before any call (exit 1), with no server. */
class CommandLineTest {
    @TempDir
    Path home;

    @Test
    void versionUnderEveryNameUpstreamHas() {
        assertThat(CliRun.run(home, "-v").out()).startsWith("daytona ");
        assertThat(CliRun.run(home, "--version").out()).startsWith("daytona ");
        CliRun version = CliRun.run(home, "version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("Daytona CLI version ");
        assertThat(CliRun.run(home, "sandbox", "create", "-V").out()).startsWith("daytona ");
    }

    @Test
    void unknownOptionsAndBadValuesAreUsageErrors() {
        assertThat(CliRun.run(home, "sandbox", "list", "--bogus").exitCode()).isEqualTo(2);
        CliRun badFormat = CliRun.run(home, "sandbox", "list", "--format", "xml");
        assertThat(badFormat.exitCode()).isEqualTo(2);
        assertThat(badFormat.err()).contains("json", "yaml");
        assertThat(CliRun.run(home, "sandbox", "list", "--limit", "0").exitCode()).isEqualTo(2);
        assertThat(CliRun.run(home, "sandbox", "info").exitCode()).isEqualTo(2);
    }

    @Test
    void malformedCreateFlagsAreUsageErrorsBeforeAnyCall() {
        CliRun env = CliRun.run(home, "sandbox", "create", "--env", "NOVALUE");
        assertThat(env.exitCode()).isEqualTo(2);
        assertThat(env.err()).contains("Invalid --env 'NOVALUE': use KEY=VALUE");
        CliRun volume = CliRun.run(home, "sandbox", "create", "-v", "data");
        assertThat(volume.exitCode()).isEqualTo(2);
        assertThat(volume.err()).contains("VOLUME_NAME:MOUNT_PATH");
        assertThat(CliRun.run(home, "sandbox", "create", "-v", "data:relative").exitCode()).isEqualTo(2);
        CliRun both = CliRun.run(home, "sandbox", "create", "--snapshot", "s", "--dockerfile", "Dockerfile");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--snapshot and --dockerfile exclude each other");
        assertThat(CliRun.run(home, "sandbox", "create", "-c", "dir").err()).contains("--context needs --dockerfile");
        assertThat(CliRun.run(home, "sandbox", "create", "--class", "huge").exitCode()).isEqualTo(2);
    }

    @Test
    void deleteNeedsASandboxOrAllButNotBoth() {
        assertThat(CliRun.run(home, "sandbox", "delete").exitCode()).isEqualTo(2);
        assertThat(CliRun.run(home, "sandbox", "delete", "x", "--all").exitCode()).isEqualTo(2);
    }

    @Test
    void withoutCredentialsCommandsSayHowToLogIn() {
        CliRun run = CliRun.run(home, "sandbox", "list");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Not logged in: run `daytona login --api-key <key>` or set DAYTONA_API_KEY");
        assertThat(run.err()).doesNotContain("at io.daytona");
    }

    @Test
    void anUnreachableServerIsAnApiErrorWithTheSdkMessage() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CliRun run = CliRun.run(home, java.util.Map.of("DAYTONA_API_KEY", "dtn_x", "DAYTONA_API_URL", "http://127.0.0.1:" + port + "/api"),
                "sandbox", "list");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("Failed to list sandboxes: ");
        assertThat(Files.exists(home.resolve(".config/daytona/config.json"))).isFalse();
    }

    @Test
    void execTakesTheCommandAfterTheSeparator() {
        assertThat(CliRun.run(home, "sandbox", "exec", "box").exitCode()).isEqualTo(2);
    }

    @Test
    void logoutWithoutAProfileSaysSo() {
        CliRun run = CliRun.run(home, "logout");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("Not logged in\n");
    }

    @Test
    void docsPrintsTheUrlWithoutADisplay() {
        CliRun run = CliRun.run(home, "docs");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("https://www.daytona.io/docs");
    }

    @Test
    void completionScriptsCoverTheCommandTree() {
        assertThat(CliRun.run(home, "autocomplete").out()).contains("sandbox", "snapshot", "complete -F");
        assertThat(CliRun.run(home, "autocomplete", "zsh").out()).startsWith("autoload -U +X compinit");
        String fish = CliRun.run(home, "autocomplete", "fish").out();
        assertThat(fish).contains("complete -c daytona -n '__fish_use_subcommand' -a sandbox");
        assertThat(fish).contains("complete -c daytona -n '__fish_seen_subcommand_from create' -s e -l env -r");
        String powershell = CliRun.run(home, "autocomplete", "powershell").out();
        assertThat(powershell).contains("Register-ArgumentCompleter -Native -CommandName 'daytona'", "'sandbox' = @(", "'create'");
        assertThat(CliRun.run(home, "autocomplete", "tcsh").exitCode()).isEqualTo(2);
    }
}
