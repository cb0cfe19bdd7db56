package io.daytona.cli.volume;

import io.daytona.cli.CliContext;
import io.daytona.cli.output.OutputFormat;
import io.daytona.cli.output.Printer;
import io.daytona.model.volume.Volume;
import io.daytona.sdk.Daytona;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code daytona volume list}. */
@Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "List volumes.")
public final class ListVolumesCommand implements Runnable {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--format"}, description = "Output format. Must be one of (${COMPLETION-CANDIDATES}); default a table.")
    OutputFormat format;

    public ListVolumesCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context is null");
    }

    @Override
    public void run() {
        try (Daytona daytona = context.client()) {
            List<Volume> volumes = daytona.volume().list();
            var out = spec.commandLine().getOut();
            if (format != null) {
                Printer.print(out, volumes, format);
                return;
            }
            out.print(volumes.isEmpty() ? "No volumes found. Create one with `daytona volume create`.\n" : VolumeCommand.table(volumes));
            out.flush();
        }
    }
}
