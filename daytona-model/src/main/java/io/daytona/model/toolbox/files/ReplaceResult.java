package io.daytona.model.toolbox.files;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The outcome of {@code POST /files/replace} for one file.
 *
 * @param file the file as the request named it
 * @param success whether the file was read and, if it contained the pattern, rewritten
 * @param error why it failed; omitted on success
 */
public record ReplaceResult(String file, boolean success, @JsonInclude(JsonInclude.Include.NON_NULL) String error) {
    public ReplaceResult {
        requireNonNull(file, "file is null");
    }

    public static ReplaceResult succeeded(String file) {
        return new ReplaceResult(file, true, null);
    }

    public static ReplaceResult failed(String file, String error) {
        return new ReplaceResult(file, false, requireNonNull(error, "error is null"));
    }
}
