package io.daytona.controlplane;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.controlplane.auth.Authenticator;
import io.daytona.controlplane.organization.Bootstrap;
import io.daytona.controlplane.persistence.Database;
import io.daytona.controlplane.sandbox.Reconciler;
import io.daytona.controlplane.sandbox.SandboxAccess;
import io.daytona.controlplane.sandbox.SandboxRepository;
import io.daytona.controlplane.sandbox.SandboxResource;
import io.daytona.controlplane.sandbox.SandboxRuntime;
import io.daytona.controlplane.sandbox.SandboxService;
import io.daytona.http.HttpServer;
import io.daytona.http.Router;
import io.daytona.model.json.Json;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** The control plane, started: database, reconciler and the {@code /api} server. */
public final class ControlPlane implements AutoCloseable {
    private final Database database;
    private final Reconciler reconciler;
    private final HttpServer server;
    private final SandboxAccess sandboxAccess;
    private final Optional<String> newAdminKey;

    private ControlPlane(Database database, Reconciler reconciler, HttpServer server, SandboxAccess sandboxAccess,
                         Optional<String> newAdminKey) {
        this.database = database;
        this.reconciler = reconciler;
        this.server = server;
        this.sandboxAccess = sandboxAccess;
        this.newAdminKey = newAdminKey;
    }

    public static ControlPlane start(ControlPlaneConfig config, SandboxRuntime runtime) throws Exception {
        requireNonNull(runtime, "runtime is null");
        Clock clock = Clock.systemUTC();
        ObjectMapper json = Json.newMapper();
        Files.createDirectories(config.dataDirectory());
        Database database = Database.embedded(config.dataDirectory().resolve("db"));
        try {
            Optional<String> adminKey = Bootstrap.ensureAdmin(database.jdbi(), config.dataDirectory(), clock);
            Authenticator authenticator = new Authenticator(database.jdbi(), clock);
            SandboxRepository sandboxes = new SandboxRepository(database.jdbi(), json);
            Reconciler reconciler = new Reconciler(sandboxes, runtime, clock, config.reconcileInterval());
            SandboxService service = new SandboxService(sandboxes, reconciler, runtime, config.sandboxes(), clock);
            Router router = new Router(json);
            router.get("/api/health", ex -> ex.json(200, Map.of("status", "ok")));
            new SandboxResource(service, authenticator, json).register(router);
            reconciler.start();
            HttpServer server = HttpServer.start("api", config.host(), config.port(), router, json);
            return new ControlPlane(database, reconciler, server, new SandboxAccess(authenticator, sandboxes), adminKey);
        } catch (Exception | Error e) {
            database.close();
            throw e;
        }
    }

    public int port() {
        return server.port();
    }

    /** The admin key created by this start, if this was the first start. */
    public Optional<String> newAdminKey() {
        return newAdminKey;
    }

    public SandboxAccess sandboxAccess() {
        return sandboxAccess;
    }

    @Override
    public void close() throws Exception {
        try (database; reconciler) {
            server.close();
        }
    }
}
