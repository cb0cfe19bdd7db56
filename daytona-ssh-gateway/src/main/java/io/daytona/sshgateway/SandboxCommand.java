package io.daytona.sshgateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SSH session channel's program, run inside the sandbox: a login shell, a command, or the
 * SFTP server. Its streams are pumped on virtual threads between the channel and the process;
 * the channel closes with the process's exit code.
 */
final class SandboxCommand implements Command {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxCommand.class);
    /** Like OpenSSH: start in the home directory, with the user's shell (bash if the image has it). */
    private static final String HOME = "cd \"$HOME\" 2>/dev/null; ";
    private static final String SHELL = HOME + "if command -v bash >/dev/null 2>&1; then exec bash -l; fi; exec sh -l";
    private static final String COMMAND = HOME + "if command -v bash >/dev/null 2>&1; then exec bash -c \"$1\"; fi; exec sh -c \"$1\"";
    private static final String SFTP = HOME + "for p in /usr/lib/openssh/sftp-server /usr/libexec/openssh/sftp-server "
            + "/usr/lib/ssh/sftp-server /usr/libexec/sftp-server; do if [ -x \"$p\" ]; then exec \"$p\"; fi; done; "
            + "echo 'This sandbox image has no sftp-server (on Debian: apt-get install openssh-sftp-server)' >&2; exit 127";

    enum Kind { SHELL, COMMAND, SFTP }

    private final SandboxConnector connector;
    private final Kind kind;
    private final String commandLine;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private volatile SandboxProcess process;

    SandboxCommand(SandboxConnector connector, Kind kind, String commandLine) {
        this.connector = requireNonNull(connector, "connector is null");
        this.kind = requireNonNull(kind, "kind is null");
        this.commandLine = commandLine;
    }

    static Command shell(SandboxConnector connector) {
        return new SandboxCommand(connector, Kind.SHELL, null);
    }

    static Command command(SandboxConnector connector, String commandLine) {
        return new SandboxCommand(connector, Kind.COMMAND, commandLine);
    }

    static Command sftp(SandboxConnector connector) {
        return new SandboxCommand(connector, Kind.SFTP, null);
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback exit) {
        this.exit = exit;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        String sandboxId = channel.getSession().getAttribute(TokenAuth.SANDBOX);
        boolean tty = kind != Kind.SFTP && !env.getPtyModes().isEmpty();
        Thread.ofVirtual().name("ssh-" + kind.name().toLowerCase() + "-" + sandboxId).start(() -> run(sandboxId, spec(env, tty), env));
    }

    private ProcessSpec spec(Environment env, boolean tty) {
        List<String> command = switch (kind) {
            case SHELL -> List.of("/bin/sh", "-c", SHELL);
            case COMMAND -> List.of("/bin/sh", "-c", COMMAND, "sh", commandLine);
            case SFTP -> List.of("/bin/sh", "-c", SFTP);
        };
        String term = env.getEnv().get(Environment.ENV_TERM);
        Map<String, String> variables = tty && term != null ? Map.of("TERM", term) : Map.of();
        return new ProcessSpec(command, tty, variables, tty ? size(env, Environment.ENV_COLUMNS) : 0, tty ? size(env, Environment.ENV_LINES) : 0);
    }

    private void run(String sandboxId, ProcessSpec spec, Environment env) {
        SandboxProcess started;
        try {
            started = connector.start(sandboxId, spec);
        } catch (IOException e) {
            fail(e instanceof SandboxUnavailableException ? e.getMessage() : "Could not start a process in sandbox " + sandboxId + ": " + e.getMessage());
            return;
        }
        process = started;
        if (spec.tty()) {
            env.addSignalListener((channel, signal) -> resize(started, env), Signal.WINCH);
        }
        Thread.ofVirtual().name("ssh-stdin-" + sandboxId).start(() -> pumpInput(started));
        int code;
        try (started) {
            started.copyOutput(out, err);
            code = started.exitCode();
        } catch (IOException e) {
            LOG.debug("SSH session to sandbox {} ended: {}", sandboxId, e.getMessage());
            code = 255;
        }
        exit.onExit(code);
    }

    private void pumpInput(SandboxProcess started) {
        try (OutputStream stdin = started.stdin()) {
            byte[] buffer = new byte[32 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                stdin.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // the client or the process went away: the output side ends the session
        }
    }

    private static void resize(SandboxProcess started, Environment env) {
        int columns = size(env, Environment.ENV_COLUMNS);
        int rows = size(env, Environment.ENV_LINES);
        if (columns > 0 && rows > 0) {
            try {
                started.resize(columns, rows);
            } catch (RuntimeException e) {
                LOG.debug("resize failed: {}", e.getMessage());
            }
        }
    }

    private static int size(Environment env, String name) {
        try {
            return Integer.parseInt(env.getEnv().getOrDefault(name, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void fail(String message) {
        try {
            err.write((message + "\r\n").getBytes(UTF_8));
            err.flush();
        } catch (IOException ignored) {
            // the client is gone
        }
        exit.onExit(1, message);
    }

    @Override
    public void destroy(ChannelSession channel) throws IOException {
        SandboxProcess running = process;
        if (running != null) {
            running.close();
        }
    }
}
