package io.daytona.http;

import static java.util.Objects.requireNonNull;

/**
 * The one exception that ends a request with an error. Its message goes to the caller as is,
 * so it must say what was wrong and how to fix it.
 */
public final class ServiceException extends RuntimeException {
    private final ErrorCode code;
    @SuppressWarnings("serial") // a LinkedHashMap of Strings
    private final java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();

    public ServiceException(ErrorCode code, String message) {
        super(requireNonNull(message, "message is null"));
        this.code = requireNonNull(code, "code is null");
    }

    public ServiceException(ErrorCode code, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.code = requireNonNull(code, "code is null");
    }

    public ErrorCode code() {
        return code;
    }

    /** Adds a header to the error response (e.g. {@code Retry-After} on a 429); returns this exception. */
    public ServiceException withHeader(String name, String value) {
        headers.put(requireNonNull(name, "name is null"), requireNonNull(value, "value is null"));
        return this;
    }

    /** The headers the error response carries besides the standard ones. */
    public java.util.Map<String, String> headers() {
        return java.util.Collections.unmodifiableMap(headers);
    }

    public static ServiceException badRequest(String format, Object... args) {
        return new ServiceException(ErrorCode.BAD_REQUEST, format.formatted(args));
    }

    public static ServiceException notFound(String format, Object... args) {
        return new ServiceException(ErrorCode.NOT_FOUND, format.formatted(args));
    }

    public static ServiceException conflict(String format, Object... args) {
        return new ServiceException(ErrorCode.CONFLICT, format.formatted(args));
    }

    public static ServiceException unauthorized(String format, Object... args) {
        return new ServiceException(ErrorCode.UNAUTHORIZED, format.formatted(args));
    }

    public static ServiceException forbidden(String format, Object... args) {
        return new ServiceException(ErrorCode.FORBIDDEN, format.formatted(args));
    }
}
