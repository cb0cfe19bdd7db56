package io.daytona.model.config;

/** One throttler as {@code GET /api/config} publishes it: at most {@code limit} requests per {@code ttl} seconds. */
public record RateLimitEntry(Integer ttl, Integer limit) {}
