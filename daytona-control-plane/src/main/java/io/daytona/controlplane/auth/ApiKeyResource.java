package io.daytona.controlplane.auth;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.audit.AuditLog;
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
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * {@code /api/api-keys}: the caller's own keys in the caller's organization. A key can only
 * create keys that may do at most what it may do itself.
 */
public final class ApiKeyResource {
    private final ApiKeyRepository keys;
    private final Authenticator authenticator;
    private final Clock clock;
    private final BiFunction<String, String, Optional<Set<Permission>>> memberPermissions;

    /**
     * @param memberPermissions what a user may do in an organization (by organization and user id),
     *     empty when the user is not a member
     */
    public ApiKeyResource(ApiKeyRepository keys, Authenticator authenticator, Clock clock,
                          BiFunction<String, String, Optional<Set<Permission>>> memberPermissions) {
        this.keys = requireNonNull(keys, "keys is null");
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.memberPermissions = requireNonNull(memberPermissions, "memberPermissions is null");
    }

    public void register(Router router) {
        ApiRoutes api = authenticator.routes(router);
        api.get("/api/api-keys", Access.organization(), (ex, caller) ->
                ex.json(200, keys.list(caller.organizationId(), caller.userId()).stream().map(ApiKeyResource::listed).toList()));
        api.post("/api/api-keys", Access.user(), this::create);
        api.get("/api/api-keys/current", Access.organization(), (ex, caller) -> ex.json(200, listed(find(caller, caller.keyName()))));
        api.get("/api/api-keys/{name}", Access.organization(), (ex, caller) -> ex.json(200, listed(find(caller, ex.pathParam("name")))));
        api.delete("/api/api-keys/{name}", Access.organization(), (ex, caller) -> {
            if (!keys.delete(caller.organizationId(), caller.userId(), ex.pathParam("name"))) {
                throw ServiceException.notFound("API key %s not found", ex.pathParam("name"));
            }
            ex.status(204);
        });
        api.delete("/api/api-keys/{userId}/{name}", Access.organization(), (ex, caller) -> {
            String userId = ex.pathParam("userId");
            if (!userId.equals(caller.userId()) && !caller.unrestricted()) {
                throw ServiceException.forbidden("Deleting another member's key needs a key with every permission (an owner's)");
            }
            if (!keys.delete(caller.organizationId(), userId, ex.pathParam("name"))) {
                throw ServiceException.notFound("API key %s of user %s not found", ex.pathParam("name"), userId);
            }
            ex.status(204);
        });
    }

    /**
     * Creates a key in the caller's organization, or, with {@value Authenticator#ORGANIZATION_HEADER},
     * in another organization the caller's user is a member of: how a user gets its first key in an
     * organization it joined. The new key may do at most what the calling key may do, and what the
     * user's role and assignments allow in the target organization.
     */
    private void create(Exchange ex, Caller caller) throws Exception {
        CreateApiKey request = ex.body(CreateApiKey.class);
        if (request.name() == null || request.name().isBlank() || request.name().length() > 255) {
            throw ServiceException.badRequest("name is required (1-255 characters)");
        }
        String organizationId = ex.header(Authenticator.ORGANIZATION_HEADER).map(String::strip).filter(v -> !v.isEmpty())
                .orElse(caller.organizationId());
        Set<Permission> allowed = EnumSet.noneOf(Permission.class);
        allowed.addAll(caller.permissions());
        if (!organizationId.equals(caller.organizationId())) {
            allowed.retainAll(memberPermissions.apply(organizationId, caller.userId()).orElseThrow(() -> ServiceException.forbidden(
                    "You are not a member of organization %s; accept an invitation to it first", organizationId)));
        }
        Set<Permission> permissions = permissions(request.permissions(), allowed);
        Instant now = clock.instant();
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            throw ServiceException.badRequest("expiresAt %s is not in the future", request.expiresAt());
        }
        if (keys.find(organizationId, caller.userId(), request.name()).isPresent()) {
            throw ServiceException.conflict("API key %s already exists; choose another name or delete it", request.name());
        }
        String value = ApiKeys.generate();
        keys.insert(organizationId, caller.userId(), request.name(), value, permissions, now, request.expiresAt());
        ex.request().setAttribute(AuditLog.TARGET_ID_ATTRIBUTE, request.name());
        ex.json(201, new ApiKeyResponse(request.name(), value, now, wire(permissions), request.expiresAt()));
    }

    private static Set<Permission> permissions(List<String> requested, Set<Permission> allowed) {
        if (requested == null) {
            throw ServiceException.badRequest("permissions is required: a list such as [\"write:sandboxes\"], possibly empty");
        }
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String name : requested) {
            Permission permission = Permission.fromWire(name).orElseThrow(() -> ServiceException.badRequest(
                    "unknown permission '%s'; known: %s", name, Arrays.stream(Permission.values()).map(Permission::wireValue).toList()));
            if (!allowed.contains(permission)) {
                throw ServiceException.forbidden("You cannot grant %s: the key you call with, or your role in the organization, lacks it",
                        permission.wireValue());
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
