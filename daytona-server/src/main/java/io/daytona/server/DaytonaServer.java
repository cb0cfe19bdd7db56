package io.daytona.server;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.ControlPlane;
import io.daytona.controlplane.ControlPlaneConfig;
import io.daytona.controlplane.organization.Bootstrap;
import io.daytona.controlplane.sandbox.SandboxDefaults;
import io.daytona.proxy.PreviewOptions;
import io.daytona.proxy.Proxy;
import io.daytona.sshgateway.SshGateway;
import io.daytona.runner.RunnerConfig;
import io.daytona.runner.SandboxRunner;
import io.daytona.runner.archive.LayerArchiver;
import io.daytona.runner.archive.LocalArchiveStore;
import io.daytona.controlplane.runner.RunnerClient;
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

/**
 * Every role in one process: control plane, proxy, SSH gateway and (unless turned off) the
 * embedded runner, wired in-process. Runner processes ({@code daytona runner}) registered with the
 * control plane host sandboxes too; the proxy and the SSH gateway reach those through them.
 */
public final class DaytonaServer implements AutoCloseable {
    private static final String DAEMON_JAR_RESOURCE = "daemon/daytona-daemon.jar";

    private final ServerConfig config;
    private final ContainerEngine engine;
    private final Proxy proxy;
    private final ControlPlane controlPlane;
    private final SshGateway sshGateway;
    private final RunnerSshConnector sshConnector;

    private DaytonaServer(ServerConfig config, ContainerEngine engine, Proxy proxy, ControlPlane controlPlane, SshGateway sshGateway,
                          RunnerSshConnector sshConnector) {
        this.sshGateway = sshGateway;
        this.sshConnector = sshConnector;
        this.config = config;
        this.engine = engine;
        this.proxy = proxy;
        this.controlPlane = controlPlane;
    }

    public static DaytonaServer start(ServerConfig config) throws Exception {
        requireNonNull(config, "config is null");
        Path data = config.dataDirectory().toAbsolutePath();
        Files.createDirectories(data);
        ContainerEngine engine = config.embeddedRunner() ? ContainerEngine.connect(config.engineSocket()) : null;
        Proxy proxy = null;
        SshGateway sshGateway = null;
        RunnerSshConnector sshConnector = null;
        try {
            Optional<SandboxRunner> runner = Optional.empty();
            if (engine != null) {
                PodmanService.ensureRunning(engine, config.engineSocket(), data.resolve("logs/podman-service.log"));
                DaemonRuntime daemon = new AotCacheTrainer(engine).ensureTrained(prepareDaemon(data.resolve("daemon")), config.defaultSnapshot());
                RunnerConfig runnerConfig = RunnerConfig.defaults(runnerId(data))
                        .withDataDirectory(data.resolve("runner"))
                        .withRuntime(OciRuntime.of(config.runtime(), data.resolve("runner/runtime")));
                runner = Optional.of(new SandboxRunner(runnerConfig, engine, daemon,
                        new LayerArchiver(new LocalArchiveStore(config.archives()), data.resolve("runner/archive-work"))));
            }

            CompletableFuture<ControlPlane> controlPlaneReady = new CompletableFuture<>();
            proxy = Proxy.start(config.host(), config.proxyPort(), new RunnerDirectory(controlPlaneReady, runner),
                    sandboxId -> controlPlaneReady.join().sandboxActivity().recordTraffic(sandboxId), new PreviewOptions(config.previewWarning()));
            sshConnector = new RunnerSshConnector(controlPlaneReady.thenApply(ControlPlane::sshAccess), controlPlaneReady, runner);
            sshGateway = SshGateway.start(config.host(), config.sshPort(), data.resolve("ssh/host-key"), sshConnector);
            String proxyUrl = config.publicProxyUrl().orElse("http://" + displayHost(config.host()) + ":" + proxy.port());
            SandboxDefaults defaults = new SandboxDefaults(config.defaultSnapshot(), "us", stripSlash(proxyUrl) + "/toolbox", 4, 8, 10,
                    URI.create(proxyUrl).getScheme(), config.proxyDomain().orElse(URI.create(proxyUrl).getAuthority()),
                    config.maxAutoArchiveInterval());
            String sshCommand = "ssh -p %d {{TOKEN}}@%s".formatted(sshGateway.port(), URI.create(proxyUrl).getHost());
            ControlPlaneConfig controlPlaneConfig = databaseOf(new ControlPlaneConfig(data, config.host(), config.apiPort(), defaults,
                    Duration.ofSeconds(2)), config)
                    .withWarmPoolSize(config.warmPoolSize())
                    .withSshCommand(sshCommand)
                    .withRateLimits(config.rateLimits())
                    .withRunners(new ControlPlaneConfig.RunnerSettings(config.runnerTimeout(), 0,
                            ControlPlaneConfig.RunnerSettings.DEFAULTS.embeddedReportInterval()));
            ControlPlane controlPlane = ControlPlane.start(controlPlaneConfig,
                    runner.map(r -> new LocalRunner(r, engine, data)),
                    runner.map(r -> new LocalImages(new ImageBuilds(engine))),
                    RunnerClient::new, java.time.Clock.systemUTC());
            controlPlaneReady.complete(controlPlane);
            return new DaytonaServer(config, engine, proxy, controlPlane, sshGateway, sshConnector);
        } catch (Exception | Error e) {
            if (sshGateway != null) {
                sshGateway.close();
            }
            if (proxy != null) {
                proxy.close();
            }
            if (sshConnector != null) {
                sshConnector.close();
            }
            if (engine != null) {
                engine.close();
            }
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

    static DaemonRuntime prepareDaemon(Path directory) throws IOException {
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

    /** The embedded runner's id, if this server runs one. */
    public Optional<String> embeddedRunnerId() {
        return controlPlane.fleet().embeddedId();
    }

    @Override
    public void close() throws Exception {
        try (engine; proxy; sshConnector; sshGateway) {
            controlPlane.close();
        }
    }
}
