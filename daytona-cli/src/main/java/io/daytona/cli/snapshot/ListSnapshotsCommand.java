package io.daytona.cli.snapshot;

import io.daytona.cli.CliContext;
import io.daytona.cli.output.OutputFormat;
import io.daytona.cli.output.Printer;
import io.daytona.model.snapshot.PaginatedSnapshots;
import io.daytona.sdk.Daytona;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code daytona snapshot list}: one page of the snapshots the organization can use. */
@Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "List all snapshots.")
public final class ListSnapshotsCommand implements Runnable {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--format"}, description = "Output format. Must be one of (${COMPLETION-CANDIDATES}); default a table.")
    OutputFormat format;
    @Option(names = {"-p", "--page"}, defaultValue = "1", description = "Page number for pagination (starting from 1; default ${DEFAULT-VALUE}).")
    int page;
    @Option(names = {"-l", "--limit"}, defaultValue = "100", description = "Maximum number of items per page (default ${DEFAULT-VALUE}).")
    int limit;

    public ListSnapshotsCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context is null");
    }

    @Override
    public void run() {
        if (page < 1 || limit < 1) {
            throw new ParameterException(spec.commandLine(), "--page and --limit must be 1 or more (got page " + page + ", limit " + limit + ")");
        }
        try (Daytona daytona = context.client()) {
            PaginatedSnapshots result = daytona.snapshot().list(page, limit);
            var out = spec.commandLine().getOut();
            if (format != null) {
                Printer.print(out, result.items(), format);
                return;
            }
            if (result.items().isEmpty()) {
                out.println("No snapshots found. Create one with `daytona snapshot create`.");
            } else {
                out.print(SnapshotCommand.table(result.items()));
                if (result.totalPages() > 1) {
                    out.println("Page " + result.page() + " of " + result.totalPages() + " (" + result.total() + " snapshots); see --page");
                }
            }
            out.flush();
        }
    }
}
