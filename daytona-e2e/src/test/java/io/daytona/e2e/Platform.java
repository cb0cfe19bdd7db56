package io.daytona.e2e;

import java.net.URI;

/**
 * The running platform a test talks to.
 *
 * @param apiUrl the API base, e.g. {@code http://localhost:41234/api}
 * @param proxyUrl the proxy base
 * @param adminKey an API key with every permission
 */
public record Platform(URI apiUrl, URI proxyUrl, String adminKey) {}
