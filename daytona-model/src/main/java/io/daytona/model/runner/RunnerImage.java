package io.daytona.model.runner;

import java.util.List;

/** Runner API {@code GET /snapshots/inspect}: an image the runner's engine has, its size and its own entrypoint and command. */
public record RunnerImage(String image, long sizeBytes, List<String> command) {
    public RunnerImage {
        command = command == null ? List.of() : List.copyOf(command);
    }
}
