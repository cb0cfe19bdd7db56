package io.daytona.cli.sandbox;

import io.daytona.cli.CliContext;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.Sandbox;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BiConsumer;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code daytona sandbox start|stop|archive <id|name>}: one lifecycle call, waited for. */
public final class SandboxLifecycleCommand implements Runnable {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final CliContext context;
    private final String done;
    private final BiConsumer<Sandbox, Duration> operation;
    private CommandSpec spec;

    private SandboxLifecycleCommand(CliContext context, String done, BiConsumer<Sandbox, Duration> operation) {
        this.context = Objects.requireNonNull(context, "context is null");
        this.done = done;
        this.operation = operation;
    }

    public static CommandLine start(CliContext context) {
        return build(new SandboxLifecycleCommand(context, "started", Sandbox::start), "start", "Start a sandbox.");
    }

    public static CommandLine stop(CliContext context) {
        return build(new SandboxLifecycleCommand(context, "stopped", Sandbox::stop), "stop", "Stop a sandbox.");
    }

    public static CommandLine archive(CliContext context) {
        return build(new SandboxLifecycleCommand(context, "archived", Sandbox::archive), "archive",
                "Archive a stopped sandbox (its filesystem is kept; start brings it back).");
    }

    /** The three commands differ only in the call, so their specs are built rather than annotated. */
    private static CommandLine build(SandboxLifecycleCommand command, String name, String description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(name).mixinStandardHelpOptions(true);
        spec.usageMessage().description(description);
        spec.addPositional(PositionalParamSpec.builder().index("0").paramLabel("SANDBOX").type(String.class)
                .description("The sandbox's ID or name.").build());
        command.spec = spec;
        return new CommandLine(spec);
    }

    @Override
    public void run() {
        String reference = spec.positionalParameters().getFirst().getValue();
        try (Daytona daytona = context.client()) {
            Sandbox sandbox = daytona.get(reference);
            operation.accept(sandbox, TIMEOUT);
            spec.commandLine().getOut().println("Sandbox " + sandbox.getName() + " " + done);
            spec.commandLine().getOut().flush();
        }
    }
}
