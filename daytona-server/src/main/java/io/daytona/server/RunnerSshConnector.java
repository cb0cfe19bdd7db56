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
import io.daytona.controlplane.runner.RunnerFleet;
import io.daytona.sshgateway.SandboxConnection;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The SSH gateway's way into sandboxes: tokens checked by the control plane, processes and
 * connections made by the runner hosting the sandbox (the only piece that talks to the engine):
 * the embedded runner in-process, a runner process through its stream WebSockets.
 */
final class RunnerSshConnector implements SandboxConnector, AutoCloseable {
    private final CompletableFuture<SshAccessService> access;
    private final CompletableFuture<io.daytona.controlplane.ControlPlane> controlPlane;
    private final Optional<SandboxRunner> embedded;
    private final RunnerStreams streams;

    RunnerSshConnector(CompletableFuture<SshAccessService> access, CompletableFuture<io.daytona.controlplane.ControlPlane> controlPlane,
                       Optional<SandboxRunner> embedded) throws Exception {
        this.access = requireNonNull(access, "access is null");
        this.controlPlane = requireNonNull(controlPlane, "controlPlane is null");
        this.embedded = requireNonNull(embedded, "embedded is null");
        this.streams = new RunnerStreams();
    }

    @Override
    public Optional<String> sandboxFor(String token) {
        return access.join().sandboxFor(token);
    }

    @Override
    public SandboxProcess start(String sandboxId, ProcessSpec spec) throws IOException {
        requireRunning(sandboxId);
        Optional<RunnerFleet.RemoteRunner> remote = controlPlane.join().fleet().remoteForSandbox(sandboxId);
        if (remote.isPresent()) {
            return streams.exec(remote.get(), sandboxId, spec);
        }
        SandboxRunner runner = embedded(sandboxId);
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
    public SandboxConnection connect(String sandboxId, String host, int port) throws IOException {
        requireRunning(sandboxId);
        Optional<RunnerFleet.RemoteRunner> remote = controlPlane.join().fleet().remoteForSandbox(sandboxId);
        if (remote.isPresent()) {
            return streams.connect(remote.get(), sandboxId, host, port);
        }
        return SandboxConnection.of(embedded(sandboxId).connect(sandboxId, host, port));
    }

    private void requireRunning(String sandboxId) throws SandboxUnavailableException {
        try {
            access.join().requireRunning(sandboxId);
        } catch (ServiceException e) {
            throw new SandboxUnavailableException(e.getMessage());
        }
    }

    private SandboxRunner embedded(String sandboxId) throws SandboxUnavailableException {
        return embedded.orElseThrow(() -> new SandboxUnavailableException("Sandbox " + sandboxId
                + " is on no runner this gateway can reach; start it again"));
    }

    @Override
    public void close() throws Exception {
        streams.close();
    }
}
