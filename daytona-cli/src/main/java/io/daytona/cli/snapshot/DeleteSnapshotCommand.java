package io.daytona.cli.snapshot;

import io.daytona.cli.CliContext;
import io.daytona.model.snapshot.PaginatedSnapshots;
import io.daytona.model.snapshot.Snapshot;
import io.daytona.sdk.Daytona;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code daytona snapshot delete <id|name>} or {@code --all}: every snapshot of the organization;
 * general snapshots (the server's, usable by every organization) are not the organization's and stay.
 */
@Command(name = "delete", aliases = "rm", mixinStandardHelpOptions = true, description = "Delete a snapshot.")
public final class DeleteSnapshotCommand implements Runnable {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SNAPSHOT", description = "The snapshot's ID or name.")
    String snapshot;
    @Option(names = {"-a", "--all"}, description = "Delete all snapshots of the organization.")
    boolean all;

    public DeleteSnapshotCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context is null");
    }

    @Override
    public void run() {
        if (all == (snapshot != null)) {
            throw new ParameterException(spec.commandLine(), "Give a snapshot ID or name, or --all (not both)");
        }
        var out = spec.commandLine().getOut();
        try (Daytona daytona = context.client()) {
            List<Snapshot> targets = all ? organizationSnapshots(daytona) : List.of(daytona.snapshot().get(snapshot));
            for (Snapshot target : targets) {
                daytona.snapshot().delete(target);
                out.println("Snapshot " + target.name() + " deleted");
                out.flush();
            }
            if (all) {
                out.println(targets.isEmpty() ? "No snapshots to delete" : "Deleted " + targets.size() + " snapshot(s)");
            }
        }
        out.flush();
    }

    private static List<Snapshot> organizationSnapshots(Daytona daytona) {
        List<Snapshot> found = new ArrayList<>();
        for (int page = 1; ; page++) {
            PaginatedSnapshots result = daytona.snapshot().list(page, 100);
            result.items().stream().filter(s -> !s.general()).forEach(found::add);
            if (page >= result.totalPages()) {
                return found;
            }
        }
    }
}
