package io.daytona.runner.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.http.HttpServer;
import io.daytona.model.json.Json;
import io.daytona.model.runner.RunnerCapacity;
import io.daytona.runner.SandboxRunner;
import io.daytona.runner.health.HostMetrics;
import io.daytona.runner.image.ImageBuilds;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A runner as a process of its own: its API served on its port, and its healthcheck sent to the
 * control plane every interval. The control plane marks it unresponsive when the healthchecks
 * stop; its containers do not depend on this process and keep running across a restart.
 */
public final class RunnerServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunnerServer.class);

    /**
     * Settings of a runner process.
     *
     * @param host the address the API listens on
     * @param port its port (0 picks a free one)
     * @param advertisedUrl the URL the control plane and the proxy reach the API at; derived from host and port when empty
     * @param dataDirectory the runner's data directory (its disk is the one measured)
     * @param healthcheckInterval how often the runner reports
     * @param capacity what it offers sandboxes in total, if limited
     * @param orphanGrace how old a container of a sandbox the control plane does not know must be before it is removed
     */
    public record Settings(String host, int port, Optional<String> advertisedUrl, Path dataDirectory, Duration healthcheckInterval,
                           Optional<RunnerCapacity> capacity, Duration orphanGrace, String version) {
        public Settings {
            requireNonNull(host, "host is null");
            requireNonNull(advertisedUrl, "advertisedUrl is null");
            requireNonNull(dataDirectory, "dataDirectory is null");
            requireNonNull(healthcheckInterval, "healthcheckInterval is null");
            requireNonNull(capacity, "capacity is null");
            requireNonNull(orphanGrace, "orphanGrace is null");
            requireNonNull(version, "version is null");
        }
    }

    private final HttpServer server;
    private final ControlPlaneClient controlPlane;
    private final HostMetrics metrics;
    private final String apiUrl;
    private final String version;
    private final Thread reporter;
    private final Duration interval;
    private volatile boolean open = true;

    private RunnerServer(HttpServer server, ControlPlaneClient controlPlane, HostMetrics metrics, String apiUrl, String version,
                         Duration interval) {
        this.server = server;
        this.controlPlane = controlPlane;
        this.metrics = metrics;
        this.apiUrl = apiUrl;
        this.version = version;
        this.interval = interval;
        this.reporter = Thread.ofVirtual().name("runner-healthcheck").unstarted(this::reportLoop);
    }

    /**
     * Serves {@code runner}'s API and reports to the control plane; the first healthcheck is sent
     * before this returns, so the runner is ready for sandboxes once it has.
     */
    public static RunnerServer start(Settings settings, SandboxRunner runner, ImageBuilds images, HostMetrics metrics,
                                     ControlPlaneClient controlPlane, String token) throws Exception {
        ObjectMapper json = Json.newMapper();
        String[] url = new String[1];
        RunnerApi api = new RunnerApi(runner, images, metrics, new RunnerAuthorization(token), settings.orphanGrace(), () -> url[0],
                settings.version(), json);
        HttpServer server = HttpServer.start("runner", settings.host(), settings.port(), api.handler(), json);
        url[0] = settings.advertisedUrl().map(RunnerServer::stripSlash)
                .orElse("http://" + settings.host() + ":" + server.port());
        RunnerServer started = new RunnerServer(server, controlPlane, metrics, url[0], settings.version(), settings.healthcheckInterval());
        Optional<String> refused = controlPlane.report(metrics.measure(url[0], settings.version()));
        if (refused.isPresent()) {
            started.close();
            throw new IllegalStateException("the control plane did not take this runner's first healthcheck: " + refused.get());
        }
        started.reporter.start();
        return started;
    }

    private void reportLoop() {
        boolean failing = false;
        while (open) {
            try {
                Thread.sleep(interval);
                Optional<String> refused = controlPlane.report(metrics.measure(apiUrl, version));
                if (refused.isPresent() && !failing) {
                    LOG.warn("the control plane did not take this runner's healthcheck (retrying every {} s): {}", interval.toSeconds(),
                            refused.get());
                } else if (refused.isEmpty() && failing) {
                    LOG.info("the control plane takes this runner's healthchecks again");
                }
                failing = refused.isPresent();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("could not measure this runner for its healthcheck: {}", e.toString());
            }
        }
    }

    /** Where the API is reached. */
    public URI url() {
        return URI.create(apiUrl);
    }

    public int port() {
        return server.port();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public void close() throws Exception {
        open = false;
        reporter.interrupt();
        try (controlPlane) {
            server.close();
        }
    }
}
