package io.daytona.cli.volume;

import io.daytona.cli.CliContext;
import io.daytona.cli.output.Table;
import io.daytona.model.volume.Volume;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.DaytonaNotFoundException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code daytona volume}: the group of volume commands. */
@Command(name = "volume", mixinStandardHelpOptions = true, description = "Manage Daytona volumes.")
public final class VolumeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    public static CommandLine commandLine(CliContext context) {
        return new CommandLine(new VolumeCommand())
                .addSubcommand(new CreateVolumeCommand(context))
                .addSubcommand(new ListVolumesCommand(context))
                .addSubcommand(new GetVolumeCommand(context))
                .addSubcommand(new DeleteVolumeCommand(context));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The volume with this name, else with this ID (the API looks volumes up by name only). */
    static Volume find(Daytona daytona, String nameOrId) {
        try {
            return daytona.volume().get(nameOrId);
        } catch (DaytonaNotFoundException e) {
            return daytona.volume().list().stream().filter(volume -> volume.id().equals(nameOrId)).findFirst().orElseThrow(() -> e);
        }
    }

    static String table(List<Volume> volumes) {
        Table table = new Table("ID", "NAME", "STATE", "CREATED", "LAST USED");
        for (Volume volume : volumes) {
            table.row(volume.id(), volume.name(), volume.state() == null ? null : volume.state().wireValue(),
                    volume.createdAt() == null ? null : volume.createdAt().truncatedTo(ChronoUnit.SECONDS),
                    volume.lastUsedAt() == null ? null : volume.lastUsedAt().truncatedTo(ChronoUnit.SECONDS));
        }
        return table.render();
    }
}
