package io.daytona.controlplane.sandbox;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.controlplane.auth.Authenticator;
import io.daytona.controlplane.auth.Caller;
import io.daytona.controlplane.auth.Permission;
import io.daytona.http.Exchange;
import io.daytona.http.Router;
import io.daytona.http.ServiceException;
import io.daytona.model.sandbox.CreateSandbox;
import io.daytona.model.sandbox.ListSandboxesResponse;
import io.daytona.model.sandbox.PortPreviewUrl;
import io.daytona.model.sandbox.Sandbox;
import io.daytona.model.sandbox.ToolboxProxyUrl;
import io.daytona.model.sandbox.UpdateSandboxNetworkSettings;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.nio.charset.StandardCharsets;

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

    public void register(Router router) {
        router.post("/api/sandbox", this::create);
        router.get("/api/sandbox", this::list);
        router.get("/api/sandbox/{sandboxIdOrName}", ex -> ex.json(200, dto(service.get(caller(ex), idOrName(ex)))));
        router.delete("/api/sandbox/{sandboxIdOrName}", ex -> {
            Caller caller = caller(ex);
            caller.require(Permission.DELETE_SANDBOXES);
            ex.json(200, dto(service.delete(caller, idOrName(ex))));
        });
        router.post("/api/sandbox/{sandboxIdOrName}/start", ex -> {
            Caller caller = caller(ex);
            caller.require(Permission.WRITE_SANDBOXES);
            ex.json(200, dto(service.start(caller, idOrName(ex))));
        });
        router.post("/api/sandbox/{sandboxIdOrName}/stop", ex -> {
            Caller caller = caller(ex);
            caller.require(Permission.WRITE_SANDBOXES);
            ex.json(200, dto(service.stop(caller, idOrName(ex))));
        });
        router.post("/api/sandbox/{sandboxIdOrName}/network-settings", ex -> {
            Caller caller = caller(ex);
            caller.require(Permission.WRITE_SANDBOXES);
            ex.json(200, dto(service.updateNetwork(caller, idOrName(ex), ex.body(UpdateSandboxNetworkSettings.class))));
        });
        router.get("/api/sandbox/{sandboxIdOrName}/ports/{port}/preview-url", ex -> {
            SandboxRecord sandbox = service.get(caller(ex), idOrName(ex));
            int port = parseInt("port", ex.pathParam("port"));
            if (port < 1 || port > 65535) {
                throw ServiceException.badRequest("port must be from 1 to 65535, got %d", port);
            }
            ex.json(200, new PortPreviewUrl(sandbox.id(), service.previewUrl(sandbox, port), sandbox.authToken()));
        });
        router.get("/api/sandbox/{sandboxIdOrName}/toolbox-proxy-url", ex -> {
            service.get(caller(ex), idOrName(ex));
            ex.json(200, new ToolboxProxyUrl(service.toolboxProxyUrl()));
        });
    }

    private void create(Exchange ex) throws Exception {
        Caller caller = caller(ex);
        caller.require(Permission.WRITE_SANDBOXES);
        CreateSandbox request = ex.optionalBody(CreateSandbox.class).orElse(CreateSandbox.builder().build());
        ex.json(200, dto(service.create(caller, request)));
    }

    private void list(Exchange ex) throws Exception {
        Caller caller = caller(ex);
        int limit = ex.query("limit").map(v -> parseInt("limit", v)).orElse(DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ServiceException.badRequest("limit must be between 1 and %d, got %d", MAX_LIMIT, limit);
        }
        int offset = ex.query("cursor").filter(c -> !c.isBlank()).map(SandboxResource::decodeCursor).orElse(0);
        Map<String, String> labels = ex.query("labels").map(this::parseLabels).orElse(Map.of());
        List<String> states = ex.queryValues("states");
        List<Sandbox> matching = service.list(caller).stream()
                .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
                .map(this::dto)
                .filter(s -> states.isEmpty() || states.contains(s.state().wireValue()))
                .toList();
        List<Sandbox> page = matching.subList(Math.min(offset, matching.size()), Math.min(offset + limit, matching.size()));
        String next = offset + limit < matching.size() ? encodeCursor(offset + limit) : null;
        ex.json(200, new ListSandboxesResponse(page, next));
    }

    private Map<String, String> parseLabels(String text) {
        try {
            return json.readValue(text, new TypeReference<Map<String, String>>() {});
        } catch (Exception e) {
            throw ServiceException.badRequest("labels must be a JSON object of strings, e.g. {\"env\":\"dev\"}; got %s", text);
        }
    }

    private Caller caller(Exchange ex) {
        return authenticator.authenticate(ex);
    }

    private static String idOrName(Exchange ex) {
        return ex.pathParam("sandboxIdOrName");
    }

    private Sandbox dto(SandboxRecord record) {
        return SandboxViews.toDto(record, service.toolboxProxyUrl());
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ServiceException.badRequest("%s must be an integer, got '%s'", name, value);
        }
    }

    private static String encodeCursor(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decodeCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!text.startsWith("o:")) {
                throw new IllegalArgumentException(text);
            }
            return Integer.parseInt(text.substring(2));
        } catch (IllegalArgumentException e) {
            throw ServiceException.badRequest("cursor '%s' is invalid; pass the nextCursor of a previous page", cursor);
        }
    }
}
