package io.daytona.model.region;

/** A registered runner and its key, shown this once: give it to the runner with {@code --token}. */
public record CreateRunnerResponse(String id, String apiKey) {}
