package io.daytona.controlplane.region;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.auth.Access;
import io.daytona.controlplane.auth.ApiRoutes;
import io.daytona.controlplane.auth.Authenticator;
import io.daytona.controlplane.auth.Permission;
import io.daytona.http.Router;
import io.daytona.model.region.CreateRegion;
import io.daytona.model.region.RegenerateApiKeyResponse;
import io.daytona.model.region.UpdateRegion;

/**
 * {@code /api/regions} and {@code /api/shared-regions}: the server's shared default region and the
 * custom regions of the caller's organization (which may hold its own runners).
 */
public final class RegionResource {
    private final Authenticator authenticator;
    private final Regions regions;

    public RegionResource(Authenticator authenticator, Regions regions) {
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.regions = requireNonNull(regions, "regions is null");
    }

    public void register(Router router) {
        ApiRoutes api = authenticator.routes(router);
        api.get("/api/regions", Access.organization(), (ex, caller) ->
                ex.json(200, regions.visible(caller).stream().map(RegionRecord::toDto).toList()));
        api.get("/api/shared-regions", Access.organization(), (ex, caller) ->
                ex.json(200, regions.shared().stream().map(RegionRecord::toDto).toList()));
        api.post("/api/regions", Access.organization(Permission.WRITE_REGIONS), (ex, caller) ->
                ex.json(201, regions.create(caller, ex.body(CreateRegion.class))));
        api.get("/api/regions/{id}", Access.organization(), (ex, caller) ->
                ex.json(200, regions.get(caller.organizationId(), ex.pathParam("id")).toDto()));
        api.patch("/api/regions/{id}", Access.organization(Permission.WRITE_REGIONS), (ex, caller) ->
                ex.json(200, regions.update(caller, ex.pathParam("id"), ex.body(UpdateRegion.class)).toDto()));
        api.delete("/api/regions/{id}", Access.organization(Permission.DELETE_REGIONS), (ex, caller) -> {
            regions.delete(caller, ex.pathParam("id"));
            ex.status(204);
        });
        api.post("/api/regions/{id}/regenerate-proxy-api-key", Access.organization(Permission.WRITE_REGIONS), (ex, caller) ->
                ex.json(200, new RegenerateApiKeyResponse(regions.regenerateKey(caller, ex.pathParam("id"), true))));
        api.post("/api/regions/{id}/regenerate-ssh-gateway-api-key", Access.organization(Permission.WRITE_REGIONS), (ex, caller) ->
                ex.json(200, new RegenerateApiKeyResponse(regions.regenerateKey(caller, ex.pathParam("id"), false))));
    }
}
