package io.daytona.model.config;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * The answer of the public {@code GET /api/config}: what clients and dashboards need to know about
 * the server. The optional analytics, billing and support fields are null: this server has none of them.
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
 * @param posthog analytics settings; null
 * @param pylonAppId the support widget's id; null
 * @param billingApiUrl null: no billing
 * @param analyticsApiUrl null: no analytics
 * @param sshGatewayCommand how to reach sandboxes over SSH, when a gateway runs
 * @param sshGatewayPublicKey the SSH gateway's host key, when a gateway runs
 * @param rateLimit the throttlers that are on
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
        String environment,
        Object posthog,
        String pylonAppId,
        String billingApiUrl,
        String analyticsApiUrl,
        String sshGatewayCommand,
        String sshGatewayPublicKey,
        RateLimitConfig rateLimit) {

    /** The required fields only. */
    public DaytonaConfiguration(String version, OidcConfig oidc, boolean linkedAccountsEnabled, Map<String, Announcement> announcements,
                                String proxyTemplateUrl, String proxyToolboxUrl, String defaultSnapshot, String dashboardUrl,
                                int maxAutoArchiveInterval, boolean maintananceMode, String environment) {
        this(version, oidc, linkedAccountsEnabled, announcements, proxyTemplateUrl, proxyToolboxUrl, defaultSnapshot, dashboardUrl,
                maxAutoArchiveInterval, maintananceMode, environment, null, null, null, null, null, null, null);
    }

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
