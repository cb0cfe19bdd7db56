package io.daytona.sdk;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server throttled the caller (HTTP 429); retry after {@link #retryAfter()}.
 *
 * <pre>{@code
 * try {
 *     daytona.create();
 * } catch (DaytonaRateLimitException e) {
 *     Thread.sleep(e.retryAfter().orElse(Duration.ofSeconds(1)));
 * }
 * }</pre>
 */
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

    /**
     * Returns how long to wait before trying again: the {@code Retry-After} header, or the longest
     * of the per-throttler {@code Retry-After-<throttler>} headers (e.g. {@code Retry-After-sandbox-create}),
     * in seconds; empty if the server sent none.
     */
    public Optional<Duration> retryAfter() {
        return headers().entrySet().stream()
                .filter(header -> header.getKey().regionMatches(true, 0, "Retry-After", 0, "Retry-After".length()))
                .flatMap(header -> header.getValue().stream())
                .flatMap(value -> seconds(value).stream())
                .max(Long::compare)
                .map(Duration::ofSeconds);
    }

    /**
     * Returns the throttler that refused the call ({@code authenticated}, {@code sandbox-create},
     * {@code sandbox-lifecycle}, {@code failed-auth} or {@code anonymous}), from its
     * {@code Retry-After-<throttler>} header, if the server named one.
     */
    public Optional<String> throttler() {
        return headers().keySet().stream()
                .filter(name -> name.length() > "Retry-After-".length()
                        && name.regionMatches(true, 0, "Retry-After-", 0, "Retry-After-".length()))
                .map(name -> name.substring("Retry-After-".length()).toLowerCase(java.util.Locale.ROOT))
                .findFirst();
    }

    private static Optional<Long> seconds(String value) {
        try {
            return Optional.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
