package io.daytona.sdk.internal;

import dev.failsafe.RetryPolicy;
import io.daytona.sdk.DaytonaConnectionException;
import io.daytona.sdk.DaytonaRateLimitException;
import io.daytona.sdk.internal.HttpTransport.HttpCall;
import io.daytona.sdk.internal.HttpTransport.RawBody;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * When a failed call is sent again: only where repeating it cannot do anything twice. A throttled
 * call (429) was not carried out, so it is repeated after the server's {@code Retry-After} whatever
 * its method; a broken connection is retried only for idempotent methods, since a create may have
 * reached the server. Streamed request bodies cannot be sent twice and are never retried.
 */
public final class Retries {
    /** Retries after the first attempt. */
    static final int MAX_RETRIES = 2;
    /** The longest {@code Retry-After} worth waiting for inside one call; longer ones go to the caller. */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

    private Retries() {}

    /**
     * The retry policy of {@code call}.
     *
     * @param call the call
     * @param <T> the type of the result
     * @return the policy: what is retried, how often and after which pause
     */
    public static <T> RetryPolicy<T> policyFor(HttpCall call) {
        boolean replayable = !(call.body() instanceof RawBody);
        boolean idempotent = IDEMPOTENT.contains(call.method());
        return RetryPolicy.<T>builder()
                .handleIf(failure -> replayable && (waitableThrottling(failure).isPresent()
                        || (idempotent && failure instanceof DaytonaConnectionException)))
                .withMaxRetries(MAX_RETRIES)
                .withDelayFn(context -> waitableThrottling(context.getLastException())
                        .orElseGet(() -> backoff(context.getAttemptCount())))
                .build();
    }

    private static Optional<Duration> waitableThrottling(Throwable failure) {
        if (failure instanceof DaytonaRateLimitException throttled) {
            return throttled.retryAfter().filter(delay -> delay.compareTo(MAX_RETRY_AFTER) <= 0);
        }
        return Optional.empty();
    }

    private static Duration backoff(int attempts) {
        long millis = FIRST_BACKOFF.toMillis() << Math.min(Math.max(attempts - 1, 0), 4);
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }
}
