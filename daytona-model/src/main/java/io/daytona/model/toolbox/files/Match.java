package io.daytona.model.toolbox.files;

import static java.util.Objects.requireNonNull;

/**
 * One line that contains the pattern of {@code GET /files/find}.
 *
 * @param file the file's path, under the searched path as the caller spelled it
 * @param line the line number, counting from 1
 * @param content the whole line, without its line terminator
 */
public record Match(String file, int line, String content) {
    public Match {
        requireNonNull(file, "file is null");
        requireNonNull(content, "content is null");
    }
}
