package io.daytona.sdk;

import java.util.List;
import java.util.Map;

/** The resource does not exist (HTTP 404), e.g. a sandbox that was deleted. */
public class DaytonaNotFoundException extends DaytonaException {
    private static final long serialVersionUID = 1L;

    /** Creates the failure with a message and no response details. */
    public DaytonaNotFoundException(String message) {
        super(message);
    }

    /**
     * Creates the failure with every detail; see
     * {@link DaytonaException#DaytonaException(String, int, String, Map, Throwable)}.
     */
    public DaytonaNotFoundException(
            String message, int statusCode, String errorCode, Map<String, List<String>> headers, Throwable cause) {
        super(message, statusCode, errorCode, headers, cause);
    }
}
