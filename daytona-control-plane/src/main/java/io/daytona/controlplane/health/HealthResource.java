package io.daytona.controlplane.health;

import static java.util.Objects.requireNonNull;

import io.daytona.model.health.HealthCheck;
import io.daytona.model.health.HealthIndicator;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code GET /api/health} (alive) and {@code GET /api/health/ready} (ready to serve: the database
 * answers), both without credentials so probes need no key. Ready answers 200 with status
 * {@code ok}, or 503 with status {@code error} and what failed.
 */
public final class HealthResource {
    private final Jdbi jdbi;

    public HealthResource(Jdbi jdbi) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    public void register(io.daytona.controlplane.auth.ApiRoutes api) {
        api.get("/api/health", io.daytona.controlplane.auth.Access.anonymous(), (ex, caller) -> ex.json(200, Map.of("status", "ok")));
        api.get("/api/health/ready", io.daytona.controlplane.auth.Access.anonymous(), (ex, caller) -> {
            HealthCheck check = check();
            ex.json(check.status().equals("ok") ? 200 : 503, check);
        });
    }

    HealthCheck check() {
        HealthIndicator database = database();
        Map<String, HealthIndicator> all = Map.of("database", database);
        boolean up = database.status().equals("up");
        return new HealthCheck(up ? "ok" : "error", up ? all : Map.of(), up ? Map.of() : all, all);
    }

    private HealthIndicator database() {
        try {
            jdbi.withHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one());
            return HealthIndicator.up();
        } catch (RuntimeException e) {
            return HealthIndicator.down("The database does not answer: " + e.getMessage());
        }
    }
}
