package io.daytona.cli.sandbox;

import io.daytona.cli.CliContext;
import io.daytona.cli.CliException;
import io.daytona.model.ssh.SshAccess;
import io.daytona.sdk.Daytona;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code daytona sandbox ssh <id|name> [-- remote command]}: creates an SSH access token and runs
 * the OpenSSH client against the platform's SSH gateway with it, on this terminal; exits with
 * ssh's exit code.
 */
@Command(name = "ssh", mixinStandardHelpOptions = true, description = "SSH into a sandbox (runs the OpenSSH client with a new access token).")
public final class SshCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SANDBOX", description = "The sandbox's ID or name.")
    String sandbox;
    @Parameters(index = "1..*", arity = "0..*", paramLabel = "COMMAND", description = "A command to run instead of a login shell, after --.")
    List<String> remoteCommand = new ArrayList<>();
    @Option(names = "--expires", defaultValue = "60", description = "Minutes the access token works (default: ${DEFAULT-VALUE}).")
    int expiresMinutes;

    public SshCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context is null");
    }

    @Override
    public Integer call() throws InterruptedException {
        SshAccess access;
        try (Daytona daytona = context.client()) {
            access = daytona.get(sandbox).createSshAccess(Duration.ofMinutes(expiresMinutes));
        }
        List<String> command = sshArguments(access.sshCommand(), remoteCommand);
        try {
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new CliException("Cannot run ssh (" + e.getMessage() + "); install the OpenSSH client or run: " + access.sshCommand(), e);
        }
    }

    /**
     * The gateway's command ({@code ssh -p 2222 <token>@host}) with the host key accepted on first
     * use, as answering "yes" would, and the remote command after the destination.
     */
    static List<String> sshArguments(String sshCommand, List<String> remoteCommand) {
        List<String> parts = new ArrayList<>(Arrays.asList(sshCommand.strip().split("\\s+")));
        if (parts.isEmpty() || !parts.getFirst().equals("ssh")) {
            throw new CliException("The server gave an SSH command this CLI cannot run: " + sshCommand);
        }
        parts.addAll(1, List.of("-o", "StrictHostKeyChecking=accept-new"));
        if (!remoteCommand.isEmpty()) {
            parts.add("--");
            parts.addAll(remoteCommand);
        }
        return parts;
    }
}
