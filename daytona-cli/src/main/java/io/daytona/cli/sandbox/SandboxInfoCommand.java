package io.daytona.cli.sandbox;

import io.daytona.cli.CliContext;
import io.daytona.cli.output.OutputFormat;
import io.daytona.cli.output.Printer;
import io.daytona.sdk.Daytona;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code daytona sandbox info <id|name>}. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Get sandbox info.")
public final class SandboxInfoCommand implements Runnable {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SANDBOX", description = "The sandbox's ID or name.")
    String sandbox;
    @Option(names = {"-f", "--format"}, description = "Output format. Must be one of (${COMPLETION-CANDIDATES}); default readable lines.")
    OutputFormat format;

    public SandboxInfoCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context is null");
    }

    @Override
    public void run() {
        try (Daytona daytona = context.client()) {
            var data = daytona.get(sandbox).data();
            var out = spec.commandLine().getOut();
            if (format != null) {
                Printer.print(out, data, format);
            } else {
                out.print(SandboxViews.info(data));
                out.flush();
            }
        }
    }
}
