package io.daytona.model.toolbox.files;

import java.util.List;

/** The answer of {@code GET /files/search}: the paths whose names match the pattern. */
public record SearchFilesResponse(List<String> files) {
    public SearchFilesResponse {
        files = files == null ? List.of() : List.copyOf(files);
    }
}
