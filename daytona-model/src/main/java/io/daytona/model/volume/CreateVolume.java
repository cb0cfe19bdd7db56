package io.daytona.model.volume;

/** The body of {@code POST /api/volumes}. */
public record CreateVolume(String name) {}
