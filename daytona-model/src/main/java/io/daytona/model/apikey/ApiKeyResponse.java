package io.daytona.model.apikey;

import java.time.Instant;
import java.util.List;

/** A new API key, with its value: the only time the value is shown. */
public record ApiKeyResponse(String name, String value, Instant createdAt, List<String> permissions, Instant expiresAt) {
    public ApiKeyResponse {
        permissions = List.copyOf(permissions);
    }
}
