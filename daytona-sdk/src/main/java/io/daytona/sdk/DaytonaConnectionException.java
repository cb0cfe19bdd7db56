package io.daytona.sdk;

/**
 * The request did not get a response: the connection could not be opened or broke (status 0).
 * Such failures are {@linkplain #isRetryable() retryable}, but a request that creates something may
 * have reached the server before the connection broke.
 */
public class DaytonaConnectionException extends DaytonaException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure with the underlying I/O error.
     *
     * @param message what went wrong, starting with {@code "Failed to ...: "}
     * @param cause the underlying failure, or null
     */
    public DaytonaConnectionException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Always true: a connection failure is transient. */
    @Override
    public boolean isRetryable() {
        return true;
    }
}
