package io.daytona.server;

import io.daytona.model.json.Json;
import io.daytona.model.runner.RunnerCapacity;
import io.daytona.runner.RunnerConfig;
import io.daytona.runner.SandboxRunner;
import io.daytona.runner.api.ControlPlaneClient;
import io.daytona.runner.api.RunnerServer;
import io.daytona.runner.archive.LayerArchiver;
import io.daytona.runner.archive.LocalArchiveStore;
import io.daytona.runner.daemon.AotCacheTrainer;
import io.daytona.runner.daemon.DaemonRuntime;
import io.daytona.runner.engine.ContainerEngine;
import io.daytona.runner.engine.PodmanService;
import io.daytona.runner.health.HostMetrics;
import io.daytona.runner.image.ImageBuilds;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code daytona runner}: a runner as a process of its own, registered with a control plane
 * ({@code POST /api/runners} gives its key), hosting sandboxes on this host's engine.
 */
@Command(name = "runner", mixinStandardHelpOptions = true,
        description = "Start a runner: it hosts sandboxes on this host's container engine for the control plane at --api-url.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:stopped normally", "1:failed to start (the message says why)", "2:invalid options"})
final class RunnerCommand implements Callable<Integer> {
    /** How long a container of a sandbox the control plane does not know is left alone (it may be being created). */
    static final Duration ORPHAN_GRACE = Duration.ofMinutes(2);

    @Spec
    CommandSpec spec;

    @Option(names = "--api-url", defaultValue = "${env:DAYTONA_API_URL}",
            description = "The control plane's API, e.g. http://127.0.0.1:3000/api (env DAYTONA_API_URL).")
    String apiUrl;

    @Option(names = "--token", defaultValue = "${env:DAYTONA_RUNNER_TOKEN}",
            description = "The runner's key, from POST /api/runners; prefer the DAYTONA_RUNNER_TOKEN environment variable, which ps does not show.")
    String token;

    @Option(names = "--region", defaultValue = "${env:DAYTONA_RUNNER_REGION}",
            description = "The region this runner must be registered in; the runner refuses to start if its key is of another (optional).")
    String region;

    @Option(names = "--host", defaultValue = "${env:DAYTONA_RUNNER_HOST:-127.0.0.1}",
            description = "Address the runner's API listens on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "${env:DAYTONA_RUNNER_PORT:-3003}", description = "The runner API's port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--advertise-url", defaultValue = "${env:DAYTONA_RUNNER_URL}",
            description = "The URL the control plane and the proxy reach this runner's API at (default: http://<host>:<port>).")
    String advertiseUrl;

    @Option(names = "--data-dir", defaultValue = "${env:DAYTONA_RUNNER_DATA_DIR:-${sys:user.home}/.daytona-runner}",
            description = "The daemon runtime, archive work files and logs (default: ${DEFAULT-VALUE}).")
    Path dataDirectory;

    @Option(names = "--archive-dir", defaultValue = "${env:DAYTONA_ARCHIVE_DIR}",
            description = "The archive store: archived sandboxes' files (default: <data-dir>/archives). Runners on one host that share "
                    + "it restore each other's archives.")
    Path archiveDirectory;

    @Option(names = "--daemon-dir", defaultValue = "${env:DAYTONA_DAEMON_DIR}",
            description = "Where the daemon's Java runtime, jar and start-up cache are prepared (default: <data-dir>/daemon). Runners "
                    + "on one host may share it: its files are named by version and hash, and prepared once.")
    Path daemonDirectory;

    @Option(names = "--engine-socket", defaultValue = "${env:DAYTONA_ENGINE_SOCKET:-/run/podman/podman.sock}",
            description = "Docker-compatible engine socket; Podman's service is started on it if nothing answers (default: ${DEFAULT-VALUE}).")
    Path engineSocket;

    @Option(names = "--default-snapshot", defaultValue = "${env:DAYTONA_DEFAULT_SNAPSHOT:-" + ServerConfig.DEFAULT_SNAPSHOT + "}",
            description = "The image the daemon's start-up cache is trained in (default: ${DEFAULT-VALUE}).")
    String defaultSnapshot;

    @Option(names = "--runtime", defaultValue = "${env:DAYTONA_RUNTIME:-crun}",
            description = "OCI runtime of this runner's sandboxes: crun, runc or runsc (gVisor; see docs/runtimes.md) "
                    + "(default: ${DEFAULT-VALUE}; env DAYTONA_RUNTIME).")
    String runtime;

    @Option(names = "--healthcheck-interval", defaultValue = "${env:DAYTONA_RUNNER_HEALTHCHECK_INTERVAL:-10}",
            description = "Seconds between healthchecks sent to the control plane (default: ${DEFAULT-VALUE}).")
    int healthcheckInterval;

    @Option(names = "--cpu", description = "CPU cores this runner offers sandboxes in total (with --memory and --disk; default: not limited).")
    Double cpu;

    @Option(names = "--memory", description = "GiB of memory this runner offers sandboxes in total.")
    Double memory;

    @Option(names = "--disk", description = "GiB of disk this runner offers sandboxes in total.")
    Double disk;

    /** The settings, checked; an error names the option to fix. */
    RunnerServer.Settings settings(String version) {
        if (apiUrl == null || apiUrl.isBlank() || !apiUrl.matches("https?://\\S+")) {
            throw new IllegalArgumentException("--api-url is required: the control plane's API, e.g. http://127.0.0.1:3000/api");
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("--token (or DAYTONA_RUNNER_TOKEN) is required: the key POST /api/runners answered with");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be from 0 to 65535, got " + port);
        }
        if (healthcheckInterval < 1) {
            throw new IllegalArgumentException("--healthcheck-interval must be at least 1 second, got " + healthcheckInterval);
        }
        if (advertiseUrl != null && !advertiseUrl.isBlank() && !advertiseUrl.matches("https?://[^/\\s]+/?")) {
            throw new IllegalArgumentException("--advertise-url must be http(s)://host:port, got " + advertiseUrl);
        }
        return new RunnerServer.Settings(host, port, Optional.ofNullable(advertiseUrl).filter(u -> !u.isBlank()), dataDirectory.toAbsolutePath(),
                Duration.ofSeconds(healthcheckInterval), capacity(), ORPHAN_GRACE, version);
    }

    private Optional<RunnerCapacity> capacity() {
        if (cpu == null && memory == null && disk == null) {
            return Optional.empty();
        }
        if (cpu == null || memory == null || disk == null) {
            throw new IllegalArgumentException("give --cpu, --memory and --disk together (the runner's capacity), or none of them");
        }
        return Optional.of(new RunnerCapacity(cpu, memory, disk));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String version = Optional.ofNullable(RunnerCommand.class.getPackage().getImplementationVersion()).orElse("dev");
        RunnerServer.Settings settings;
        try {
            if (!io.daytona.runner.engine.OciRuntime.NAMES.contains(runtime)) {
                throw new IllegalArgumentException("unknown OCI runtime '" + runtime + "' (--runtime); use one of "
                        + String.join(", ", io.daytona.runner.engine.OciRuntime.NAMES));
            }
            settings = settings(version);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("daytona runner: " + e.getMessage());
            return 2;
        }
        Started started;
        try {
            started = start(settings);
        } catch (Exception e) {
            spec.commandLine().getErr().println("daytona runner failed to start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                started.close();
            } catch (Exception ignored) {
                // exiting anyway
            } finally {
                stopped.countDown();
            }
        }));
        out.printf("Daytona runner %s (%s) is running in region %s.%n  API: %s%n  Control plane: %s%n", started.identity().name(),
                started.identity().id(), started.identity().region(), started.server().url(), apiUrl);
        out.flush();
        stopped.await();
        return 0;
    }

    private record Started(ControlPlaneClient.Identity identity, RunnerServer server, ContainerEngine engine) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            try (engine) {
                server.close();
            }
        }
    }

    private Started start(RunnerServer.Settings settings) throws Exception {
        Path data = settings.dataDirectory();
        Files.createDirectories(data);
        ControlPlaneClient controlPlane = new ControlPlaneClient(URI.create(apiUrl), token.strip(), Json.newMapper());
        ContainerEngine engine = ContainerEngine.connect(engineSocket);
        try {
            ControlPlaneClient.Identity identity = controlPlane.identify(Duration.ofMinutes(2));
            if (region != null && !region.isBlank() && !region.equals(identity.region())) {
                throw new IllegalStateException("this runner's key is of a runner in region " + identity.region() + ", not " + region
                        + " (--region)");
            }
            PodmanService.ensureRunning(engine, engineSocket, data.resolve("logs/podman-service.log"));
            DaemonRuntime daemon = new AotCacheTrainer(engine).ensureTrained(DaytonaServer.prepareDaemon(
                    daemonDirectory == null ? data.resolve("daemon") : daemonDirectory.toAbsolutePath()), defaultSnapshot);
            Path archives = archiveDirectory == null ? data.resolve("archives") : archiveDirectory.toAbsolutePath();
            RunnerConfig runnerConfig = RunnerConfig.defaults(identity.id())
                    .withDataDirectory(data.resolve("runner"))
                    .withRuntime(io.daytona.runner.engine.OciRuntime.of(runtime, data.resolve("runner/runtime")));
            SandboxRunner runner = new SandboxRunner(runnerConfig, engine, daemon,
                    new LayerArchiver(new LocalArchiveStore(archives), data.resolve("runner/archive-work")));
            HostMetrics metrics = new HostMetrics(engine, identity.id(), data, settings.capacity());
            RunnerServer server = RunnerServer.start(settings, runner, new ImageBuilds(engine), metrics, controlPlane, token.strip());
            return new Started(identity, server, engine);
        } catch (Exception | Error e) {
            controlPlane.close();
            engine.close();
            throw e;
        }
    }
}
