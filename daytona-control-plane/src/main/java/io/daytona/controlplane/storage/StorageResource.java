package io.daytona.controlplane.storage;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.auth.Access;
import io.daytona.controlplane.auth.ApiRoutes;
import io.daytona.controlplane.auth.Authenticator;
import io.daytona.controlplane.auth.Permission;
import io.daytona.http.Exchange;
import io.daytona.http.Router;
import io.daytona.http.ServiceException;

/** {@code GET /api/object-storage/push-access}: credentials to upload build contexts. */
public final class StorageResource {
    private final PushAccess access;
    private final ObjectStore store;
    private final Authenticator authenticator;

    public StorageResource(PushAccess access, ObjectStore store, Authenticator authenticator) {
        this.access = requireNonNull(access, "access is null");
        this.store = requireNonNull(store, "store is null");
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
    }

    public void register(Router router) {
        ApiRoutes api = authenticator.routes(router);
        api.get("/api/object-storage/push-access", Access.organization(), (ex, caller) -> {
            if (!caller.permissions().contains(Permission.WRITE_SNAPSHOTS) && !caller.permissions().contains(Permission.WRITE_SANDBOXES)) {
                throw ServiceException.forbidden("This API key lacks the permission write:snapshots (or write:sandboxes); create a key that has it");
            }
            ex.json(200, access.issue(caller.organizationId(), serverUrl(ex), store.bucket()));
        });
    }

    /** The store is served by this server: clients reach it where they reached the API. */
    static String serverUrl(Exchange ex) {
        var uri = ex.request().getHttpURI();
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}
