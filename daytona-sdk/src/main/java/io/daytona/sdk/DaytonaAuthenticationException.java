package io.daytona.sdk;

import java.util.List;
import java.util.Map;

/** The credentials were missing, invalid or expired (HTTP 401); check the API key or JWT. */
public class DaytonaAuthenticationException extends DaytonaException {
    private static final long serialVersionUID = 1L;

    /** Creates the failure with a message and no response details. */
    public DaytonaAuthenticationException(String message) {
        super(message);
    }

    /**
     * Creates the failure with every detail; see
     * {@link DaytonaException#DaytonaException(String, int, String, Map, Throwable)}.
     */
    public DaytonaAuthenticationException(
            String message, int statusCode, String errorCode, Map<String, List<String>> headers, Throwable cause) {
        super(message, statusCode, errorCode, headers, cause);
    }
}
