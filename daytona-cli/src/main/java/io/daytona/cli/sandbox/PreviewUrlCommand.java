package io.daytona.cli.sandbox;

import io.daytona.cli.CliContext;
import io.daytona.sdk.Daytona;
import java.time.Duration;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code daytona sandbox preview-url <id|name> <port>}: a signed preview URL, one that opens the
 * port in a browser without headers, valid for {@code --expires} seconds.
 */
@Command(name = "preview-url", mixinStandardHelpOptions = true, description = "Print a signed preview URL of a sandbox port.")
public final class PreviewUrlCommand implements Runnable {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SANDBOX", description = "The sandbox's ID or name.")
    String sandbox;
    @Parameters(index = "1", paramLabel = "PORT", description = "The port in the sandbox (1-65535).")
    int port;
    @Option(names = "--expires", defaultValue = "3600", description = "Seconds the URL works (1 to 86400; default: ${DEFAULT-VALUE}).")
    long expiresSeconds;

    public PreviewUrlCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context is null");
    }

    @Override
    public void run() {
        if (port < 1 || port > 65535) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "PORT must be from 1 to 65535: " + port);
        }
        try (Daytona daytona = context.client()) {
            var url = daytona.get(sandbox).getSignedPreviewUrl(port, Duration.ofSeconds(expiresSeconds));
            spec.commandLine().getOut().println(url.url());
            spec.commandLine().getOut().flush();
        }
    }
}
