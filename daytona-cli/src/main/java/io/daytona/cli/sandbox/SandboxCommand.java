package io.daytona.cli.sandbox;

import io.daytona.cli.CliContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code daytona sandbox}: the group of sandbox commands. */
@Command(name = "sandbox", mixinStandardHelpOptions = true, description = "Manage Daytona sandboxes.")
public final class SandboxCommand implements Runnable {
    @Spec
    CommandSpec spec;

    public static CommandLine commandLine(CliContext context) {
        return new CommandLine(new SandboxCommand())
                .addSubcommand(new CreateSandboxCommand(context))
                .addSubcommand(new ListSandboxesCommand(context))
                .addSubcommand(new SandboxInfoCommand(context))
                .addSubcommand(SandboxLifecycleCommand.start(context))
                .addSubcommand(SandboxLifecycleCommand.stop(context))
                .addSubcommand(SandboxLifecycleCommand.archive(context))
                .addSubcommand(new DeleteSandboxCommand(context))
                .addSubcommand(new ExecCommand(context))
                .addSubcommand(new SshCommand(context))
                .addSubcommand(new PreviewUrlCommand(context));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
