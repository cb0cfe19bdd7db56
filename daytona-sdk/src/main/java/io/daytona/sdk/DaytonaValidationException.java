package io.daytona.sdk;

import java.util.List;
import java.util.Map;

/** The server rejected the request as invalid (HTTP 400 or 422); the message says which field. */
public class DaytonaValidationException extends DaytonaException {
    private static final long serialVersionUID = 1L;

    /** Creates the failure with a message and no response details. */
    public DaytonaValidationException(String message) {
        super(message);
    }

    /**
     * Creates the failure with every detail; see
     * {@link DaytonaException#DaytonaException(String, int, String, Map, Throwable)}.
     */
    public DaytonaValidationException(
            String message, int statusCode, String errorCode, Map<String, List<String>> headers, Throwable cause) {
        super(message, statusCode, errorCode, headers, cause);
    }
}
