package io.daytona.sdk;

import java.util.List;
import java.util.Map;

/** The server throttled the caller (HTTP 429); retry after a pause. */
public class DaytonaRateLimitException extends DaytonaException {
    private static final long serialVersionUID = 1L;

    /** Creates the failure with a message and no response details. */
    public DaytonaRateLimitException(String message) {
        super(message);
    }

    /**
     * Creates the failure with every detail; see
     * {@link DaytonaException#DaytonaException(String, int, String, Map, Throwable)}.
     */
    public DaytonaRateLimitException(
            String message, int statusCode, String errorCode, Map<String, List<String>> headers, Throwable cause) {
        super(message, statusCode, errorCode, headers, cause);
    }
}
