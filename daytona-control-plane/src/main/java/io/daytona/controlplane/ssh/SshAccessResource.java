package io.daytona.controlplane.ssh;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.auth.Access;
import io.daytona.controlplane.auth.ApiRoutes;
import io.daytona.controlplane.auth.Authenticator;
import io.daytona.controlplane.auth.Permission;
import io.daytona.controlplane.sandbox.SandboxViews;
import io.daytona.http.Router;
import io.daytona.http.ServiceException;
import java.util.function.Supplier;

/** {@code /api/sandbox/{id}/ssh-access} and {@code /api/sandbox/ssh-access/validate}. */
public final class SshAccessResource {
    private final SshAccessService service;
    private final Authenticator authenticator;
    private final Supplier<String> toolboxProxyUrl;

    public SshAccessResource(SshAccessService service, Authenticator authenticator, Supplier<String> toolboxProxyUrl) {
        this.service = requireNonNull(service, "service is null");
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.toolboxProxyUrl = requireNonNull(toolboxProxyUrl, "toolboxProxyUrl is null");
    }

    public void register(Router router) {
        ApiRoutes api = authenticator.routes(router);
        api.get("/api/sandbox/ssh-access/validate", Access.organization(), (ex, caller) -> {
            String token = ex.query("token").filter(t -> !t.isBlank())
                    .orElseThrow(() -> ServiceException.badRequest("token is required: GET /api/sandbox/ssh-access/validate?token=<token>"));
            ex.json(200, service.validate(caller, token));
        });
        api.post("/api/sandbox/{sandboxIdOrName}/ssh-access", Access.organization(Permission.WRITE_SANDBOXES), (ex, caller) -> {
            int minutes = ex.query("expiresInMinutes").filter(v -> !v.isBlank())
                    .map(v -> parseInt("expiresInMinutes", v))
                    .orElse(SshAccessService.DEFAULT_EXPIRY_MINUTES);
            ex.json(200, service.create(caller, ex.pathParam("sandboxIdOrName"), minutes));
        });
        api.delete("/api/sandbox/{sandboxIdOrName}/ssh-access", Access.organization(Permission.WRITE_SANDBOXES), (ex, caller) -> {
            var sandbox = service.revoke(caller, ex.pathParam("sandboxIdOrName"), ex.query("token").filter(t -> !t.isBlank()));
            ex.json(200, SandboxViews.toDto(sandbox, toolboxProxyUrl.get()));
        });
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ServiceException.badRequest("%s must be an integer, got '%s'", name, value);
        }
    }
}
