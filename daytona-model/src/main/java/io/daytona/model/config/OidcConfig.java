package io.daytona.model.config;

import static java.util.Objects.requireNonNull;

/** Where dashboards sign users in; empty strings when the server has no OIDC provider. */
public record OidcConfig(String issuer, String clientId, String audience) {
    public OidcConfig {
        requireNonNull(issuer, "issuer is null");
        requireNonNull(clientId, "clientId is null");
        requireNonNull(audience, "audience is null");
    }
}
