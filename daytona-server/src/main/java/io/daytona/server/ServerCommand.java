package io.daytona.server;

import io.daytona.controlplane.persistence.DatabaseSettings;
import io.daytona.controlplane.ratelimit.RateLimits;
import io.daytona.controlplane.sandbox.SandboxDefaults;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code daytona server}: every role in one process, on the embedded database. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Start the whole platform (control plane, runner, proxy, SSH gateway) in one process.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:stopped normally", "1:failed to start (the message says why)"})
final class ServerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", defaultValue = "${env:DAYTONA_DATA_DIR:-${sys:user.home}/.daytona}",
            description = "Database, daemon runtime, logs and the admin key (default: ${DEFAULT-VALUE}; env DAYTONA_DATA_DIR).")
    Path dataDirectory;

    @Option(names = "--host", defaultValue = "${env:DAYTONA_HOST:-127.0.0.1}",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; env DAYTONA_HOST).")
    String host;

    @Option(names = "--api-port", defaultValue = "${env:DAYTONA_API_PORT:-3000}", description = "API port (default: ${DEFAULT-VALUE}).")
    int apiPort;

    @Option(names = "--proxy-port", defaultValue = "${env:DAYTONA_PROXY_PORT:-4000}", description = "Proxy port (default: ${DEFAULT-VALUE}).")
    int proxyPort;

    @Option(names = "--proxy-url", defaultValue = "${env:DAYTONA_PROXY_URL}",
            description = "The proxy's URL as clients reach it (default: http://localhost:<proxy-port>; env DAYTONA_PROXY_URL).")
    String proxyUrl;

    @Option(names = "--engine-socket", defaultValue = "${env:DAYTONA_ENGINE_SOCKET:-/run/podman/podman.sock}",
            description = "Docker-compatible engine socket; Podman's service is started on it if nothing answers (default: ${DEFAULT-VALUE}).")
    Path engineSocket;

    @Option(names = "--default-snapshot", defaultValue = "${env:DAYTONA_DEFAULT_SNAPSHOT:-" + ServerConfig.DEFAULT_SNAPSHOT + "}",
            description = "Snapshot of sandboxes created without one (default: ${DEFAULT-VALUE}).")
    String defaultSnapshot;

    @Option(names = "--proxy-domain", defaultValue = "${env:DAYTONA_PROXY_DOMAIN}",
            description = "Domain of preview URLs, {port}-{sandboxId}.<domain> (default: the proxy URL's host and port; env DAYTONA_PROXY_DOMAIN).")
    String proxyDomain;

    @Option(names = "--max-auto-archive-interval",
            defaultValue = "${env:DAYTONA_MAX_AUTO_ARCHIVE_INTERVAL:-" + SandboxDefaults.DEFAULT_MAX_AUTO_ARCHIVE + "}",
            description = "Longest auto-archive interval in minutes; an interval of 0 means this (default: ${DEFAULT-VALUE}).")
    int maxAutoArchiveInterval;

    @Option(names = "--database-url", defaultValue = "${env:DAYTONA_DATABASE_URL}",
            description = "PostgreSQL JDBC URL, e.g. jdbc:postgresql://db:5432/daytona (default: the embedded database in the data directory).")
    String databaseUrl;

    @Option(names = "--database-user", defaultValue = "${env:DAYTONA_DATABASE_USER:-daytona}",
            description = "PostgreSQL user (default: ${DEFAULT-VALUE}).")
    String databaseUser;

    @Option(names = "--database-password", defaultValue = "${env:DAYTONA_DATABASE_PASSWORD}",
            description = "PostgreSQL password; prefer the DAYTONA_DATABASE_PASSWORD environment variable, which ps does not show.")
    String databasePassword;

    @Option(names = "--warm-pool-size", defaultValue = "${env:DAYTONA_WARM_POOL_SIZE:-2}",
            description = "Started sandboxes of the default snapshot kept ready for creates with default parameters (default: ${DEFAULT-VALUE}; 0 turns the pool off).")
    int warmPoolSize;

    @Option(names = "--ssh-port", defaultValue = "${env:DAYTONA_SSH_PORT:-" + ServerConfig.DEFAULT_SSH_PORT + "}",
            description = "SSH gateway port: ssh -p <port> <access token>@host (default: ${DEFAULT-VALUE}; env DAYTONA_SSH_PORT).")
    int sshPort;

    @Option(names = "--preview-warning", negatable = true, defaultValue = "${env:DAYTONA_PREVIEW_WARNING:-true}", fallbackValue = "true",
            description = "Show browsers a warning page on their first visit to a preview (default: ${DEFAULT-VALUE}; "
                    + "--no-preview-warning turns it off; env DAYTONA_PREVIEW_WARNING).")
    boolean previewWarning;

    @Option(names = "--runtime", defaultValue = "${env:DAYTONA_RUNTIME:-crun}",
            description = "OCI runtime of sandboxes: crun, runc or runsc (gVisor: a user-space kernel between sandbox and host; "
                    + "slower, see docs/runtimes.md) (default: ${DEFAULT-VALUE}; env DAYTONA_RUNTIME).")
    String runtime;

    @Option(names = "--rate-limit", paramLabel = "<throttler>=<requests>/<seconds>",
            description = "Turns on a throttler of the API, e.g. sandbox-create=300/60; repeatable. Throttlers: anonymous, authenticated, "
                    + "sandbox-create, sandbox-lifecycle, failed-auth. Also read from RATE_LIMIT_<THROTTLER>_TTL and _LIMIT. Off by default.")
    List<String> rateLimits = new ArrayList<>();

    @Option(names = "--embedded-runner", negatable = true, defaultValue = "${env:DAYTONA_EMBEDDED_RUNNER:-true}", fallbackValue = "true",
            description = "Run a runner in this process (default: ${DEFAULT-VALUE}); --no-embedded-runner leaves sandboxes to runner "
                    + "processes registered with POST /api/runners and started with daytona runner.")
    boolean embeddedRunner;

    @Option(names = "--archive-dir", defaultValue = "${env:DAYTONA_ARCHIVE_DIR}",
            description = "The embedded runner's archive store (default: <data-dir>/archives). Runners on one host that share it "
                    + "restore each other's archives.")
    Path archiveDirectory;

    @Option(names = "--runner-timeout", defaultValue = "${env:DAYTONA_RUNNER_TIMEOUT:-60}",
            description = "Seconds a runner process may go without a healthcheck before it is unresponsive and its sandboxes are "
                    + "recorded in error (default: ${DEFAULT-VALUE}).")
    int runnerTimeout;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ServerConfig config;
        try {
            config = ServerConfig.builder(dataDirectory)
                    .host(host)
                    .ports(apiPort, proxyPort, sshPort)
                    .publicProxyUrl(Optional.ofNullable(proxyUrl).filter(u -> !u.isBlank()))
                    .engineSocket(engineSocket)
                    .defaultSnapshot(defaultSnapshot)
                    .proxyDomain(Optional.ofNullable(proxyDomain).filter(d -> !d.isBlank()))
                    .maxAutoArchiveInterval(maxAutoArchiveInterval)
                    .database(Optional.ofNullable(databaseUrl).filter(u -> !u.isBlank())
                            .map(url -> new DatabaseSettings(url, databaseUser, Objects.requireNonNullElse(databasePassword, ""))))
                    .warmPoolSize(warmPoolSize)
                    .previewWarning(previewWarning)
                    .rateLimits(RateLimits.parse(rateLimits, RateLimits.fromEnvironment(System.getenv())))
                    .embeddedRunner(embeddedRunner)
                    .archiveDirectory(Optional.ofNullable(archiveDirectory))
                    .runnerTimeout(java.time.Duration.ofSeconds(runnerTimeout))
                    .runtime(runtime)
                    .build();
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("daytona server: " + e.getMessage());
            return 2;
        }
        DaytonaServer server;
        try {
            server = DaytonaServer.start(config);
        } catch (Exception e) {
            spec.commandLine().getErr().println("daytona server failed to start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception ignored) {
                // exiting anyway
            } finally {
                stopped.countDown();
            }
        }));
        out.printf("Daytona is running.%n  API:   %s%n  Proxy: %s%n  SSH:   port %d%n  Runner: %s%n", server.apiUrl(), server.proxyUrl(),
                server.sshPort(), server.embeddedRunnerId().map(id -> "embedded (" + id + ")")
                        .orElse("none in this process: register runners with POST /api/runners and start them with daytona runner"));
        server.newAdminKey().ifPresent(key -> out.printf(
                "%nAdmin API key (shown once; also stored in %s, mode 600):%n  %s%n", server.adminKeyFile(), key));
        out.printf("%nUse it with:%n  export DAYTONA_API_URL=%s%n  export DAYTONA_API_KEY=$(cat %s)%n",
                server.apiUrl(), server.adminKeyFile());
        out.flush();
        stopped.await();
        return 0;
    }
}
