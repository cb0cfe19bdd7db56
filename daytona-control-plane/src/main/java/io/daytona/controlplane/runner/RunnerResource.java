package io.daytona.controlplane.runner;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.daytona.controlplane.auth.Access;
import io.daytona.controlplane.auth.ApiRoutes;
import io.daytona.controlplane.auth.Authenticator;
import io.daytona.controlplane.auth.Permission;
import io.daytona.http.Exchange;
import io.daytona.http.Router;
import io.daytona.http.ServiceException;
import io.daytona.model.region.AdminCreateRunner;
import io.daytona.model.region.CreateRunner;
import io.daytona.model.runner.RunnerHealthcheck;
import java.util.Optional;

/**
 * {@code /api/runners} and {@code /api/admin/runners}: registering runners (the key is shown
 * once), their health and capacity, scheduling flags; and the runners' own routes (healthcheck,
 * me), which take a runner's key and nothing else.
 */
public final class RunnerResource {
    private final Authenticator authenticator;
    private final Runners runners;
    private final RunnerFleet fleet;

    public RunnerResource(Authenticator authenticator, Runners runners, RunnerFleet fleet) {
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.runners = requireNonNull(runners, "runners is null");
        this.fleet = requireNonNull(fleet, "fleet is null");
    }

    public void register(Router router) {
        ApiRoutes api = authenticator.routes(router);
        // The runners' own routes first: /api/runners/me must not be read as the runner with id "me".
        api.runnerRoute("POST", "/api/runners/healthcheck", (ex, runnerId) -> {
            runners.healthcheck(runnerId, ex.body(RunnerHealthcheck.class));
            ex.json(200, java.util.Map.of("status", "ok"));
        });
        api.runnerRoute("GET", "/api/runners/me", (ex, runnerId) -> ex.json(200, runners.me(runnerId)));
        api.get("/api/runners/by-sandbox/{sandboxId}", Access.systemAdmin(), (ex, caller) ->
                ex.json(200, runners.bySandbox(ex.pathParam("sandboxId"))));
        api.get("/api/runners/by-snapshot-ref", Access.systemAdmin(), (ex, caller) -> {
            String ref = ex.query("ref").filter(r -> !r.isBlank())
                    .orElseThrow(() -> ServiceException.badRequest("the query parameter ref is required: a snapshot's image, e.g. ?ref=daytona/sandbox:0.1.0"));
            ex.json(200, fleet.havingImage(ref));
        });

        Access read = Access.organization(Permission.READ_RUNNERS);
        Access write = Access.organization(Permission.WRITE_RUNNERS);
        api.get("/api/runners", read, (ex, caller) -> ex.json(200, runners.list(caller, region(ex))));
        api.post("/api/runners", write, (ex, caller) -> ex.json(201, runners.create(caller, ex.body(CreateRunner.class))));
        api.get("/api/runners/{id}", read, (ex, caller) -> ex.json(200, runners.get(caller, ex.pathParam("id"))));
        api.get("/api/runners/{id}/full", Access.systemAdmin(), (ex, caller) -> ex.json(200, runners.full(ex.pathParam("id"))));
        api.delete("/api/runners/{id}", Access.organization(Permission.DELETE_RUNNERS), (ex, caller) -> {
            runners.delete(caller, ex.pathParam("id"));
            ex.status(204);
        });
        // The runner is looked up before the body is read: another organization learns nothing from a 400.
        api.patch("/api/runners/{id}/scheduling", write, (ex, caller) -> {
            runners.get(caller, ex.pathParam("id"));
            ex.json(200, runners.setUnschedulable(caller, ex.pathParam("id"), flag(ex, "unschedulable")));
        });
        api.patch("/api/runners/{id}/draining", write, (ex, caller) -> {
            runners.get(caller, ex.pathParam("id"));
            ex.json(200, runners.setDraining(caller, ex.pathParam("id"), flag(ex, "draining")));
        });

        api.get("/api/admin/runners", Access.systemAdmin(), (ex, caller) -> ex.json(200, runners.all(region(ex))));
        api.post("/api/admin/runners", Access.systemAdmin(), (ex, caller) ->
                ex.json(201, runners.adminCreate(ex.body(AdminCreateRunner.class))));
        api.get("/api/admin/runners/{id}", Access.systemAdmin(), (ex, caller) -> ex.json(200, runners.full(ex.pathParam("id"))));
        api.delete("/api/admin/runners/{id}", Access.systemAdmin(), (ex, caller) -> {
            runners.adminDelete(ex.pathParam("id"));
            ex.status(204);
        });
        api.patch("/api/admin/runners/{id}/scheduling", Access.systemAdmin(), (ex, caller) -> {
            runners.adminSetUnschedulable(ex.pathParam("id"), flag(ex, "unschedulable"));
            ex.status(204);
        });
    }

    private static Optional<String> region(Exchange ex) {
        return ex.query("regionId").filter(v -> !v.isBlank());
    }

    /** A boolean field of the JSON body, e.g. {@code {"unschedulable": true}}; 400 without it. */
    private static boolean flag(Exchange ex, String field) {
        JsonNode body = ex.optionalBody(JsonNode.class).orElse(null);
        if (body == null || !body.path(field).isBoolean()) {
            throw ServiceException.badRequest("send {\"%s\": true} or {\"%s\": false}", field, field);
        }
        return body.get(field).asBoolean();
    }
}
