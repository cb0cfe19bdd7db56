package io.daytona.controlplane.registry;

import java.util.Locale;

/** The registry host of a registry url or an image name, compared to pick an image's credentials. */
public final class RegistryHosts {
    /** Where images without a registry host come from, as the engines do. */
    static final String DOCKER_HUB = "docker.io";

    private RegistryHosts() {}

    /** {@code https://Registry.example.com:5000/team} → {@code registry.example.com:5000}. */
    static String ofUrl(String url) {
        String rest = url.strip().replaceFirst("(?i)^[a-z][a-z0-9+.-]*://", "");
        int slash = rest.indexOf('/');
        String host = (slash < 0 ? rest : rest.substring(0, slash)).toLowerCase(Locale.ROOT);
        return normalized(host);
    }

    /**
     * The registry an image is pulled from: its first path component when that looks like a host
     * (has a dot or a port, or is localhost), else Docker Hub.
     */
    static String ofImage(String image) {
        int slash = image.indexOf('/');
        if (slash < 0) {
            return DOCKER_HUB;
        }
        String first = image.substring(0, slash).toLowerCase(Locale.ROOT);
        boolean host = first.contains(".") || first.contains(":") || first.equals("localhost");
        return host ? normalized(first) : DOCKER_HUB;
    }

    /**
     * Whether an image is named with the host of a registry other than this machine
     * ({@code registry.example.com/team/app:1}, not {@code localhost/app:1} nor {@code app:1}).
     * Such a registry decides who may read the image, so its pulls are never skipped.
     */
    public static boolean namesRemoteRegistry(String image) {
        int slash = image.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String first = image.substring(0, slash).toLowerCase(Locale.ROOT);
        return (first.contains(".") || first.contains(":")) && !first.equals("localhost") && !first.startsWith("localhost:");
    }

    private static String normalized(String host) {
        return switch (host) {
            case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com" -> DOCKER_HUB;
            default -> host;
        };
    }
}
