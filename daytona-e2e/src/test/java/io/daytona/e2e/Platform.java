package io.daytona.e2e;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The running platform a test talks to.
 *
 * @param apiUrl the API base, e.g. {@code http://localhost:41234/api}
 * @param proxyUrl the proxy base
 * @param adminKey an API key with every permission
 * @param dataDirectory the server's data directory, when the test run started the server in this JVM
 */
public record Platform(URI apiUrl, URI proxyUrl, String adminKey, Optional<Path> dataDirectory) {
    public Platform(URI apiUrl, URI proxyUrl, String adminKey) {
        this(apiUrl, proxyUrl, adminKey, Optional.empty());
    }
}
