package io.daytona.sdk;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The server throttled the caller (HTTP 429); retry after a pause. */
public class DaytonaRateLimitException extends DaytonaException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure with a message and no response details.
     *
     * @param message what went wrong, starting with {@code "Failed to ...: "}
     */
    public DaytonaRateLimitException(String message) {
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
    public DaytonaRateLimitException(
            String message, int statusCode, String errorCode, Map<String, List<String>> headers, Throwable cause) {
        super(message, statusCode, errorCode, headers, cause);
    }

    /**
     * Returns how long the server asked to wait, from its {@code Retry-After} header (seconds or an
     * HTTP date), if it sent one; the {@code X-RateLimit-Reset} header (seconds) otherwise.
     *
     * @return how long the server asked to wait, from its {@code Retry-After} header (seconds or an HTTP date), if it sent one
     */
    public Optional<Duration> retryAfter() {
        return header("Retry-After").flatMap(DaytonaRateLimitException::parseDelay)
                .or(() -> header("X-RateLimit-Reset").flatMap(DaytonaRateLimitException::parseSeconds));
    }

    /**
     * Returns the throttler that refused the call ({@code authenticated}, {@code sandbox-create},
     * {@code sandbox-lifecycle}, {@code failed-auth} or {@code anonymous}), from its
     * {@code Retry-After-<throttler>} header, if the server named one.
     *
     * @return the throttler that refused the call ({@code authenticated}, {@code sandbox-create}, {@code sandbox-lifecycle}, {@code failed-auth} or {@code anonymous}), from its {@code Retry-After-<throttler>} header, if the server named one
     */
    public Optional<String> throttler() {
        return headers().keySet().stream()
                .filter(name -> name.length() > "Retry-After-".length()
                        && name.regionMatches(true, 0, "Retry-After-", 0, "Retry-After-".length()))
                .map(name -> name.substring("Retry-After-".length()).toLowerCase(java.util.Locale.ROOT))
                .findFirst();
    }

    private Optional<String> header(String name) {
        List<String> values = headers().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst().strip());
    }

    private static Optional<Duration> parseDelay(String value) {
        Optional<Duration> seconds = parseSeconds(value);
        if (seconds.isPresent()) {
            return seconds;
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration delay = Duration.between(Instant.now(), at);
            return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> parseSeconds(String value) {
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
