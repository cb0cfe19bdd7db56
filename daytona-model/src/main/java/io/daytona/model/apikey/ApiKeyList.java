package io.daytona.model.apikey;

import java.time.Instant;
import java.util.List;

/**
 * An API key as listed: its value masked to its first and last three characters.
 * {@code lastUsedAt} and {@code expiresAt} are always present, null when not set.
 */
public record ApiKeyList(String name, String value, Instant createdAt, List<String> permissions, Instant lastUsedAt,
                         Instant expiresAt, String userId) {
    public ApiKeyList {
        permissions = List.copyOf(permissions);
    }
}
