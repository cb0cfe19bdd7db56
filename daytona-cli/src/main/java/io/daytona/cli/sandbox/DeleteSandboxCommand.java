package io.daytona.cli.sandbox;

import io.daytona.cli.CliContext;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.Sandbox;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code daytona sandbox delete <id|name>} or {@code --all}: every sandbox of the organization. */
@Command(name = "delete", aliases = "rm", mixinStandardHelpOptions = true, description = "Delete a sandbox.")
public final class DeleteSandboxCommand implements Runnable {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SANDBOX", description = "The sandbox's ID or name.")
    String sandbox;
    @Option(names = {"-a", "--all"}, description = "Delete all sandboxes.")
    boolean all;

    public DeleteSandboxCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context is null");
    }

    @Override
    public void run() {
        if (all == (sandbox != null)) {
            throw new ParameterException(spec.commandLine(), "Give a sandbox ID or name, or --all (not both)");
        }
        var out = spec.commandLine().getOut();
        try (Daytona daytona = context.client()) {
            if (!all) {
                Sandbox found = daytona.get(sandbox);
                found.delete(TIMEOUT);
                out.println("Sandbox " + found.getName() + " deleted");
            } else {
                List<Sandbox> sandboxes = daytona.list();
                for (Sandbox each : sandboxes) {
                    each.delete(TIMEOUT);
                    out.println("Sandbox " + each.getName() + " deleted");
                    out.flush();
                }
                out.println(sandboxes.isEmpty() ? "No sandboxes to delete" : "Deleted " + sandboxes.size() + " sandbox(es)");
            }
        }
        out.flush();
    }
}
