package io.daytona.model.snapshot;

/** A URL answer, such as where a snapshot's build logs stream. */
public record Url(String url) {}
