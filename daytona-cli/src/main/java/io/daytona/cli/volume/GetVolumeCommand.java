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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code daytona volume get <name|id>}. */
@Command(name = "get", mixinStandardHelpOptions = true, description = "Get volume details.")
public final class GetVolumeCommand implements Runnable {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "VOLUME", description = "The volume's name or ID.")
    String volume;
    @Option(names = {"-f", "--format"}, description = "Output format. Must be one of (${COMPLETION-CANDIDATES}); default a table.")
    OutputFormat format;

    public GetVolumeCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context is null");
    }

    @Override
    public void run() {
        try (Daytona daytona = context.client()) {
            Volume found = VolumeCommand.find(daytona, volume);
            var out = spec.commandLine().getOut();
            if (format != null) {
                Printer.print(out, found, format);
                return;
            }
            out.print(VolumeCommand.table(List.of(found)));
            if (found.errorReason() != null) {
                out.println("Error: " + found.errorReason());
            }
            out.flush();
        }
    }
}
