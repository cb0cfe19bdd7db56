package io.daytona.model.toolbox.files;

import java.util.List;

/**
 * The body of {@code POST /files/replace}.
 *
 * @param files the files to edit
 * @param pattern the literal text to replace; not a regular expression
 * @param newValue what replaces every occurrence; absent means the empty string
 */
public record ReplaceRequest(List<String> files, String pattern, String newValue) {
    public ReplaceRequest {
        files = files == null ? List.of() : List.copyOf(files);
        newValue = newValue == null ? "" : newValue;
    }
}
