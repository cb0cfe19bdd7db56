package io.daytona.runner;

import static java.util.Objects.requireNonNull;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.HostConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.model.json.Json;
import io.daytona.model.runner.NetworkPolicy;
import io.daytona.model.runner.RunnerSandboxState;
import io.daytona.model.runner.SandboxSpec;
import io.daytona.model.runner.StartedSandbox;
import io.daytona.model.toolbox.VersionResponse;
import io.daytona.runner.attach.AttachRequest;
import io.daytona.runner.attach.ExecAttachment;
import io.daytona.runner.daemon.DaemonRuntime;
import io.daytona.runner.network.NamespaceSocket;
import io.daytona.runner.engine.ContainerEngine;
import io.daytona.runner.engine.ImageNames;
import io.daytona.runner.network.SandboxFirewall;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs sandboxes as containers on the local engine. Every operation is idempotent (ensure this
 * state), so a caller that crashed half-way can simply ask again.
 */
public final class SandboxRunner {
    public static final String LABEL_PLATFORM = "io.daytona.platform";
    public static final String LABEL_SANDBOX = "io.daytona.sandbox-id";
    public static final String LABEL_RUNNER = "io.daytona.runner-id";
    public static final String LABEL_ORGANIZATION = "io.daytona.organization-id";

    private static final ObjectMapper JSON = Json.newMapper();
    private static final long CPU_PERIOD = 100_000;
    private static final long GIB = 1L << 30;
    private static final Duration INSPECT_INTERVAL = Duration.ofMillis(250);

    private final RunnerConfig config;
    private final ContainerEngine engine;
    private final DaemonRuntime daemon;
    private final HttpClient http;
    private final Map<String, URI> daemonUris = new ConcurrentHashMap<>();

    public SandboxRunner(RunnerConfig config, ContainerEngine engine, DaemonRuntime daemon) {
        this.config = requireNonNull(config, "config is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.daemon = requireNonNull(daemon, "daemon is null");
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    public String runnerId() {
        return config.runnerId();
    }

    /** Whether the engine has the image of a snapshot. */
    public boolean hasImage(String image) {
        return engine.imageCommand(ImageNames.local(image)).isPresent();
    }

    /** Creates the sandbox's container if needed, starts it, and waits for its daemon. */
    public StartedSandbox ensureStarted(SandboxSpec spec) throws SandboxRunnerException {
        String name = spec.sandboxId();
        if (engine.inspect(name).isEmpty()) {
            create(spec);
        }
        engine.start(name);
        applyNetwork(name, spec.network());
        return awaitDaemon(name);
    }

    /**
     * Sets the sandbox's egress rules; done at every start, because a started container gets a
     * new network namespace. A sandbox whose rules cannot be set is not left running open.
     */
    public void applyNetwork(String sandboxId, NetworkPolicy policy) throws SandboxRunnerException {
        InspectContainerResponse container = engine.inspect(sandboxId)
                .filter(c -> Boolean.TRUE.equals(c.getState().getRunning()))
                .orElseThrow(() -> new SandboxRunnerException("Sandbox %s is not running; its network rules apply when it starts".formatted(sandboxId)));
        ContainerNetwork network = container.getNetworkSettings().getNetworks().values().stream()
                .filter(n -> n.getIpAddress() != null && !n.getIpAddress().isBlank())
                .findFirst()
                .orElseThrow(() -> new SandboxRunnerException("Sandbox %s has no network address".formatted(sandboxId)));
        try {
            SandboxFirewall.apply(container.getState().getPidLong(), policy,
                    SandboxFirewall.subnet(network.getIpAddress(), network.getIpPrefixLen()));
        } catch (IOException e) {
            engine.stop(sandboxId, Duration.ZERO);
            throw new SandboxRunnerException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxRunnerException("interrupted while setting network rules", e);
        }
    }

    public void ensureStopped(String sandboxId) {
        ensureStopped(sandboxId, false);
    }

    /** Stops the sandbox's container; {@code force} kills its processes at once instead of after the stop grace. */
    public void ensureStopped(String sandboxId, boolean force) {
        daemonUris.remove(sandboxId);
        engine.stop(sandboxId, force ? Duration.ZERO : config.stopGrace());
    }

    public void ensureDestroyed(String sandboxId) {
        daemonUris.remove(sandboxId);
        engine.remove(sandboxId);
    }

    /** What this runner sees of every sandbox it hosts, from one engine call. */
    public Map<String, RunnerSandboxState> observe() {
        Map<String, RunnerSandboxState> states = new HashMap<>();
        for (ContainerEngine.ContainerSummary container : engine.containersLabelled(Map.of(LABEL_RUNNER, config.runnerId()))) {
            String sandboxId = container.labels().getOrDefault(LABEL_SANDBOX, container.name());
            states.put(sandboxId, container.running() ? RunnerSandboxState.RUNNING : RunnerSandboxState.STOPPED);
        }
        return states;
    }

    /**
     * Removes containers of this runner whose sandbox the control plane no longer knows, once
     * they are older than {@code grace} (a crash between creating a container and recording it
     * leaves such orphans).
     */
    public List<String> removeOrphans(Set<String> knownSandboxIds, Duration grace) {
        Instant cutoff = Instant.now().minus(grace);
        List<String> removed = new java.util.ArrayList<>();
        for (ContainerEngine.ContainerSummary container : engine.containersLabelled(Map.of(LABEL_RUNNER, config.runnerId()))) {
            String sandboxId = container.labels().getOrDefault(LABEL_SANDBOX, container.name());
            if (!knownSandboxIds.contains(sandboxId) && container.created().isBefore(cutoff)) {
                ensureDestroyed(container.name());
                removed.add(sandboxId);
            }
        }
        return removed;
    }

    public RunnerSandboxState state(String sandboxId) {
        return engine.inspect(sandboxId)
                .map(c -> Boolean.TRUE.equals(c.getState().getRunning()) ? RunnerSandboxState.RUNNING : RunnerSandboxState.STOPPED)
                .orElse(RunnerSandboxState.MISSING);
    }

    /** Where the sandbox's daemon listens, if the sandbox is running. */
    public Optional<URI> daemonUri(String sandboxId) {
        URI known = daemonUris.get(sandboxId);
        if (known != null) {
            return Optional.of(known);
        }
        return engine.inspect(sandboxId)
                .filter(c -> Boolean.TRUE.equals(c.getState().getRunning()))
                .flatMap(this::address)
                .map(uri -> {
                    daemonUris.put(sandboxId, uri);
                    return uri;
                });
    }

    /**
     * Starts a process in a running sandbox, as the sandbox's user, with its streams attached to
     * the caller (the SSH gateway's shells, commands and SFTP).
     */
    public ExecAttachment attach(String sandboxId, AttachRequest request) throws IOException {
        return ExecAttachment.start(engine, runningContainer(sandboxId).getId(), request);
    }

    /** Opens a TCP connection from inside the sandbox (its loopback is its own), for SSH port forwarding. */
    public Socket connect(String sandboxId, String host, int port) throws IOException {
        long pid = runningContainer(sandboxId).getState().getPidLong();
        InetSocketAddress target = new InetSocketAddress(host.equals("localhost") ? "127.0.0.1" : host, port);
        if (target.isUnresolved()) {
            throw new IOException("unknown host " + host);
        }
        return NamespaceSocket.connect(pid, target, 5_000);
    }

    private InspectContainerResponse runningContainer(String sandboxId) throws IOException {
        return engine.inspect(sandboxId)
                .filter(c -> Boolean.TRUE.equals(c.getState().getRunning()))
                .orElseThrow(() -> new IOException("Sandbox %s is not running".formatted(sandboxId)));
    }

    private void create(SandboxSpec spec) throws SandboxRunnerException {
        String image = ImageNames.local(spec.image());
        List<String> imageCommand = engine.imageCommand(image).orElseThrow(() -> new SandboxRunnerException(
                "Image %s of snapshot %s is not on this runner; build or pull it first (./scripts/setup.sh builds the default one)"
                        .formatted(image, spec.image())));
        Map<String, String> env = new HashMap<>(spec.env());
        env.put("DAYTONA_SANDBOX_ID", spec.sandboxId());
        env.put("DAYTONA_SANDBOX_SNAPSHOT", spec.image());
        env.put("DAYTONA_SANDBOX_USER", spec.user());
        env.put("DAYTONA_ORGANIZATION_ID", spec.organizationId());
        env.put("DAYTONA_DAEMON_PORT", String.valueOf(config.daemonPort()));
        // Java encodes file names and command arguments in the locale's charset, ASCII when none is
        // set, so without this the daemon could not touch a file named "ü.txt". Go's daemon uses bytes.
        if (!env.containsKey("LANG") && !env.containsKey("LC_ALL")) {
            env.put("LANG", "C.UTF-8");
        }
        Map<String, String> labels = Map.of(
                LABEL_PLATFORM, "daytona",
                LABEL_SANDBOX, spec.sandboxId(),
                LABEL_RUNNER, config.runnerId(),
                LABEL_ORGANIZATION, spec.organizationId());
        HostConfig host = HostConfig.newHostConfig()
                .withBinds(daemon.binds())
                .withCpuPeriod(CPU_PERIOD)
                .withCpuQuota(spec.cpu() * CPU_PERIOD)
                .withMemory(spec.memoryGiB() * GIB)
                .withMemorySwap(spec.memoryGiB() * GIB)
                .withPidsLimit(config.pidsLimit())
                .withInit(true);
        engine.create(new ContainerEngine.ContainerSpec(spec.sandboxId(), image, spec.user(),
                daemon.entrypoint(imageCommand), env, labels, host));
    }

    private StartedSandbox awaitDaemon(String name) throws SandboxRunnerException {
        Instant deadline = Instant.now().plus(config.daemonStartTimeout());
        URI base = null;
        Instant nextInspect = Instant.now();
        while (Instant.now().isBefore(deadline)) {
            // Polling the daemon is cheap; inspecting the container costs an engine call, so it
            // only runs until the address is known and then now and then to notice an early exit.
            if (base == null || Instant.now().isAfter(nextInspect)) {
                InspectContainerResponse container = engine.inspect(name).orElseThrow(() ->
                        new SandboxRunnerException("The container of sandbox %s disappeared while starting".formatted(name)));
                if (!Boolean.TRUE.equals(container.getState().getRunning())) {
                    throw new SandboxRunnerException("Sandbox %s exited while starting (exit code %s, OOM killed: %s). Last output:%n%s"
                            .formatted(name, container.getState().getExitCodeLong(), container.getState().getOOMKilled(), engine.tail(name, 20)));
                }
                base = address(container).orElse(null);
                nextInspect = Instant.now().plus(INSPECT_INTERVAL);
            }
            Optional<String> version = base == null ? Optional.empty() : version(base);
            if (version.isPresent()) {
                daemonUris.put(name, base);
                return new StartedSandbox(base, version.get());
            }
            sleep(Duration.ofMillis(5));
        }
        throw new SandboxRunnerException("The daemon of sandbox %s did not answer within %s. Last output:%n%s"
                .formatted(name, config.daemonStartTimeout(), engine.tail(name, 20)));
    }

    private Optional<URI> address(InspectContainerResponse container) {
        String ip = container.getNetworkSettings().getIpAddress();
        if (ip == null || ip.isBlank()) {
            ip = container.getNetworkSettings().getNetworks().values().stream()
                    .map(ContainerNetwork::getIpAddress)
                    .filter(a -> a != null && !a.isBlank())
                    .findFirst()
                    .orElse(null);
        }
        return ip == null ? Optional.empty() : Optional.of(URI.create("http://" + ip + ":" + config.daemonPort()));
    }

    private Optional<String> version(URI base) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(base.resolve("/version")).timeout(Duration.ofSeconds(1)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            return Optional.of(JSON.readValue(response.body(), VersionResponse.class).version());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
