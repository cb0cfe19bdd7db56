package io.daytona.cli.volume;

import io.daytona.cli.CliContext;
import io.daytona.model.volume.Volume;
import io.daytona.sdk.Daytona;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code daytona volume delete <name|id>}: refused (409) while a sandbox mounts it. */
@Command(name = "delete", aliases = "rm", mixinStandardHelpOptions = true, description = "Delete a volume.")
public final class DeleteVolumeCommand implements Runnable {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "VOLUME", description = "The volume's name or ID.")
    String volume;

    public DeleteVolumeCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context is null");
    }

    @Override
    public void run() {
        try (Daytona daytona = context.client()) {
            Volume found = VolumeCommand.find(daytona, volume);
            daytona.volume().delete(found);
            spec.commandLine().getOut().println("Volume " + found.name() + " deleted");
            spec.commandLine().getOut().flush();
        }
    }
}
