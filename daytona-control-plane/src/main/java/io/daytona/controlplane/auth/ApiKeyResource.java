package io.daytona.controlplane.auth;

import static java.util.Objects.requireNonNull;

import io.daytona.http.Exchange;
import io.daytona.http.Router;
import io.daytona.http.ServiceException;
import io.daytona.model.apikey.ApiKeyList;
import io.daytona.model.apikey.ApiKeyResponse;
import io.daytona.model.apikey.CreateApiKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/api-keys}: the caller's own keys in the caller's organization. A key can only
 * create keys that may do at most what it may do itself.
 */
public final class ApiKeyResource {
    private final ApiKeyRepository keys;
    private final Authenticator authenticator;
    private final Clock clock;

    public ApiKeyResource(ApiKeyRepository keys, Authenticator authenticator, Clock clock) {
        this.keys = requireNonNull(keys, "keys is null");
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public void register(Router router) {
        router.get("/api/api-keys", ex -> {
            Caller caller = authenticator.authenticate(ex);
            ex.json(200, keys.list(caller.organizationId(), caller.userId()).stream().map(ApiKeyResource::listed).toList());
        });
        router.post("/api/api-keys", this::create);
        router.get("/api/api-keys/current", ex -> {
            Caller caller = authenticator.authenticate(ex);
            ex.json(200, listed(find(caller, caller.keyName())));
        });
        router.get("/api/api-keys/{name}", ex -> {
            Caller caller = authenticator.authenticate(ex);
            ex.json(200, listed(find(caller, ex.pathParam("name"))));
        });
        router.delete("/api/api-keys/{name}", ex -> {
            Caller caller = authenticator.authenticate(ex);
            if (!keys.delete(caller.organizationId(), caller.userId(), ex.pathParam("name"))) {
                throw ServiceException.notFound("API key %s not found", ex.pathParam("name"));
            }
            ex.status(204);
        });
    }

    private void create(Exchange ex) throws Exception {
        Caller caller = authenticator.authenticate(ex);
        CreateApiKey request = ex.body(CreateApiKey.class);
        if (request.name() == null || request.name().isBlank() || request.name().length() > 255) {
            throw ServiceException.badRequest("name is required (1-255 characters)");
        }
        Set<Permission> permissions = permissions(request.permissions(), caller);
        Instant now = clock.instant();
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            throw ServiceException.badRequest("expiresAt %s is not in the future", request.expiresAt());
        }
        if (keys.find(caller.organizationId(), caller.userId(), request.name()).isPresent()) {
            throw ServiceException.conflict("API key %s already exists; choose another name or delete it", request.name());
        }
        String value = ApiKeys.generate();
        keys.insert(caller.organizationId(), caller.userId(), request.name(), value, permissions, now, request.expiresAt());
        ex.json(201, new ApiKeyResponse(request.name(), value, now, wire(permissions), request.expiresAt()));
    }

    private static Set<Permission> permissions(List<String> requested, Caller caller) {
        if (requested == null) {
            throw ServiceException.badRequest("permissions is required: a list such as [\"write:sandboxes\"], possibly empty");
        }
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String name : requested) {
            Permission permission = Permission.fromWire(name).orElseThrow(() -> ServiceException.badRequest(
                    "unknown permission '%s'; known: %s", name, Arrays.stream(Permission.values()).map(Permission::wireValue).toList()));
            if (!caller.permissions().contains(permission)) {
                throw ServiceException.forbidden("You cannot grant %s: the key you call with lacks it", permission.wireValue());
            }
            permissions.add(permission);
        }
        return permissions;
    }

    private ApiKeyRepository.StoredKey find(Caller caller, String name) {
        return keys.find(caller.organizationId(), caller.userId(), name)
                .orElseThrow(() -> ServiceException.notFound("API key %s not found", name));
    }

    private static ApiKeyList listed(ApiKeyRepository.StoredKey key) {
        return new ApiKeyList(key.name(), key.prefix() + "*".repeat(20) + key.suffix(), key.createdAt(), wire(key.permissions()),
                key.lastUsedAt(), key.expiresAt(), key.userId());
    }

    private static List<String> wire(Set<Permission> permissions) {
        return permissions.stream().map(Permission::wireValue).sorted().toList();
    }
}
