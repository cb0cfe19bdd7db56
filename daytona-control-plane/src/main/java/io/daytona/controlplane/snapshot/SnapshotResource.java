package io.daytona.controlplane.snapshot;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.audit.AuditLog;
import io.daytona.controlplane.auth.Access;
import io.daytona.controlplane.auth.ApiRoutes;
import io.daytona.controlplane.auth.Authenticator;
import io.daytona.controlplane.auth.Caller;
import io.daytona.controlplane.auth.Permission;
import io.daytona.controlplane.sandbox.SandboxService;
import io.daytona.http.Exchange;
import io.daytona.http.Router;
import io.daytona.http.ServiceException;
import io.daytona.model.snapshot.CreateSnapshot;
import io.daytona.model.snapshot.PaginatedSnapshots;
import io.daytona.model.snapshot.Url;
import java.io.OutputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** {@code /api/snapshots}, and the build logs of sandboxes created from a Dockerfile. */
public final class SnapshotResource {
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 200;

    private final SnapshotService service;
    private final SandboxService sandboxes;
    private final Authenticator authenticator;
    private final String region;

    public SnapshotResource(SnapshotService service, SandboxService sandboxes, Authenticator authenticator, String region) {
        this.service = requireNonNull(service, "service is null");
        this.sandboxes = requireNonNull(sandboxes, "sandboxes is null");
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.region = requireNonNull(region, "region is null");
    }

    public void register(Router router) {
        ApiRoutes api = authenticator.routes(router);
        // The reference has no read:snapshots scope: any key of the organization reads its snapshots.
        Access read = Access.organization();
        Access write = Access.organization(Permission.WRITE_SNAPSHOTS);
        api.post("/api/snapshots", write, (ex, caller) -> {
            CreateSnapshot body = ex.optionalBody(CreateSnapshot.class).orElse(null);
            SnapshotRecord created = service.create(caller, body);
            ex.request().setAttribute(AuditLog.TARGET_ID_ATTRIBUTE, created.id());
            ex.json(200, created.toDto(region));
        });
        api.get("/api/snapshots", read, this::list);
        api.get("/api/snapshots/{id}", read, (ex, caller) -> ex.json(200, service.get(caller, id(ex)).toDto(region)));
        api.delete("/api/snapshots/{id}", Access.organization(Permission.DELETE_SNAPSHOTS), (ex, caller) -> {
            service.delete(caller, id(ex));
            ex.status(200);
        });
        api.post("/api/snapshots/{id}/activate", write, (ex, caller) ->
                ex.json(200, service.activate(caller, id(ex)).toDto(region)));
        api.post("/api/snapshots/{id}/deactivate", write, (ex, caller) -> {
            service.deactivate(caller, id(ex));
            ex.status(204);
        });
        api.get("/api/snapshots/{id}/build-logs-url", read, (ex, caller) -> {
            SnapshotRecord snapshot = service.get(caller, id(ex));
            ex.json(200, new Url(apiUrl(ex) + "/snapshots/" + snapshot.id() + "/build-logs"));
        });
        api.get("/api/snapshots/{id}/build-logs", read, (ex, caller) -> logs(ex, service.get(caller, id(ex))));
        api.patch("/api/admin/snapshots/{id}/general", Access.systemAdmin(), (ex, caller) -> {
            var body = ex.body(io.daytona.model.snapshot.SetSnapshotGeneralStatus.class);
            ex.json(200, service.setGeneral(id(ex), body.general()).toDto(region));
        });
        api.get("/api/admin/snapshots/can-cleanup-image", Access.systemAdmin(), (ex, caller) ->
                ex.json(200, service.canCleanUpImage(ex.query("imageName").orElse(null))));
        api.get("/api/sandbox/{sandboxIdOrName}/build-logs-url", read, (ex, caller) -> {
            var sandbox = sandboxes.get(caller, ex.pathParam("sandboxIdOrName"));
            sandboxBuild(sandbox);
            ex.json(200, new Url(apiUrl(ex) + "/sandbox/" + sandbox.id() + "/build-logs"));
        });
        api.get("/api/sandbox/{sandboxIdOrName}/build-logs", read, (ex, caller) ->
                logs(ex, sandboxBuild(sandboxes.get(caller, ex.pathParam("sandboxIdOrName")))));
    }

    private SnapshotRecord sandboxBuild(io.daytona.controlplane.sandbox.SandboxRecord sandbox) {
        return service.sandboxBuild(sandbox.organizationId(), sandbox.snapshot())
                .orElseThrow(() -> ServiceException.notFound("Sandbox %s was not created from a build (buildInfo); it has no build logs",
                        sandbox.id()));
    }

    /** Plain text; with {@code follow=true} the response stays open and streams lines until the build is over. */
    private void logs(Exchange ex, SnapshotRecord snapshot) throws Exception {
        boolean follow = ex.query("follow").map("true"::equalsIgnoreCase).orElse(false);
        ex.setStatus(200);
        ex.setHeader("Content-Type", "text/plain; charset=utf-8");
        ex.setHeader("Cache-Control", "no-cache");
        try (OutputStream out = ex.outputStream()) {
            service.logs().copy(snapshot.id(), out, follow, () -> service.finished(snapshot.id()));
        }
    }

    private void list(Exchange ex, Caller caller) throws Exception {
        int page = intParam(ex, "page", 1);
        int limit = intParam(ex, "limit", DEFAULT_LIMIT);
        if (page < 1) {
            throw ServiceException.badRequest("page must be at least 1, got %d", page);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ServiceException.badRequest("limit must be between 1 and %d, got %d", MAX_LIMIT, limit);
        }
        String sort = ex.query("sort").filter(v -> !v.isBlank()).orElse("createdAt");
        String order = ex.query("order").filter(v -> !v.isBlank()).orElse("desc").toLowerCase(Locale.ROOT);
        Comparator<SnapshotRecord> comparator = switch (sort) {
            case "name" -> Comparator.comparing(SnapshotRecord::name);
            case "state" -> Comparator.comparing(s -> s.state().wireValue());
            case "lastUsedAt" -> Comparator.comparing(s -> s.lastUsedAt() == null ? s.createdAt() : s.lastUsedAt());
            case "createdAt" -> Comparator.comparing(SnapshotRecord::createdAt);
            default -> throw ServiceException.badRequest("sort must be one of name, state, lastUsedAt, createdAt; got '%s'", sort);
        };
        if (!order.equals("asc") && !order.equals("desc")) {
            throw ServiceException.badRequest("order must be asc or desc, got '%s'", order);
        }
        comparator = comparator.thenComparing(SnapshotRecord::id);
        List<SnapshotRecord> all = service.list(caller, ex.query("name").orElse("")).stream()
                .sorted(order.equals("asc") ? comparator : comparator.reversed())
                .toList();
        int from = Math.min(all.size(), (page - 1) * limit);
        List<SnapshotRecord> items = all.subList(from, Math.min(all.size(), from + limit));
        int totalPages = (all.size() + limit - 1) / limit;
        ex.json(200, new PaginatedSnapshots(items.stream().map(s -> s.toDto(region)).toList(), all.size(), page, totalPages));
    }

    private static int intParam(Exchange ex, String name, int fallback) {
        String value = ex.query(name).filter(v -> !v.isBlank()).orElse(null);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ServiceException.badRequest("%s must be an integer, got '%s'", name, value);
        }
    }

    /** The API's base URL as this client reached it, for URLs it will call back. */
    private static String apiUrl(Exchange ex) {
        var uri = ex.request().getHttpURI();
        return uri.getScheme() + "://" + uri.getAuthority() + "/api";
    }

    private static String id(Exchange ex) {
        return SnapshotNamePaths.decode(ex.pathParam("id"));
    }
}
