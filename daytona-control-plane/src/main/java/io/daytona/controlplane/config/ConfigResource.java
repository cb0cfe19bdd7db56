package io.daytona.controlplane.config;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.ratelimit.RateLimits;
import io.daytona.controlplane.sandbox.SandboxDefaults;
import io.daytona.model.config.DaytonaConfiguration;
import io.daytona.model.config.OidcConfig;
import io.daytona.model.config.RateLimitConfig;
import io.daytona.model.config.RateLimitEntry;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/config}: public, no credentials. What clients need to know about this server.
 * There is no OIDC provider, dashboard or announcement service, so those fields are empty.
 */
public final class ConfigResource {
    /** The deployment's name in {@code environment}. */
    static final String ENVIRONMENT = "self-hosted";

    private final DaytonaConfiguration configuration;

    public ConfigResource(String version, SandboxDefaults defaults) {
        this(version, defaults, RateLimits.none());
    }

    public ConfigResource(String version, SandboxDefaults defaults, RateLimits limits) {
        requireNonNull(version, "version is null");
        requireNonNull(defaults, "defaults is null");
        this.configuration = new DaytonaConfiguration(
                version,
                new OidcConfig("", "", ""),
                false,
                Map.of(),
                defaults.proxyTemplateUrl(),
                defaults.toolboxProxyUrl(),
                defaults.defaultSnapshot(),
                "",
                defaults.maxAutoArchiveInterval(),
                false,
                ENVIRONMENT,
                null,
                null,
                null,
                null,
                null,
                null,
                new RateLimitConfig(entry(limits.failedAuth()), entry(limits.authenticated()), entry(limits.sandboxCreate()),
                        entry(limits.sandboxLifecycle())));
    }

    private static RateLimitEntry entry(Optional<RateLimits.Limit> limit) {
        return limit.map(l -> new RateLimitEntry(l.ttlSeconds(), l.limit())).orElse(null);
    }

    public void register(io.daytona.controlplane.auth.ApiRoutes api) {
        api.get("/api/config", io.daytona.controlplane.auth.Access.anonymous(), (ex, caller) -> ex.json(200, configuration));
    }

    DaytonaConfiguration configuration() {
        return configuration;
    }
}
