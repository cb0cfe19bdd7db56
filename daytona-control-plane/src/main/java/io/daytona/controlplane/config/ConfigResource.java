package io.daytona.controlplane.config;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.sandbox.SandboxDefaults;
import io.daytona.http.Router;
import io.daytona.model.config.DaytonaConfiguration;
import io.daytona.model.config.OidcConfig;
import java.util.Map;

/**
 * {@code GET /api/config}: public, no credentials. What clients need to know about this server.
 * There is no OIDC provider, dashboard or announcement service, so those fields are empty.
 */
public final class ConfigResource {
    /** The deployment's name in {@code environment}. */
    static final String ENVIRONMENT = "self-hosted";

    private final DaytonaConfiguration configuration;

    public ConfigResource(String version, SandboxDefaults defaults) {
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
                ENVIRONMENT);
    }

    public void register(Router router) {
        router.get("/api/config", ex -> ex.json(200, configuration));
    }

    DaytonaConfiguration configuration() {
        return configuration;
    }
}
