package io.daytona.model.runner;

/** Runner API {@code POST /snapshots/remove}: an image to remove from the runner's engine. */
public record ImageRemoval(String image) {}
