package io.daytona.server;

import io.daytona.cli.CliContext;
import io.daytona.cli.DaytonaCli;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code daytona}: the platform's command line. */
@Command(name = "daytona",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Daytona: secure sandboxes for AI-generated code.",
        subcommands = {ServerCommand.class, RunnerCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new Main());
        // The management commands (login, sandbox, snapshot, volume, organization, mcp...).
        DaytonaCli.install(commandLine, CliContext.ofProcess());
        System.exit(commandLine.execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"daytona " + (version == null ? "dev" : version)};
        }
    }
}
