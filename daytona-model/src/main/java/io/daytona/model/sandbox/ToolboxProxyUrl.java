package io.daytona.model.sandbox;

/** The base URL of the toolbox proxy; a sandbox's toolbox lives at {@code url + "/" + sandboxId}. */
public record ToolboxProxyUrl(String url) {}
