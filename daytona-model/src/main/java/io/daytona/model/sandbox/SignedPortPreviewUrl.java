package io.daytona.model.sandbox;

/**
 * A preview URL that carries its own authorization: {@code {port}-{token}.{proxy domain}} opens
 * the port without headers until the token expires or is expired on purpose.
 *
 * @param sandboxId the sandbox
 * @param port the port it opens
 * @param token the token in the host name
 * @param url the URL to open
 */
public record SignedPortPreviewUrl(String sandboxId, int port, String token, String url) {}
