package io.daytona.controlplane.volume;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.auth.Authenticator;
import io.daytona.controlplane.auth.Caller;
import io.daytona.controlplane.auth.Permission;
import io.daytona.http.Exchange;
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
        router.post("/api/volumes", ex -> {
            Caller caller = caller(ex, Permission.WRITE_VOLUMES);
            CreateVolume body = ex.optionalBody(CreateVolume.class)
                    .orElseThrow(() -> ServiceException.badRequest("send {\"name\": \"my-volume\"}"));
            ex.json(200, service.create(caller, body.name()).toDto());
        });
        router.get("/api/volumes", ex -> {
            Caller caller = caller(ex, Permission.READ_VOLUMES);
            boolean includeDeleted = ex.query("includeDeleted").map("true"::equalsIgnoreCase).orElse(false);
            ex.json(200, service.list(caller, includeDeleted).stream().map(VolumeRecord::toDto).toList());
        });
        router.get("/api/volumes/by-name/{name}", ex ->
                ex.json(200, service.getByName(caller(ex, Permission.READ_VOLUMES), ex.pathParam("name")).toDto()));
        router.get("/api/volumes/{volumeId}", ex ->
                ex.json(200, service.get(caller(ex, Permission.READ_VOLUMES), ex.pathParam("volumeId")).toDto()));
        router.delete("/api/volumes/{volumeId}", ex -> {
            service.delete(caller(ex, Permission.DELETE_VOLUMES), ex.pathParam("volumeId"));
            ex.status(200);
        });
    }

    private Caller caller(Exchange ex, Permission permission) {
        Caller caller = authenticator.authenticate(ex);
        caller.require(permission);
        return caller;
    }
}
