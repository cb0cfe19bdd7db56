package io.daytona.model.toolbox.git;

import java.util.List;

/**
 * The body of {@code POST /git/add}.
 *
 * @param path the repository
 * @param files the files to stage, relative to the repository; {@code "."} stages everything
 */
public record GitAddRequest(String path, List<String> files) {
    public GitAddRequest {
        files = files == null ? List.of() : List.copyOf(files);
    }
}
