package io.daytona.controlplane.preview;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.auth.Access;
import io.daytona.controlplane.auth.ApiRoutes;
import io.daytona.controlplane.auth.Authenticator;
import io.daytona.controlplane.auth.Permission;
import io.daytona.http.Router;
import io.daytona.http.ServiceException;

/** {@code /api/sandbox/{id}/ports/{port}/signed-preview-url} and its {@code /{token}/expire}. */
public final class SignedPreviewResource {
    private final SignedPreviews previews;
    private final Authenticator authenticator;

    public SignedPreviewResource(SignedPreviews previews, Authenticator authenticator) {
        this.previews = requireNonNull(previews, "previews is null");
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
    }

    public void register(Router router) {
        ApiRoutes api = authenticator.routes(router);
        api.get("/api/sandbox/{sandboxIdOrName}/ports/{port}/signed-preview-url", Access.organization(), (ex, caller) -> {
            int seconds = ex.query("expiresInSeconds").filter(v -> !v.isBlank())
                    .map(v -> parseInt("expiresInSeconds", v))
                    .orElse(SignedPreviews.DEFAULT_EXPIRY_SECONDS);
            ex.json(200, previews.create(caller, ex.pathParam("sandboxIdOrName"), parseInt("port", ex.pathParam("port")), seconds));
        });
        api.post("/api/sandbox/{sandboxIdOrName}/ports/{port}/signed-preview-url/{token}/expire", Access.organization(Permission.WRITE_SANDBOXES), (ex, caller) -> {
            previews.expire(caller, ex.pathParam("sandboxIdOrName"), parseInt("port", ex.pathParam("port")), ex.pathParam("token"));
            ex.status(200);
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
