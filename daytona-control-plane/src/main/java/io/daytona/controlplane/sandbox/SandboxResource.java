package io.daytona.controlplane.sandbox;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.controlplane.audit.AuditLog;
import io.daytona.controlplane.auth.Access;
import io.daytona.controlplane.auth.ApiRoutes;
import io.daytona.controlplane.auth.Authenticator;
import io.daytona.controlplane.auth.Caller;
import io.daytona.controlplane.auth.Permission;
import io.daytona.http.Exchange;
import io.daytona.http.Router;
import io.daytona.http.ServiceException;
import io.daytona.model.sandbox.CreateSandbox;
import io.daytona.model.sandbox.ListSandboxesResponse;
import io.daytona.model.sandbox.PaginatedSandboxes;
import io.daytona.model.sandbox.PortPreviewUrl;
import io.daytona.model.sandbox.ResizeSandbox;
import io.daytona.model.sandbox.Sandbox;
import io.daytona.model.sandbox.SandboxLabels;
import io.daytona.model.sandbox.SandboxState;
import io.daytona.model.sandbox.ToolboxProxyUrl;
import io.daytona.model.sandbox.UpdateSandboxNetworkSettings;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** {@code /api/sandbox}: thin endpoints that authenticate, check permissions and map outcomes to statuses. */
public final class SandboxResource {
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 200;

    private final SandboxService service;
    private final Authenticator authenticator;
    private final ObjectMapper json;

    public SandboxResource(SandboxService service, Authenticator authenticator, ObjectMapper json) {
        this.service = requireNonNull(service, "service is null");
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.json = requireNonNull(json, "json is null");
    }

    /**
     * Every route declares its access: reads need any key of the organization, changes need
     * {@code write:sandboxes}, deletion {@code delete:sandboxes}.
     */
    public void register(Router router) {
        ApiRoutes api = authenticator.routes(router);
        Access read = Access.organization();
        Access write = Access.organization(Permission.WRITE_SANDBOXES);
        api.post("/api/sandbox", write, this::create);
        api.get("/api/sandbox", read, this::list);
        api.get("/api/sandbox/paginated", read, this::listPaginated);
        api.get("/api/sandbox/{sandboxIdOrName}", read, (ex, caller) -> ex.json(200, dto(service.get(caller, idOrName(ex)))));
        api.delete("/api/sandbox/{sandboxIdOrName}", Access.organization(Permission.DELETE_SANDBOXES),
                (ex, caller) -> ex.json(200, dto(service.delete(caller, idOrName(ex)))));
        api.post("/api/sandbox/{sandboxIdOrName}/start", write, (ex, caller) -> ex.json(200, dto(service.start(caller, idOrName(ex)))));
        api.post("/api/sandbox/{sandboxIdOrName}/stop", write, (ex, caller) -> {
            boolean force = ex.query("force").filter(v -> !v.isBlank()).map(v -> parseBoolean("force", v)).orElse(false);
            ex.json(200, dto(service.stop(caller, idOrName(ex), force)));
        });
        api.post("/api/sandbox/{sandboxIdOrName}/pause", write, (ex, caller) -> ex.json(200, dto(service.pause(caller, idOrName(ex)))));
        api.post("/api/sandbox/{sandboxIdOrName}/fork", write, (ex, caller) -> {
            SandboxRecord fork = service.fork(caller, idOrName(ex), ex.optionalBody(io.daytona.model.sandbox.ForkSandbox.class).orElse(null));
            ex.request().setAttribute(AuditLog.TARGET_ID_ATTRIBUTE, fork.id());
            ex.json(200, dto(fork));
        });
        api.get("/api/sandbox/{sandboxIdOrName}/forks", read, (ex, caller) -> {
            boolean includeDestroyed = ex.query("includeDestroyed").filter(v -> !v.isBlank())
                    .map(v -> parseBoolean("includeDestroyed", v)).orElse(false);
            ex.json(200, service.forks(caller, idOrName(ex), includeDestroyed).stream().map(this::dto).toList());
        });
        api.get("/api/sandbox/{sandboxIdOrName}/parent", read, (ex, caller) -> ex.json(200, dto(service.parent(caller, idOrName(ex)))));
        api.get("/api/sandbox/{sandboxIdOrName}/ancestors", read, (ex, caller) ->
                ex.json(200, service.ancestors(caller, idOrName(ex)).stream().map(this::dto).toList()));
        api.post("/api/sandbox/{sandboxIdOrName}/backup", write, (ex, caller) -> ex.json(200, dto(service.backup(caller, idOrName(ex)))));
        api.post("/api/sandbox/{sandboxIdOrName}/archive", write, (ex, caller) -> ex.json(200, dto(service.archive(caller, idOrName(ex)))));
        api.post("/api/sandbox/{sandboxIdOrName}/resize", write, (ex, caller) ->
                ex.json(200, dto(service.resize(caller, idOrName(ex), ex.optionalBody(ResizeSandbox.class).orElse(null)))));
        // Makes a snapshot, so it needs the snapshot permission; the sandbox itself only pauses for the commit.
        api.post("/api/sandbox/{sandboxIdOrName}/snapshot", Access.organization(Permission.WRITE_SNAPSHOTS), (ex, caller) ->
                ex.json(200, dto(service.snapshot(caller, idOrName(ex),
                        ex.optionalBody(io.daytona.model.sandbox.CreateSandboxSnapshot.class).orElse(null)))));
        api.post("/api/sandbox/{sandboxIdOrName}/recover", write, (ex, caller) -> {
            boolean skipStart = ex.query("skipStart").filter(v -> !v.isBlank()).map(v -> parseBoolean("skipStart", v)).orElse(false);
            ex.json(200, dto(service.recover(caller, idOrName(ex), skipStart)));
        });
        api.post("/api/admin/sandbox/{sandboxId}/recover", Access.systemAdmin(), (ex, caller) ->
                ex.json(200, dto(service.adminRecover(ex.pathParam("sandboxId")))));
        api.put("/api/sandbox/{sandboxIdOrName}/labels", write, (ex, caller) -> {
            SandboxLabels body = ex.body(SandboxLabels.class);
            ex.json(200, new SandboxLabels(service.replaceLabels(caller, idOrName(ex), body.labels())));
        });
        interval(api, "autostop", LifecycleInterval.AUTO_STOP);
        interval(api, "autoarchive", LifecycleInterval.AUTO_ARCHIVE);
        interval(api, "autodelete", LifecycleInterval.AUTO_DELETE);
        api.post("/api/sandbox/{sandboxIdOrName}/public/{isPublic}", write, (ex, caller) -> {
            boolean isPublic = parseBoolean("isPublic", ex.pathParam("isPublic"));
            ex.json(200, dto(service.setPublic(caller, idOrName(ex), isPublic)));
        });
        api.post("/api/sandbox/{sandboxIdOrName}/last-activity", write.audited("update"), (ex, caller) -> {
            service.refreshActivity(caller, idOrName(ex));
            ex.status(201);
        });
        api.post("/api/sandbox/{sandboxIdOrName}/network-settings", write, (ex, caller) ->
                ex.json(200, dto(service.updateNetwork(caller, idOrName(ex), ex.body(UpdateSandboxNetworkSettings.class)))));
        api.get("/api/sandbox/{sandboxIdOrName}/ports/{port}/preview-url", read, (ex, caller) -> {
            SandboxRecord sandbox = service.get(caller, idOrName(ex));
            int port = parseInt("port", ex.pathParam("port"));
            if (port < 1 || port > 65535) {
                throw ServiceException.badRequest("port must be from 1 to 65535, got %d", port);
            }
            ex.json(200, new PortPreviewUrl(sandbox.id(), service.previewUrl(sandbox, port), sandbox.authToken()));
        });
        api.get("/api/sandbox/{sandboxIdOrName}/toolbox-proxy-url", read, (ex, caller) -> {
            service.get(caller, idOrName(ex));
            ex.json(200, new ToolboxProxyUrl(service.toolboxProxyUrl()));
        });
    }

    /** {@code POST /api/sandbox/{idOrName}/{path}/{interval}}: sets one lifecycle interval, in minutes. */
    private void interval(ApiRoutes api, String path, LifecycleInterval interval) {
        api.post("/api/sandbox/{sandboxIdOrName}/" + path + "/{interval}", Access.organization(Permission.WRITE_SANDBOXES), (ex, caller) -> {
            String raw = ex.pathParam("interval");
            int minutes;
            try {
                minutes = Integer.parseInt(raw.strip());
            } catch (NumberFormatException e) {
                throw ServiceException.badRequest("%s must be an integer number of minutes, got '%s'", interval.wireName(), raw);
            }
            ex.json(200, dto(service.setInterval(caller, idOrName(ex), interval, minutes)));
        });
    }

    private void create(Exchange ex, Caller caller) throws Exception {
        CreateSandbox request = ex.optionalBody(CreateSandbox.class).orElse(CreateSandbox.builder().build());
        SandboxRecord created = service.create(caller, request);
        ex.request().setAttribute(AuditLog.TARGET_ID_ATTRIBUTE, created.id());
        ex.json(200, dto(created));
    }

    /** The cursor list: filters, an order that ends with the id, and a cursor that marks a place in it. */
    private void list(Exchange ex, Caller caller) throws Exception {
        int limit = limit(ex);
        SandboxListing.Filter filter = filter(ex, "regionIds");
        SandboxListing.Sort sort = sort(ex, SandboxListing.SortField.CURSOR_LIST);
        SandboxListing.Position after = ex.query("cursor").filter(c -> !c.isBlank())
                .map(cursor -> ListCursor.decode(json, cursor, sort))
                .orElse(null);
        SandboxListing.CursorPage page = SandboxListing.cursorPage(service.list(caller), filter, sort, after, limit);
        String next = page.next() == null ? null : ListCursor.encode(json, sort, page.next());
        ex.json(200, new ListSandboxesResponse(page.items().stream().map(this::dto).toList(), next));
    }

    /** The deprecated page list: the same filters, numbered pages and a total. */
    private void listPaginated(Exchange ex, Caller caller) throws Exception {
        int limit = limit(ex);
        int page = ex.query("page").filter(v -> !v.isBlank()).map(v -> parseInt("page", v)).orElse(1);
        if (page < 1) {
            throw ServiceException.badRequest("page must be at least 1, got %d", page);
        }
        SandboxListing.NumberedPage result = SandboxListing.numberedPage(service.list(caller), filter(ex, "regions"),
                sort(ex, SandboxListing.SortField.PAGE_LIST), page, limit);
        ex.json(200, new PaginatedSandboxes(result.items().stream().map(this::dto).toList(), result.total(), page, result.totalPages()));
    }

    private static int limit(Exchange ex) {
        int limit = ex.query("limit").filter(v -> !v.isBlank()).map(v -> parseInt("limit", v)).orElse(DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ServiceException.badRequest("limit must be between 1 and %d, got %d", MAX_LIMIT, limit);
        }
        return limit;
    }

    /**
     * The filters both lists share. Arrays come as repeated keys ({@code states=a&states=b}), with
     * {@code []} or comma-separated; {@code regionsParameter} is the list's name for regions.
     */
    private SandboxListing.Filter filter(Exchange ex, String regionsParameter) {
        Set<SandboxState> states = values(ex, "states").stream()
                .map(SandboxListing::parseState)
                .collect(Collectors.toUnmodifiableSet());
        return new SandboxListing.Filter(
                ex.query("id").orElse(""),
                ex.query("name").orElse(""),
                ex.query("labels").filter(v -> !v.isBlank()).map(this::parseLabels).orElse(Map.of()),
                states,
                Set.copyOf(values(ex, "snapshots")),
                Set.copyOf(values(ex, regionsParameter)),
                intRange(ex, "minCpu", "maxCpu"),
                intRange(ex, "minMemoryGiB", "maxMemoryGiB"),
                intRange(ex, "minDiskGiB", "maxDiskGiB"),
                optionalBoolean(ex, "isPublic"),
                optionalBoolean(ex, "isRecoverable"),
                timeRange(ex, "createdAtAfter", "createdAtBefore"),
                timeRange(ex, "lastEventAfter", "lastEventBefore"));
    }

    private static List<String> values(Exchange ex, String name) {
        return Stream.concat(ex.queryValues(name).stream(), ex.queryValues(name + "[]").stream())
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .toList();
    }

    private static SandboxListing.IntRange intRange(Exchange ex, String minName, String maxName) {
        int min = ex.query(minName).filter(v -> !v.isBlank()).map(v -> parseInt(minName, v)).orElse(Integer.MIN_VALUE);
        int max = ex.query(maxName).filter(v -> !v.isBlank()).map(v -> parseInt(maxName, v)).orElse(Integer.MAX_VALUE);
        if (min > max) {
            throw ServiceException.badRequest("%s (%d) must not be above %s (%d)", minName, min, maxName, max);
        }
        return new SandboxListing.IntRange(min, max);
    }

    private static SandboxListing.TimeRange timeRange(Exchange ex, String afterName, String beforeName) {
        return new SandboxListing.TimeRange(
                ex.query(afterName).filter(v -> !v.isBlank()).map(v -> parseInstant(afterName, v)).orElse(Instant.MIN),
                ex.query(beforeName).filter(v -> !v.isBlank()).map(v -> parseInstant(beforeName, v)).orElse(Instant.MAX));
    }

    private static Optional<Boolean> optionalBoolean(Exchange ex, String name) {
        return ex.query(name).filter(v -> !v.isBlank()).map(v -> parseBoolean(name, v));
    }

    private static Instant parseInstant(String name, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ServiceException.badRequest("%s must be an ISO-8601 date and time such as 2025-01-31T12:00:00Z, got '%s'", name, value);
        }
    }

    private static SandboxListing.Sort sort(Exchange ex, Set<SandboxListing.SortField> allowed) {
        SandboxListing.SortField field = ex.query("sort").filter(v -> !v.isBlank())
                .map(v -> SandboxListing.SortField.parse(v, allowed))
                .orElse(SandboxListing.SortField.CREATED_AT);
        SandboxListing.Direction direction = ex.query("order").filter(v -> !v.isBlank())
                .map(SandboxListing.Direction::parse)
                .orElse(SandboxListing.Direction.DESC);
        return new SandboxListing.Sort(field, direction);
    }

    private Map<String, String> parseLabels(String text) {
        try {
            return json.readValue(text, new TypeReference<Map<String, String>>() {});
        } catch (Exception e) {
            throw ServiceException.badRequest("labels must be a JSON object of strings, e.g. {\"env\":\"dev\"}; got %s", text);
        }
    }

    /**
     * Kept so that routes written before {@link ApiRoutes} still compile; OrganizationIsolationTest
     * flags any such route until it is registered with its {@link Access}.
     */
    @SuppressWarnings("unused")
    private Caller caller(Exchange ex) {
        return authenticator.authenticate(ex);
    }

    private static String idOrName(Exchange ex) {
        return ex.pathParam("sandboxIdOrName");
    }

    private Sandbox dto(SandboxRecord record) {
        return SandboxViews.toDto(record, service.toolboxProxyUrl(), service.volumesOf(record), service.buildInfoOf(record));
    }

    private static boolean parseBoolean(String name, String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw ServiceException.badRequest("%s must be true or false, got '%s'", name, value);
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ServiceException.badRequest("%s must be an integer, got '%s'", name, value);
        }
    }
}
