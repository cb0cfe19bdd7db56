package io.daytona.model.toolbox.files;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * The answer of a {@code POST /files/bulk-upload} in which some files failed: the standard error
 * body (see {@code ErrorResponse}) plus the upstream daemon's {@code errors} and {@code files}, so
 * clients of either shape find what they read.
 *
 * @param statusCode the HTTP status code
 * @param message every failure, joined
 * @param error the reason phrase of the status code
 * @param code a machine-readable code, e.g. {@code BAD_REQUEST}
 * @param path the request path
 * @param method the request method
 * @param timestamp when the upload ended
 * @param errors one message per failed part
 * @param files the files that were written despite the failures
 */
public record UploadFilesErrorResponse(
        int statusCode,
        String message,
        String error,
        String code,
        String path,
        String method,
        Instant timestamp,
        List<String> errors,
        List<UploadedFile> files) {
    public UploadFilesErrorResponse {
        requireNonNull(message, "message is null");
        requireNonNull(timestamp, "timestamp is null");
        errors = List.copyOf(errors);
        files = List.copyOf(files);
    }
}
