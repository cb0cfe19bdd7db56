package io.daytona.sdk;

import io.daytona.model.apikey.ApiKeyList;
import io.daytona.model.apikey.ApiKeyResponse;
import io.daytona.model.apikey.CreateApiKey;
import java.util.concurrent.CompletableFuture;

/** API keys through {@link DaytonaAsync}; each method mirrors {@link ApiKeyService}. */
public final class AsyncApiKeyService {
    private final ApiKeyService apiKeys;
    private final AsyncCalls calls;

    AsyncApiKeyService(ApiKeyService apiKeys, AsyncCalls calls) {
        this.apiKeys = apiKeys;
        this.calls = calls;
    }

    /**
     * The asynchronous {@link ApiKeyService#current()}.
     *
     * @return a future of the key this client calls with, its value masked
     */
    public CompletableFuture<ApiKeyList> current() {
        return calls.supply(apiKeys::current);
    }

    /**
     * The asynchronous {@link ApiKeyService#current(String)}.
     *
     * @param organizationId the organization to ask in
     * @return a future of the key, failing with {@link DaytonaForbiddenException} if it belongs to another organization
     */
    public CompletableFuture<ApiKeyList> current(String organizationId) {
        return calls.supply(() -> apiKeys.current(organizationId));
    }

    /**
     * The asynchronous {@link ApiKeyService#create(CreateApiKey)}.
     *
     * @param request its name, permissions and optional expiry
     * @return a future of the key with its value
     */
    public CompletableFuture<ApiKeyResponse> create(CreateApiKey request) {
        return calls.supply(() -> apiKeys.create(request));
    }

    /**
     * The asynchronous {@link ApiKeyService#create(CreateApiKey, String)}.
     *
     * @param request its name, permissions and optional expiry
     * @param organizationId the organization the new key belongs to
     * @return a future of the key with its value
     */
    public CompletableFuture<ApiKeyResponse> create(CreateApiKey request, String organizationId) {
        return calls.supply(() -> apiKeys.create(request, organizationId));
    }

    /**
     * The asynchronous {@link ApiKeyService#delete(String)}.
     *
     * @param name the key's name
     * @return a future completed when it is deleted
     */
    public CompletableFuture<Void> delete(String name) {
        return calls.run(() -> apiKeys.delete(name));
    }
}
