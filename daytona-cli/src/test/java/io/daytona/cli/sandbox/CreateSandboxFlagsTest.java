package io.daytona.cli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.daytona.cli.CliContext;
import io.daytona.model.sandbox.CreateSandbox;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The request {@code sandbox create}'s flags make, without sending it. */
class CreateSandboxFlagsTest {
    private static CreateSandbox params(String... args) {
        CreateSandboxCommand command = new CreateSandboxCommand(CliContext.of(Map.of("HOME", "/nonexistent")));
        CommandLine commandLine = new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.parseArgs(args);
        return command.params(KeyValues.parse(commandLine, "--env", command.env), KeyValues.parse(commandLine, "--label", command.labels), List.of());
    }

    @Test
    void everyFlagReachesTheRequest() {
        CreateSandbox params = params("--name", "box", "--snapshot", "snap:1", "--user", "root", "-e", "A=1", "--env", "B=x=y",
                "-l", "team=a", "--public", "--target", "eu", "--cpu", "2", "--gpu", "0", "--memory", "3", "--disk", "4",
                "--auto-stop", "0", "--auto-archive", "60", "--auto-delete", "-1", "--network-block-all", "--network-allow-list", "10.0.0.0/24");
        assertThat(params.name()).isEqualTo("box");
        assertThat(params.snapshot()).isEqualTo("snap:1");
        assertThat(params.user()).isEqualTo("root");
        assertThat(params.env()).containsExactlyInAnyOrderEntriesOf(Map.of("A", "1", "B", "x=y"));
        assertThat(params.labels()).containsExactlyEntriesOf(Map.of("team", "a"));
        assertThat(params.isPublic()).isTrue();
        assertThat(params.target()).isEqualTo("eu");
        assertThat(params.cpu()).isEqualTo(2);
        assertThat(params.gpu()).isZero();
        assertThat(params.memory()).as("GiB, as the API takes it").isEqualTo(3);
        assertThat(params.disk()).isEqualTo(4);
        assertThat(params.autoStopInterval()).isZero();
        assertThat(params.autoArchiveInterval()).isEqualTo(60);
        assertThat(params.autoDeleteInterval()).isEqualTo(-1);
        assertThat(params.networkBlockAll()).isTrue();
        assertThat(params.networkAllowList()).isEqualTo("10.0.0.0/24");
    }

    @Test
    void unsetFlagsAreLeftToTheServer() {
        CreateSandbox params = params();
        assertThat(params.cpu()).isNull();
        assertThat(params.memory()).isNull();
        assertThat(params.autoStopInterval()).isNull();
        assertThat(params.isPublic()).isNull();
        assertThat(params.env()).isNull();
    }

    @Test
    void aClassIsAShorthandThatExplicitResourcesOverride() {
        CreateSandbox small = params("--class", "small");
        assertThat(List.of(small.cpu(), small.memory(), small.disk())).containsExactly(4, 8, 30);
        CreateSandbox mixed = params("--class", "LARGE", "--cpu", "1");
        assertThat(List.of(mixed.cpu(), mixed.memory(), mixed.disk())).containsExactly(1, 24, 90);
    }

    @Test
    void volumesSplitAtTheFirstColon() {
        CreateSandboxCommand command = new CreateSandboxCommand(CliContext.of(Map.of("HOME", "/nonexistent")));
        CommandLine commandLine = new CommandLine(command);
        commandLine.parseArgs("-v", "data:/home/daytona/data", "--volume", "logs:/var/log/app:extra");
        assertThat(command.mounts(commandLine)).containsExactly(
                new CreateSandboxCommand.Mount("data", "/home/daytona/data"),
                new CreateSandboxCommand.Mount("logs", "/var/log/app:extra"));
    }

    @Test
    void execArgumentsAreQuotedForTheShell() {
        assertThat(ExecCommand.commandLine(List.of("echo $HOME | wc -c"))).isEqualTo("echo $HOME | wc -c");
        assertThat(ExecCommand.commandLine(List.of("printf", "%s\\n", "it's", "a b"))).isEqualTo("printf '%s\\n' 'it'\"'\"'s' 'a b'");
        assertThat(ExecCommand.commandLine(List.of("ls", "-la", "/tmp"))).isEqualTo("ls -la /tmp");
    }

    @Test
    void sshAcceptsTheGatewayKeyOnFirstUseAndPassesTheRemoteCommand() {
        assertThat(SshCommand.sshArguments("ssh -p 2222 tok@localhost", List.of("echo", "hi")))
                .containsExactly("ssh", "-o", "StrictHostKeyChecking=accept-new", "-p", "2222", "tok@localhost", "--", "echo", "hi");
        assertThat(SshCommand.sshArguments("ssh -p 2222 tok@localhost", List.of()))
                .containsExactly("ssh", "-o", "StrictHostKeyChecking=accept-new", "-p", "2222", "tok@localhost");
    }
}
