package io.daytona.controlplane.registry;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.audit.AuditLog;
import io.daytona.controlplane.auth.Access;
import io.daytona.controlplane.auth.ApiRoutes;
import io.daytona.controlplane.auth.Authenticator;
import io.daytona.controlplane.auth.Permission;
import io.daytona.http.Router;
import io.daytona.http.ServiceException;
import io.daytona.model.registry.CreateDockerRegistry;
import io.daytona.model.registry.UpdateDockerRegistry;

/**
 * {@code /api/docker-registry}: an organization's registries (list, create, get, update, delete),
 * the transient push access, and the administrators' {@code set-default}.
 */
public final class RegistryResource {
    private final RegistryService service;
    private final Authenticator authenticator;

    public RegistryResource(RegistryService service, Authenticator authenticator) {
        this.service = requireNonNull(service, "service is null");
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
    }

    public void register(Router router) {
        ApiRoutes api = authenticator.routes(router);
        Access write = Access.organization(Permission.WRITE_REGISTRIES);
        api.get("/api/docker-registry", Access.organization(), (ex, caller) ->
                ex.json(200, service.list(caller).stream().map(RegistryRecord::toDto).toList()));
        api.post("/api/docker-registry", write, (ex, caller) -> {
            RegistryRecord created = service.create(caller, ex.optionalBody(CreateDockerRegistry.class).orElse(null));
            ex.request().setAttribute(AuditLog.TARGET_ID_ATTRIBUTE, created.id());
            ex.json(201, created.toDto());
        });
        // Declared before /{id}, which would otherwise take this name as an id.
        api.get("/api/docker-registry/registry-push-access", write, (ex, caller) -> {
            throw ServiceException.notFound("This server has no internal registry to push images to: create a snapshot from "
                    + "an image in a registry the runner can reach (add its credentials with POST /api/docker-registry) "
                    + "or from a Dockerfile (buildInfo)");
        });
        api.get("/api/docker-registry/{id}", Access.organization(), (ex, caller) ->
                ex.json(200, service.get(caller, ex.pathParam("id")).toDto()));
        api.patch("/api/docker-registry/{id}", write, (ex, caller) ->
                ex.json(200, service.update(caller, ex.pathParam("id"),
                        ex.optionalBody(UpdateDockerRegistry.class).orElse(null)).toDto()));
        api.delete("/api/docker-registry/{id}", Access.organization(Permission.DELETE_REGISTRIES), (ex, caller) -> {
            service.delete(caller, ex.pathParam("id"));
            ex.status(204);
        });
        api.post("/api/admin/docker-registry/{id}/set-default", Access.systemAdmin(), (ex, caller) ->
                ex.json(200, service.setDefault(ex.pathParam("id")).toDto()));
    }
}
