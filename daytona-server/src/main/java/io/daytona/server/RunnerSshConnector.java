package io.daytona.server;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.ssh.SshAccessService;
import io.daytona.http.ServiceException;
import io.daytona.runner.SandboxRunner;
import io.daytona.runner.attach.AttachRequest;
import io.daytona.runner.attach.ExecAttachment;
import io.daytona.sshgateway.ProcessSpec;
import io.daytona.sshgateway.SandboxConnector;
import io.daytona.sshgateway.SandboxProcess;
import io.daytona.sshgateway.SandboxUnavailableException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The SSH gateway's way into sandboxes in the single process: tokens checked by the control
 * plane, processes and connections made by the runner (the only piece that talks to the engine).
 */
final class RunnerSshConnector implements SandboxConnector {
    private final CompletableFuture<SshAccessService> access;
    private final CompletableFuture<io.daytona.controlplane.ControlPlane> controlPlane;
    private final Optional<SandboxRunner> embedded;

    RunnerSshConnector(CompletableFuture<SshAccessService> access, CompletableFuture<io.daytona.controlplane.ControlPlane> controlPlane,
                       Optional<SandboxRunner> embedded) {
        this.access = requireNonNull(access, "access is null");
        this.controlPlane = requireNonNull(controlPlane, "controlPlane is null");
        this.embedded = requireNonNull(embedded, "embedded is null");
    }

    @Override
    public Optional<String> sandboxFor(String token) {
        return access.join().sandboxFor(token);
    }

    @Override
    public SandboxProcess start(String sandboxId, ProcessSpec spec) throws IOException {
        SandboxRunner runner = runnerOf(sandboxId);
        ExecAttachment attachment = runner.attach(sandboxId, new AttachRequest(spec.command(), spec.tty(), spec.env(), spec.columns(), spec.rows()));
        return new SandboxProcess() {
            @Override
            public OutputStream stdin() {
                return attachment.stdin();
            }

            @Override
            public void copyOutput(OutputStream stdout, OutputStream stderr) throws IOException {
                attachment.copyOutput(stdout, stderr);
            }

            @Override
            public void resize(int columns, int rows) {
                attachment.resize(columns, rows);
            }

            @Override
            public int exitCode() throws IOException {
                return attachment.exitCode();
            }

            @Override
            public void close() throws IOException {
                attachment.close();
            }
        };
    }

    @Override
    public Socket connect(String sandboxId, String host, int port) throws IOException {
        return runnerOf(sandboxId).connect(sandboxId, host, port);
    }

    /** The running sandbox's runner, which must be the embedded one. */
    private SandboxRunner runnerOf(String sandboxId) throws SandboxUnavailableException {
        try {
            access.join().requireRunning(sandboxId);
        } catch (ServiceException e) {
            throw new SandboxUnavailableException(e.getMessage());
        }
        if (controlPlane.join().fleet().remoteForSandbox(sandboxId).isPresent() || embedded.isEmpty()) {
            throw new SandboxUnavailableException("Sandbox " + sandboxId + " runs on a runner process; SSH reaches only sandboxes of "
                    + "the server's embedded runner so far");
        }
        return embedded.get();
    }
}
