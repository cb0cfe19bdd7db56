package io.daytona.cli.volume;

import io.daytona.cli.CliContext;
import io.daytona.model.volume.Volume;
import io.daytona.sdk.Daytona;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code daytona volume create NAME}. The API's volumes have no size ({@code CreateVolume} is a
 * name): {@code --size} is accepted, as upstream's CLI accepts it without sending it, and ignored.
 */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create a volume.")
public final class CreateVolumeCommand implements Runnable {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The volume's name.")
    String name;
    @Option(names = {"-s", "--size"}, description = "Size of the volume in GB (not sent: volumes here grow with their content).")
    Integer size;

    public CreateVolumeCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context is null");
    }

    @Override
    public void run() {
        if (size != null) {
            spec.commandLine().getErr().println("Note: volumes have no fixed size on this platform; --size is ignored");
        }
        try (Daytona daytona = context.client()) {
            Volume volume = daytona.volume().create(name);
            spec.commandLine().getOut().println("Volume " + volume.name() + " created (ID " + volume.id() + ", state "
                    + volume.state().wireValue() + "); mount it with: daytona sandbox create -v " + volume.name() + ":/home/daytona/"
                    + volume.name());
            spec.commandLine().getOut().flush();
        }
    }
}
