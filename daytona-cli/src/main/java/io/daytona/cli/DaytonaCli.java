package io.daytona.cli;

import io.daytona.cli.auth.LoginCommand;
import io.daytona.cli.auth.LogoutCommand;
import io.daytona.cli.mcp.McpCommand;
import io.daytona.cli.organization.OrganizationCommand;
import io.daytona.cli.sandbox.SandboxCommand;
import io.daytona.cli.snapshot.SnapshotCommand;
import io.daytona.cli.volume.VolumeCommand;
import io.daytona.sdk.DaytonaException;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * {@code daytona}: the management client of the platform. The server jar's own {@code daytona}
 * command gets the same subcommands through {@link #install(CommandLine, CliContext)}.
 *
 * <p>Exit codes: 0 on success, 1 when the API (or anything else) fails, with the SDK's message
 * on stderr, 2 on a usage error (picocli's default).
 */
@Command(name = "daytona", mixinStandardHelpOptions = true, versionProvider = DaytonaCli.Version.class,
        description = "Daytona CLI: manage sandboxes, snapshots, volumes and organizations.")
public final class DaytonaCli implements Runnable {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(CliContext.ofProcess()).execute(args));
    }

    /** {@return the standalone {@code daytona} command line} */
    public static CommandLine commandLine(CliContext context) {
        CommandLine root = new CommandLine(new DaytonaCli());
        install(root, context);
        return root;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Adds the CLI's commands to {@code root}, {@code -v} as a second name of its version option (the
     * upstream CLI's {@code daytona -v}), and the handler that turns failures into a message on
     * stderr and exit code 1.
     */
    public static void install(CommandLine root, CliContext context) {
        Objects.requireNonNull(root, "root is null");
        Objects.requireNonNull(context, "context is null");
        for (Object command : List.of(new LoginCommand(context), new LogoutCommand(context), new VersionCommand(context),
                new DocsCommand(), new AutocompleteCommand())) {
            root.addSubcommand(command);
        }
        root.addSubcommand(SandboxCommand.commandLine(context));
        root.addSubcommand(SnapshotCommand.commandLine(context));
        root.addSubcommand(VolumeCommand.commandLine(context));
        root.addSubcommand(OrganizationCommand.commandLine(context));
        root.addSubcommand(McpCommand.commandLine(context));
        for (String name : List.of("login", "logout", "version", "docs", "autocomplete", "sandbox", "snapshot", "volume", "organization", "mcp")) {
            withVersion(root.getSubcommands().get(name));
        }
        if (root.getCommandSpec().findOption("-v") == null) {
            root.getCommandSpec().addOption(OptionSpec.builder("-v").versionHelp(true)
                    .description("Print version information and exit.").build());
        }
        root.setExecutionExceptionHandler(DaytonaCli::handle);
        root.setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** Every command's {@code -V} prints the CLI's version, as the root's does. */
    private static void withVersion(CommandLine command) {
        command.getCommandSpec().versionProvider(new Version());
        command.getSubcommands().values().forEach(DaytonaCli::withVersion);
    }

    private static int handle(Exception e, CommandLine command, CommandLine.ParseResult parseResult) {
        var err = command.getErr();
        if (e instanceof DaytonaException || e instanceof CliException || e instanceof IllegalArgumentException
                || e instanceof java.io.UncheckedIOException) {
            err.println(command.getColorScheme().errorText(message(e)));
        } else {
            err.println(command.getColorScheme().errorText("Error: " + message(e)));
            e.printStackTrace(err);
        }
        err.flush();
        return 1;
    }

    private static String message(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The version of the CLI (the jar's {@code Implementation-Version}). */
    public static final class Version implements CommandLine.IVersionProvider {
        public static String current() {
            String version = DaytonaCli.class.getPackage().getImplementationVersion();
            return version == null ? "dev" : version;
        }

        @Override
        public String[] getVersion() {
            return new String[] {"daytona " + current()};
        }
    }
}
