package io.daytona.model.sandbox;

/**
 * Where a port of a sandbox is previewed, and the token that opens it when the sandbox is private
 * (sent as the {@code X-Daytona-Preview-Token} header).
 */
public record PortPreviewUrl(String sandboxId, String url, String token) {}
