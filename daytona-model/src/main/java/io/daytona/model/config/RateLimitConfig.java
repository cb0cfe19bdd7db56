package io.daytona.model.config;

/** The server's rate limits; a throttler that is off is null. */
public record RateLimitConfig(RateLimitEntry failedAuth, RateLimitEntry authenticated, RateLimitEntry sandboxCreate,
                              RateLimitEntry sandboxLifecycle) {}
