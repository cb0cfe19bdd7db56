package io.daytona.controlplane.sandbox;

import static java.util.Objects.requireNonNull;

/**
 * Server-wide sandbox settings.
 *
 * @param defaultSnapshot the snapshot used when a request names none
 * @param defaultRegion the region sandboxes are placed in
 * @param toolboxProxyUrl the proxy's toolbox base URL, e.g. {@code http://localhost:4000/toolbox}
 * @param maxCpu the most CPU cores one sandbox may have
 * @param maxMemory the most memory (GiB) one sandbox may have
 * @param maxDisk the most disk (GiB) one sandbox may have
 * @param proxyProtocol {@code http} or {@code https}, for preview URLs
 * @param proxyDomain the proxy's host and port that preview hosts are made under, e.g. {@code localhost:4000}
 * @param maxAutoArchiveInterval the longest auto-archive interval in minutes; an interval of 0 means this one
 */
public record SandboxDefaults(
        String defaultSnapshot, String defaultRegion, String toolboxProxyUrl, int maxCpu, int maxMemory, int maxDisk,
        String proxyProtocol, String proxyDomain, int maxAutoArchiveInterval) {
    public static final int DEFAULT_CPU = 1;
    public static final int DEFAULT_MEMORY = 1;
    public static final int DEFAULT_DISK = 3;
    public static final String DEFAULT_USER = "daytona";
    public static final int DEFAULT_AUTO_STOP = 15;
    public static final int DEFAULT_AUTO_ARCHIVE = 7 * 24 * 60;
    public static final int DEFAULT_AUTO_DELETE = -1;
    /** 30 days in minutes, the reference's {@code MAX_AUTO_ARCHIVE_INTERVAL}. */
    public static final int DEFAULT_MAX_AUTO_ARCHIVE = 30 * 24 * 60;

    public SandboxDefaults {
        requireNonNull(defaultSnapshot, "defaultSnapshot is null");
        requireNonNull(defaultRegion, "defaultRegion is null");
        requireNonNull(toolboxProxyUrl, "toolboxProxyUrl is null");
        requireNonNull(proxyProtocol, "proxyProtocol is null");
        requireNonNull(proxyDomain, "proxyDomain is null");
        if (maxAutoArchiveInterval < 1) {
            throw new IllegalArgumentException("maxAutoArchiveInterval must be at least 1 minute, got " + maxAutoArchiveInterval);
        }
    }

    /** An auto-archive interval as stored: 0 means the maximum, and none is longer than the maximum. */
    public int resolveAutoArchiveInterval(int minutes) {
        return minutes == 0 ? maxAutoArchiveInterval : Math.min(minutes, maxAutoArchiveInterval);
    }

    /** The preview URL of a port: {@code {protocol}://{port}-{sandboxId}.{proxy domain}}. */
    public String previewUrl(int port, String sandboxId) {
        return "%s://%d-%s.%s".formatted(proxyProtocol, port, sandboxId, proxyDomain);
    }

    /** The preview URL with placeholders, as {@code GET /api/config} publishes it. */
    public String proxyTemplateUrl() {
        return "%s://{{PORT}}-{{sandboxId}}.%s".formatted(proxyProtocol, proxyDomain);
    }
}
