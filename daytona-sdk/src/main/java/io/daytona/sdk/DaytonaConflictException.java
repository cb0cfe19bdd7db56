package io.daytona.sdk;

import java.util.List;
import java.util.Map;

/** The request conflicts with the current state (HTTP 409), e.g. a duplicate name or a state change in progress. */
public class DaytonaConflictException extends DaytonaException {
    private static final long serialVersionUID = 1L;

    /** Creates the failure with a message and no response details. */
    public DaytonaConflictException(String message) {
        super(message);
    }

    /**
     * Creates the failure with every detail; see
     * {@link DaytonaException#DaytonaException(String, int, String, Map, Throwable)}.
     */
    public DaytonaConflictException(
            String message, int statusCode, String errorCode, Map<String, List<String>> headers, Throwable cause) {
        super(message, statusCode, errorCode, headers, cause);
    }
}
