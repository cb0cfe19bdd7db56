package io.daytona.cli;

import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code daytona version}: the CLI's version and the API it talks to. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the version number.")
public final class VersionCommand implements Runnable {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    public VersionCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context is null");
    }

    @Override
    public void run() {
        var out = spec.commandLine().getOut();
        out.println("Daytona CLI version " + DaytonaCli.Version.current());
        context.profile().ifPresent(profile -> out.println("API: " + profile.api().url()));
        out.flush();
    }
}
