package io.daytona.server;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.ControlPlane;
import io.daytona.controlplane.ControlPlaneConfig;
import io.daytona.controlplane.organization.Bootstrap;
import io.daytona.controlplane.sandbox.SandboxAccess;
import io.daytona.controlplane.sandbox.SandboxActivity;
import io.daytona.controlplane.sandbox.SandboxDefaults;
import io.daytona.http.ErrorCode;
import io.daytona.http.ServiceException;
import io.daytona.controlplane.preview.PreviewAccess;
import io.daytona.controlplane.ssh.SshAccessService;
import io.daytona.proxy.PreviewOptions;
import io.daytona.proxy.Proxy;
import io.daytona.sshgateway.SshGateway;
import io.daytona.proxy.SandboxDirectory;
import io.daytona.runner.RunnerConfig;
import io.daytona.runner.SandboxRunner;
import io.daytona.runner.archive.LayerArchiver;
import io.daytona.runner.archive.LocalArchiveStore;
import io.daytona.runner.daemon.AotCacheTrainer;
import io.daytona.runner.daemon.DaemonRuntime;
import io.daytona.runner.engine.ContainerEngine;
import io.daytona.runner.engine.OciRuntime;
import io.daytona.runner.engine.PodmanService;
import io.daytona.runner.image.ImageBuilds;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Every role in one process: runner, control plane and proxy, wired in-process. */
public final class DaytonaServer implements AutoCloseable {
    private static final String DAEMON_JAR_RESOURCE = "daemon/daytona-daemon.jar";

    private final ServerConfig config;
    private final ContainerEngine engine;
    private final Proxy proxy;
    private final ControlPlane controlPlane;
    private final SshGateway sshGateway;

    private DaytonaServer(ServerConfig config, ContainerEngine engine, Proxy proxy, ControlPlane controlPlane, SshGateway sshGateway) {
        this.sshGateway = sshGateway;
        this.config = config;
        this.engine = engine;
        this.proxy = proxy;
        this.controlPlane = controlPlane;
    }

    public static DaytonaServer start(ServerConfig config) throws Exception {
        requireNonNull(config, "config is null");
        Path data = config.dataDirectory().toAbsolutePath();
        Files.createDirectories(data);
        ContainerEngine engine = ContainerEngine.connect(config.engineSocket());
        Proxy proxy = null;
        SshGateway sshGateway = null;
        try {
            PodmanService.ensureRunning(engine, config.engineSocket(), data.resolve("logs/podman-service.log"));
            DaemonRuntime daemon = new AotCacheTrainer(engine).ensureTrained(prepareDaemon(data.resolve("daemon")), config.defaultSnapshot());
            RunnerConfig runnerConfig = RunnerConfig.defaults(runnerId(data))
                    .withDataDirectory(data.resolve("runner"))
                    .withRuntime(OciRuntime.of(config.runtime(), data.resolve("runner/runtime")));
            SandboxRunner runner = new SandboxRunner(runnerConfig, engine, daemon,
                    new LayerArchiver(new LocalArchiveStore(data.resolve("archives")), data.resolve("runner/archive-work")));

            CompletableFuture<SandboxAccess> access = new CompletableFuture<>();
            CompletableFuture<PreviewAccess> previewAccess = new CompletableFuture<>();
            CompletableFuture<SandboxActivity> activity = new CompletableFuture<>();
            CompletableFuture<SshAccessService> sshAccess = new CompletableFuture<>();
            proxy = Proxy.start(config.host(), config.proxyPort(), directory(access, previewAccess, runner),
                    sandboxId -> activity.join().recordTraffic(sandboxId), new PreviewOptions(config.previewWarning()));
            sshGateway = SshGateway.start(config.host(), config.sshPort(), data.resolve("ssh/host-key"),
                    new RunnerSshConnector(sshAccess, runner));
            String proxyUrl = config.publicProxyUrl().orElse("http://" + displayHost(config.host()) + ":" + proxy.port());
            SandboxDefaults defaults = new SandboxDefaults(config.defaultSnapshot(), "us", stripSlash(proxyUrl) + "/toolbox", 4, 8, 10,
                    URI.create(proxyUrl).getScheme(), config.proxyDomain().orElse(URI.create(proxyUrl).getAuthority()),
                    config.maxAutoArchiveInterval());
            String sshCommand = "ssh -p %d {{TOKEN}}@%s".formatted(sshGateway.port(), URI.create(proxyUrl).getHost());
            ControlPlane controlPlane = ControlPlane.start(
                    databaseOf(new ControlPlaneConfig(data, config.host(), config.apiPort(), defaults, Duration.ofSeconds(2)), config)
                            .withWarmPoolSize(config.warmPoolSize())
                            .withSshCommand(sshCommand)
                            .withRateLimits(config.rateLimits()),
                    new LocalRunner(runner), new LocalImages(new ImageBuilds(engine)), java.time.Clock.systemUTC());
            activity.complete(controlPlane.sandboxActivity());
            access.complete(controlPlane.sandboxAccess());
            previewAccess.complete(controlPlane.previewAccess());
            sshAccess.complete(controlPlane.sshAccess());
            return new DaytonaServer(config, engine, proxy, controlPlane, sshGateway);
        } catch (Exception | Error e) {
            if (sshGateway != null) {
                sshGateway.close();
            }
            if (proxy != null) {
                proxy.close();
            }
            engine.close();
            throw e;
        }
    }

    /**
     * This installation's runner id, made at first start. Containers carry it, so two servers on
     * one machine (or a reinstall beside old containers) never take each other's sandboxes.
     */
    private static String runnerId(Path data) throws IOException {
        Path file = data.resolve("runner-id");
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        String id = "runner-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Files.writeString(file, id + "\n");
        return id;
    }

    /** The proxy's view: access decided by the control plane, the sandbox's address by the runner. */
    private static SandboxDirectory directory(CompletableFuture<SandboxAccess> access, CompletableFuture<PreviewAccess> previewAccess,
                                              SandboxRunner runner) {
        return new SandboxDirectory() {
            @Override
            public PreviewTarget preview(String sandboxIdOrToken, int port, Optional<String> authorization, Optional<String> previewToken) {
                String sandboxId = previewAccess.join().authorize(sandboxIdOrToken, port, authorization, previewToken).id();
                // The proxy reaches the sandbox's address on the engine's network, as it does the daemon.
                return new PreviewTarget(sandboxId, URI.create("http://" + daemon(sandboxId).getHost() + ":" + port));
            }

            @Override
            public URI daemonFor(String sandboxId, Optional<String> authorization) {
                access.join().authorizeToolbox(sandboxId, authorization);
                return daemon(sandboxId);
            }

            @Override
            public void toolboxCallAnswered(String sandboxId, Optional<String> authorization, ToolboxCall call) {
                access.join().recordToolboxCall(sandboxId, authorization, call.method(), call.daemonPath(), call.status(), call.at(),
                        call.clientAddress(), call.userAgent(), call.source());
            }

            @Override
            public URI previewFor(String sandboxId, int port, Optional<String> authorization, Optional<String> previewToken) {
                return preview(sandboxId, port, authorization, previewToken).uri();
            }

            private URI daemon(String sandboxId) {
                return runner.daemonUri(sandboxId).orElseThrow(() -> new ServiceException(ErrorCode.CONFLICT,
                        "Sandbox %s is not running on its runner; start it first".formatted(sandboxId)));
            }
        };
    }

    private static DaemonRuntime prepareDaemon(Path directory) throws IOException {
        try (InputStream jar = DaytonaServer.class.getResourceAsStream(DAEMON_JAR_RESOURCE)) {
            if (jar == null) {
                throw new IOException("the daemon jar is missing from the server jar; rebuild with ./mvnw package");
            }
            return DaemonRuntime.prepare(directory, jar);
        }
    }

    /** The API base URL, e.g. {@code http://localhost:3000/api}. */
    public URI apiUrl() {
        return URI.create("http://" + displayHost(config.host()) + ":" + controlPlane.port() + "/api");
    }

    /** The SSH gateway's port. */
    public int sshPort() {
        return sshGateway.port();
    }

    public URI proxyUrl() {
        return URI.create(config.publicProxyUrl().orElse("http://" + displayHost(config.host()) + ":" + proxy.port()));
    }

    /** The admin key made at first start, if this start was the first. */
    public Optional<String> newAdminKey() {
        return controlPlane.newAdminKey();
    }

    /** The admin key, read from the data directory. */
    public String adminKey() throws IOException {
        return Files.readString(config.dataDirectory().resolve(Bootstrap.ADMIN_KEY_FILE)).strip();
    }

    public Path adminKeyFile() {
        return config.dataDirectory().toAbsolutePath().resolve(Bootstrap.ADMIN_KEY_FILE);
    }

    private static String displayHost(String host) {
        return host.equals("0.0.0.0") || host.equals("127.0.0.1") ? "localhost" : host;
    }

    private static ControlPlaneConfig databaseOf(ControlPlaneConfig controlPlane, ServerConfig config) {
        return config.database().map(controlPlane::withDatabase).orElse(controlPlane);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public void close() throws Exception {
        try (engine; proxy; sshGateway) {
            controlPlane.close();
        }
    }
}
