package io.daytona.http;

/** Every error the platform answers with, its HTTP status and whose fault it is. */
public enum ErrorCode {
    BAD_REQUEST(400, "Bad Request", Category.USER),
    UNAUTHORIZED(401, "Unauthorized", Category.USER),
    FORBIDDEN(403, "Forbidden", Category.USER),
    NOT_FOUND(404, "Not Found", Category.USER),
    METHOD_NOT_ALLOWED(405, "Method Not Allowed", Category.USER),
    REQUEST_TIMEOUT(408, "Request Timeout", Category.USER),
    CONFLICT(409, "Conflict", Category.USER),
    GONE(410, "Gone", Category.USER),
    UNPROCESSABLE_ENTITY(422, "Unprocessable Entity", Category.USER),
    TOO_MANY_REQUESTS(429, "Too Many Requests", Category.USER),
    INTERNAL_SERVER_ERROR(500, "Internal Server Error", Category.INTERNAL),
    BAD_GATEWAY(502, "Bad Gateway", Category.INTERNAL),
    SERVICE_UNAVAILABLE(503, "Service Unavailable", Category.CAPACITY);

    /** Whose fault an error is: the caller's, ours, or a lack of capacity. */
    public enum Category { USER, INTERNAL, CAPACITY }

    private final int status;
    private final String reason;
    private final Category category;

    ErrorCode(int status, String reason, Category category) {
        this.status = status;
        this.reason = reason;
        this.category = category;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public Category category() {
        return category;
    }
}
