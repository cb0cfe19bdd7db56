package io.daytona.cli.snapshot;

import io.daytona.cli.CliContext;
import io.daytona.cli.output.Table;
import io.daytona.model.snapshot.Snapshot;
import java.time.temporal.ChronoUnit;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code daytona snapshot}: the group of snapshot commands. */
@Command(name = "snapshot", mixinStandardHelpOptions = true, description = "Manage Daytona snapshots.")
public final class SnapshotCommand implements Runnable {
    @Spec
    CommandSpec spec;

    public static CommandLine commandLine(CliContext context) {
        return new CommandLine(new SnapshotCommand())
                .addSubcommand(new CreateSnapshotCommand(context))
                .addSubcommand(new ListSnapshotsCommand(context))
                .addSubcommand(new DeleteSnapshotCommand(context))
                .addSubcommand(new PushSnapshotCommand(context));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static String table(List<Snapshot> snapshots) {
        Table table = new Table("ID", "NAME", "STATE", "IMAGE", "CPU", "MEMORY", "DISK", "CREATED");
        for (Snapshot snapshot : snapshots) {
            table.row(snapshot.id(), snapshot.name(), snapshot.state() == null ? null : snapshot.state().wireValue(),
                    snapshot.imageName(), snapshot.cpu(), snapshot.mem() + " GiB", snapshot.disk() + " GiB",
                    snapshot.createdAt() == null ? null : snapshot.createdAt().truncatedTo(ChronoUnit.SECONDS));
        }
        return table.render();
    }
}
