package io.daytona.model.region;

/** A regenerated key, shown this once. */
public record RegenerateApiKeyResponse(String apiKey) {}
