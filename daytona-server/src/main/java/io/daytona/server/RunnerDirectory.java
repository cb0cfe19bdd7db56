package io.daytona.server;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.ControlPlane;
import io.daytona.controlplane.runner.RunnerFleet;
import io.daytona.controlplane.sandbox.SandboxRecord;
import io.daytona.http.ErrorCode;
import io.daytona.http.ServiceException;
import io.daytona.model.runner.RunnerTokens;
import io.daytona.proxy.SandboxDirectory;
import io.daytona.runner.SandboxRunner;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The proxy's view of sandboxes: access decided by the control plane, the way in by the runner
 * hosting the sandbox. A sandbox on the embedded runner is reached directly (its daemon and ports
 * are on this host's engine network); one on a runner process through that runner's forwarding
 * routes, {@code /sandboxes/{id}/toolbox/...} and {@code /sandboxes/{id}/ports/{port}/...}, with
 * the runner's call token.
 */
final class RunnerDirectory implements SandboxDirectory {
    private final CompletableFuture<ControlPlane> controlPlane;
    private final Optional<SandboxRunner> embedded;

    RunnerDirectory(CompletableFuture<ControlPlane> controlPlane, Optional<SandboxRunner> embedded) {
        this.controlPlane = requireNonNull(controlPlane, "controlPlane is null");
        this.embedded = requireNonNull(embedded, "embedded is null");
    }

    @Override
    public URI daemonFor(String sandboxId, Optional<String> authorization) {
        return toolboxUpstream(sandboxId, authorization).base();
    }

    @Override
    public Upstream toolboxUpstream(String sandboxId, Optional<String> authorization) {
        SandboxRecord sandbox = controlPlane.join().sandboxAccess().authorizeToolbox(sandboxId, authorization);
        Optional<RunnerFleet.RemoteRunner> remote = remote(sandbox);
        if (remote.isPresent()) {
            return new Upstream(URI.create(route(remote.get(), sandboxId) + "/toolbox"), credential(remote.get()));
        }
        Optional<URI> daemon = embedded.flatMap(runner -> runner.daemonUri(sandboxId));
        if (daemon.isEmpty()) {
            // The grant may be a second old: the database says why the daemon is not there (409 with its state).
            controlPlane.join().sandboxAccess().authorizeToolboxNow(sandboxId, authorization);
        }
        return Upstream.direct(daemon.orElseGet(() -> embeddedDaemon(sandboxId)));
    }

    @Override
    public PreviewTarget preview(String sandboxIdOrToken, int port, Optional<String> authorization, Optional<String> previewToken) {
        SandboxRecord sandbox = controlPlane.join().previewAccess().authorize(sandboxIdOrToken, port, authorization, previewToken);
        Optional<RunnerFleet.RemoteRunner> remote = remote(sandbox);
        if (remote.isPresent()) {
            return new PreviewTarget(sandbox.id(), URI.create(route(remote.get(), sandbox.id()) + "/ports/" + port),
                    credential(remote.get()));
        }
        Optional<URI> daemon = embedded.flatMap(runner -> runner.daemonUri(sandbox.id()));
        if (daemon.isEmpty()) {
            // The grant may be a second old: the database says why the sandbox is not running (409 with its state).
            controlPlane.join().previewAccess().authorizeNow(sandboxIdOrToken, port, authorization, previewToken);
        }
        // The proxy reaches the sandbox's address on the engine's network, as it does the daemon.
        return new PreviewTarget(sandbox.id(), URI.create("http://" + daemon.orElseGet(() -> embeddedDaemon(sandbox.id())).getHost() + ":" + port));
    }

    @Override
    public URI previewFor(String sandboxId, int port, Optional<String> authorization, Optional<String> previewToken) {
        return preview(sandboxId, port, authorization, previewToken).uri();
    }

    @Override
    public void toolboxCallAnswered(String sandboxId, Optional<String> authorization, ToolboxCall call) {
        controlPlane.join().sandboxAccess().recordToolboxCall(sandboxId, authorization, call.method(), call.daemonPath(), call.status(),
                call.at(), call.clientAddress(), call.userAgent(), call.source());
    }

    private Optional<RunnerFleet.RemoteRunner> remote(SandboxRecord sandbox) {
        if (sandbox.runnerId() == null) {
            throw new ServiceException(ErrorCode.CONFLICT, "Sandbox %s is on no runner; start it first".formatted(sandbox.id()));
        }
        return controlPlane.join().fleet().remote(sandbox.runnerId());
    }

    private static String route(RunnerFleet.RemoteRunner runner, String sandboxId) {
        String base = runner.apiUrl().endsWith("/") ? runner.apiUrl().substring(0, runner.apiUrl().length() - 1) : runner.apiUrl();
        return base + "/sandboxes/" + URLEncoder.encode(sandboxId, StandardCharsets.UTF_8);
    }

    private static Map<String, String> credential(RunnerFleet.RemoteRunner runner) {
        return Map.of(RunnerTokens.AUTHORIZATION_HEADER, "Bearer " + runner.callToken());
    }

    private URI embeddedDaemon(String sandboxId) {
        return embedded.flatMap(runner -> runner.daemonUri(sandboxId)).orElseThrow(() -> new ServiceException(ErrorCode.CONFLICT,
                "Sandbox %s is not running on its runner; start it first".formatted(sandboxId)));
    }
}
