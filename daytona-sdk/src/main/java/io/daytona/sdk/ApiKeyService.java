package io.daytona.sdk;

import io.daytona.model.apikey.ApiKeyList;
import io.daytona.model.apikey.ApiKeyResponse;
import io.daytona.model.apikey.CreateApiKey;
import io.daytona.sdk.internal.HttpTransport;
import io.daytona.sdk.internal.HttpTransport.HttpCall;
import io.daytona.sdk.internal.Urls;
import java.net.URI;
import java.util.Objects;

/**
 * The API keys of the key's user ({@code daytona.apiKey()}): the current key, new keys (also in
 * another organization of the user) and their deletion.
 *
 * <p>The official Python and TypeScript SDKs have no such service; the Daytona CLI uses it to
 * switch organizations ({@code daytona organization use}).
 */
public final class ApiKeyService {
    /** The header naming the organization a request acts in. */
    public static final String ORGANIZATION_HEADER = "X-Daytona-Organization-ID";

    private final HttpTransport transport;
    private final String apiUrl;

    ApiKeyService(HttpTransport transport, String apiUrl) {
        this.transport = Objects.requireNonNull(transport, "transport is null");
        this.apiUrl = Objects.requireNonNull(apiUrl, "apiUrl is null");
    }

    /** {@return the key this client calls with, its value masked ({@code GET /api-keys/current})} */
    public ApiKeyList current() {
        return transport.send(HttpCall.get("get current API key", api("/api-keys/current")), ApiKeyList.class);
    }

    /**
     * Returns the key this client calls with, asked in {@code organizationId}
     * ({@code GET /api-keys/current} with {@value #ORGANIZATION_HEADER}): answers only when the key
     * belongs to that organization, which tells a key's organization.
     *
     * @param organizationId the organization to ask in
     * @return the key, its value masked
     * @throws DaytonaForbiddenException if the key belongs to another organization
     */
    public ApiKeyList current(String organizationId) {
        Objects.requireNonNull(organizationId, "organizationId is null");
        return transport.send(HttpCall.get("get current API key", api("/api-keys/current"))
                .withHeader(ORGANIZATION_HEADER, organizationId), ApiKeyList.class);
    }

    /**
     * Creates a key in this client's organization ({@code POST /api-keys}).
     *
     * @param request its name, permissions (at most the calling key's) and optional expiry
     * @return the key with its value, shown only this once
     * @throws DaytonaForbiddenException if a permission is one the calling key lacks
     * @throws DaytonaConflictException if the user has a key of that name there
     */
    public ApiKeyResponse create(CreateApiKey request) {
        Objects.requireNonNull(request, "request is null");
        return transport.send(HttpCall.post("create API key", api("/api-keys"), request), ApiKeyResponse.class);
    }

    /**
     * Creates a key in another organization the key's user is a member of ({@code POST /api-keys}
     * with {@value #ORGANIZATION_HEADER}); it may do at most what the calling key may do and what
     * the user's role allows there.
     *
     * @param request its name, permissions and optional expiry
     * @param organizationId the organization the new key belongs to
     * @return the key with its value, shown only this once
     * @throws DaytonaForbiddenException if the user is not a member there, or a permission is not allowed
     */
    public ApiKeyResponse create(CreateApiKey request, String organizationId) {
        Objects.requireNonNull(request, "request is null");
        Objects.requireNonNull(organizationId, "organizationId is null");
        return transport.send(HttpCall.post("create API key", api("/api-keys"), request)
                .withHeader(ORGANIZATION_HEADER, organizationId), ApiKeyResponse.class);
    }

    /**
     * Deletes one of the user's keys in this client's organization ({@code DELETE /api-keys/{name}});
     * a key may delete itself.
     *
     * @param name the key's name
     * @throws DaytonaNotFoundException if there is no such key
     */
    public void delete(String name) {
        Objects.requireNonNull(name, "name is null");
        transport.send(HttpCall.delete("delete API key", api("/api-keys/" + Urls.segment(name))), Void.class);
    }

    private URI api(String path) {
        return URI.create(apiUrl + path);
    }
}
