package io.daytona.model.error;

import java.time.Instant;

/**
 * The error body of every failed request: {@code statusCode, message, error, path, timestamp}
 * as the control plane sends it, plus {@code code} and {@code method} as the toolbox sends it.
 * Clients of either side read the fields they know and ignore the others.
 *
 * @param statusCode the HTTP status code
 * @param message what went wrong and, where possible, how to fix it
 * @param error the reason phrase of the status code, e.g. {@code Not Found}
 * @param code a machine-readable code, e.g. {@code NOT_FOUND} or {@code REQUEST_TIMEOUT}
 * @param path the request path
 * @param method the request method
 * @param timestamp when the error happened
 */
public record ErrorResponse(
        int statusCode,
        String message,
        String error,
        String code,
        String path,
        String method,
        Instant timestamp) {}
