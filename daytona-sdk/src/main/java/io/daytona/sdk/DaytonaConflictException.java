package io.daytona.sdk;

import java.util.List;
import java.util.Map;

/** The request conflicts with the current state (HTTP 409), e.g. a duplicate name or a state change in progress. */
public class DaytonaConflictException extends DaytonaException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure with a message and no response details.
     *
     * @param message what went wrong, starting with {@code "Failed to ...: "}
     */
    public DaytonaConflictException(String message) {
        super(message);
    }

    /**
     * Creates the failure with every detail; see
     * {@link DaytonaException#DaytonaException(String, int, String, Map, Throwable)}.
     *
     * @param message what went wrong, starting with {@code "Failed to ...: "}
     * @param statusCode the HTTP status, or 0 if there was no response
     * @param errorCode the server's error code, e.g. {@code SANDBOX_NOT_FOUND}, or null
     * @param headers the response's headers; empty if there was no response
     * @param cause the underlying failure, or null
     */
    public DaytonaConflictException(
            String message, int statusCode, String errorCode, Map<String, List<String>> headers, Throwable cause) {
        super(message, statusCode, errorCode, headers, cause);
    }
}
