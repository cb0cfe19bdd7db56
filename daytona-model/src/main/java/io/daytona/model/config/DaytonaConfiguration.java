package io.daytona.model.config;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * The answer of the public {@code GET /api/config}: what clients and dashboards need to know about
 * the server. Only the fields the reference marks required; the optional ones (analytics, billing,
 * SSH gateway, rate limits) are left out because this server has none of them.
 *
 * @param version the server's version
 * @param oidc the sign-in provider
 * @param linkedAccountsEnabled whether users may link accounts of other providers
 * @param announcements messages to show, by key
 * @param proxyTemplateUrl preview URL template with {@code {{PORT}}} and {@code {{sandboxId}}} placeholders
 * @param proxyToolboxUrl the toolbox proxy's base URL
 * @param defaultSnapshot the snapshot of sandboxes created without one
 * @param dashboardUrl the dashboard's URL; empty when there is none
 * @param maxAutoArchiveInterval the longest auto-archive interval, in minutes
 * @param maintananceMode whether the server is in maintenance (the reference's spelling)
 * @param environment the deployment's name
 */
public record DaytonaConfiguration(
        String version,
        OidcConfig oidc,
        boolean linkedAccountsEnabled,
        Map<String, Announcement> announcements,
        String proxyTemplateUrl,
        String proxyToolboxUrl,
        String defaultSnapshot,
        String dashboardUrl,
        int maxAutoArchiveInterval,
        boolean maintananceMode,
        String environment) {

    public DaytonaConfiguration {
        requireNonNull(version, "version is null");
        requireNonNull(oidc, "oidc is null");
        announcements = Map.copyOf(announcements);
        requireNonNull(proxyTemplateUrl, "proxyTemplateUrl is null");
        requireNonNull(proxyToolboxUrl, "proxyToolboxUrl is null");
        requireNonNull(defaultSnapshot, "defaultSnapshot is null");
        requireNonNull(dashboardUrl, "dashboardUrl is null");
        requireNonNull(environment, "environment is null");
    }
}
