package io.daytona.model.apikey;

import java.time.Instant;
import java.util.List;

/**
 * The body of {@code POST /api/api-keys}.
 *
 * @param name unique among the caller's keys in the organization
 * @param permissions what the key may do, e.g. {@code write:sandboxes}; at most what the caller's key may do
 * @param expiresAt when the key stops working; never when absent
 */
public record CreateApiKey(String name, List<String> permissions, Instant expiresAt) {}
