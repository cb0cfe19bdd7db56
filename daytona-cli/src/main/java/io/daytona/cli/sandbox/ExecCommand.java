package io.daytona.cli.sandbox;

import io.daytona.cli.CliContext;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.ExecuteResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code daytona sandbox exec <id|name> [--cwd DIR] [--timeout S] -- command...}: runs a command
 * through the toolbox, prints its output and exits with its exit code (as {@code ssh} does).
 */
@Command(name = "exec", mixinStandardHelpOptions = true,
        description = {"Execute a command in a sandbox and exit with its exit code.",
                "One argument is run as a shell command line; several are quoted and joined."})
public final class ExecCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SANDBOX", description = "The sandbox's ID or name.")
    String sandbox;
    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND", description = "The command, after --.")
    List<String> command = new ArrayList<>();
    @Option(names = "--cwd", description = "Working directory (default: the sandbox's work directory).")
    String cwd;
    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "Environment variables of the command (repeatable).")
    List<String> env = new ArrayList<>();
    @Option(names = "--timeout", description = "Seconds the command may run (default: no limit).")
    Long timeoutSeconds;

    public ExecCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context is null");
    }

    @Override
    public Integer call() {
        Map<String, String> variables = KeyValues.parse(spec.commandLine(), "--env", env);
        Duration timeout = timeoutSeconds == null ? null : Duration.ofSeconds(timeoutSeconds);
        try (Daytona daytona = context.client()) {
            ExecuteResponse response = daytona.get(sandbox).getProcess()
                    .executeCommand(commandLine(command), cwd, variables.isEmpty() ? null : variables, timeout);
            var out = spec.commandLine().getOut();
            String result = response.result() == null ? "" : response.result();
            out.print(result);
            if (!result.isEmpty() && !result.endsWith("\n")) {
                out.println();
            }
            out.flush();
            return response.exitCode();
        }
    }

    /** One argument as given (a shell command line); several quoted for the shell and joined. */
    static String commandLine(List<String> arguments) {
        if (arguments.size() == 1) {
            return arguments.getFirst();
        }
        return arguments.stream().map(ExecCommand::shellQuote).collect(Collectors.joining(" "));
    }

    static String shellQuote(String argument) {
        if (!argument.isEmpty() && argument.matches("[A-Za-z0-9_./:=@%+,-]+")) {
            return argument;
        }
        return "'" + argument.replace("'", "'\"'\"'") + "'";
    }
}
