package io.daytona.controlplane.volume;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.auth.Access;
import io.daytona.controlplane.auth.ApiRoutes;
import io.daytona.controlplane.auth.Authenticator;
import io.daytona.controlplane.auth.Permission;
import io.daytona.http.Router;
import io.daytona.http.ServiceException;
import io.daytona.model.volume.CreateVolume;

/** {@code /api/volumes}: create, list, get by id or name, delete. */
public final class VolumeResource {
    private final VolumeService service;
    private final Authenticator authenticator;

    public VolumeResource(VolumeService service, Authenticator authenticator) {
        this.service = requireNonNull(service, "service is null");
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
    }

    public void register(Router router) {
        ApiRoutes api = authenticator.routes(router);
        api.post("/api/volumes", Access.organization(Permission.WRITE_VOLUMES), (ex, caller) -> {
            CreateVolume body = ex.optionalBody(CreateVolume.class)
                    .orElseThrow(() -> ServiceException.badRequest("send {\"name\": \"my-volume\"}"));
            ex.json(200, service.create(caller, body.name()).toDto());
        });
        api.get("/api/volumes", Access.organization(Permission.READ_VOLUMES), (ex, caller) -> {
            boolean includeDeleted = ex.query("includeDeleted").map("true"::equalsIgnoreCase).orElse(false);
            ex.json(200, service.list(caller, includeDeleted).stream().map(VolumeRecord::toDto).toList());
        });
        api.get("/api/volumes/by-name/{name}", Access.organization(Permission.READ_VOLUMES), (ex, caller) ->
                ex.json(200, service.getByName(caller, ex.pathParam("name")).toDto()));
        api.get("/api/volumes/{volumeId}", Access.organization(Permission.READ_VOLUMES), (ex, caller) ->
                ex.json(200, service.get(caller, ex.pathParam("volumeId")).toDto()));
        api.delete("/api/volumes/{volumeId}", Access.organization(Permission.DELETE_VOLUMES), (ex, caller) -> {
            service.delete(caller, ex.pathParam("volumeId"));
            ex.status(200);
        });
    }

}
