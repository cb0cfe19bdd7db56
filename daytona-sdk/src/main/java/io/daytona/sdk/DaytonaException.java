package io.daytona.sdk;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The base of every failure the SDK reports. A failure the server answered carries its HTTP status,
 * its response headers and the machine-readable code of its error body; a client-side failure
 * (a dropped connection, a wait that timed out) has status 0.
 *
 * <p>Catch a subclass to react to one kind of failure, e.g. {@link DaytonaNotFoundException}.
 */
public class DaytonaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final String errorCode;
    @SuppressWarnings("serial") // an unmodifiable TreeMap of Lists, both serializable
    private final Map<String, List<String>> headers;

    /**
     * Creates a client-side failure: status 0, no code, no headers.
     *
     * @param message what went wrong, starting with {@code "Failed to ...: "}
     */
    public DaytonaException(String message) {
        this(message, 0, null, Map.of(), null);
    }

    /**
     * Creates a client-side failure caused by {@code cause}: status 0, no code, no headers.
     *
     * @param message what went wrong, starting with {@code "Failed to ...: "}
     * @param cause the underlying failure, or null
     */
    public DaytonaException(String message, Throwable cause) {
        this(message, 0, null, Map.of(), cause);
    }

    /**
     * Creates a failure with every detail.
     *
     * @param message the message, conventionally {@code "Failed to <operation>: <reason>"}
     * @param statusCode the HTTP status code, or 0 if no response was received
     * @param errorCode the machine-readable code of the error body, or null
     * @param headers the response headers; names are matched case-insensitively
     * @param cause the underlying failure, or null
     */
    public DaytonaException(
            String message, int statusCode, String errorCode, Map<String, List<String>> headers, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
        this.errorCode = errorCode;
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        }
        this.headers = Collections.unmodifiableMap(copy);
    }

    /** {@return the HTTP status code of the failed response, or 0 if no response was received} */
    public int statusCode() {
        return statusCode;
    }

    /**
     * Returns the machine-readable code of the error body (its {@code code}, {@code error_code} or
     * {@code error} field), e.g. {@code NOT_FOUND} or {@code Not Found}, if there was one.
     *
     * @return the machine-readable code of the error body (its {@code code}, {@code error_code} or {@code error} field), e.g. {@code NOT_FOUND} or {@code Not Found}, if there was one
     */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /** {@return the response headers, unmodifiable, with names matched case-insensitively; empty if none} */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * Tells whether the failure is transient: throttling (429), a gateway or availability error
     * (502, 503, 504) or a broken connection. Whether repeating the call is safe still depends on the
     * operation: a request that creates something may have reached the server before it failed.
     *
     * @return true if the failure is transient: throttling (429), a gateway or availability error (502, 503, 504) or a broken connection
     */
    public boolean isRetryable() {
        return statusCode == 429 || statusCode == 502 || statusCode == 503 || statusCode == 504;
    }
}
