package io.daytona.cli.sandbox;

import io.daytona.cli.CliContext;
import io.daytona.cli.output.OutputFormat;
import io.daytona.cli.output.Printer;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.Sandbox;
import io.daytona.sdk.SandboxPage;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code daytona sandbox list}: one page of the organization's sandboxes, newest first. */
@Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "List sandboxes.")
public final class ListSandboxesCommand implements Runnable {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--format"}, description = "Output format. Must be one of (${COMPLETION-CANDIDATES}); default a table.")
    OutputFormat format;
    @Option(names = {"-p", "--page"}, defaultValue = "1", description = "Page number for pagination (starting from 1; default ${DEFAULT-VALUE}).")
    int page;
    @Option(names = {"-l", "--limit"}, defaultValue = "100", description = "Maximum number of items per page (1 to 200; default ${DEFAULT-VALUE}).")
    int limit;

    public ListSandboxesCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context is null");
    }

    @Override
    public void run() {
        if (page < 1 || limit < 1 || limit > 200) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--page must be 1 or more and --limit from 1 to 200 (got page " + page + ", limit " + limit + ")");
        }
        try (Daytona daytona = context.client()) {
            SandboxPage result = daytona.list(Map.of(), page, limit);
            List<io.daytona.model.sandbox.Sandbox> sandboxes = result.items().stream().map(Sandbox::data).toList();
            var out = spec.commandLine().getOut();
            if (format != null) {
                Printer.print(out, sandboxes, format);
                return;
            }
            if (sandboxes.isEmpty()) {
                out.println(page == 1 ? "No sandboxes found. Create one with `daytona sandbox create`." : "No sandboxes on page " + page + ".");
            } else {
                out.print(SandboxViews.table(sandboxes));
                if (result.totalPages() > 1) {
                    out.println("Page " + result.page() + " of " + result.totalPages() + " (" + result.total() + " sandboxes); see --page");
                }
            }
            out.flush();
        }
    }
}
