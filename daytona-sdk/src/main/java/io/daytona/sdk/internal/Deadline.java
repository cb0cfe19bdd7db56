package io.daytona.sdk.internal;

import java.time.Duration;
import java.util.Optional;

/** A point in time an operation must finish by, or none when the timeout is zero. Immutable. */
public final class Deadline {
    private final Duration timeout;
    private final long deadlineNanos;

    private Deadline(Duration timeout, long deadlineNanos) {
        this.timeout = timeout;
        this.deadlineNanos = deadlineNanos;
    }

    /**
     * Starts a deadline {@code timeout} from now; {@link Duration#ZERO} means no deadline.
     *
     * @param timeout how long it may take; {@link Duration#ZERO} for no limit
     * @return the deadline
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public static Deadline after(Duration timeout) {
        if (timeout == null) {
            throw new NullPointerException("timeout is null");
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative (zero means no timeout): " + timeout);
        }
        return new Deadline(timeout, System.nanoTime() + saturatedNanos(timeout));
    }

    /** {@return the timeout this deadline was started with} */
    public Duration timeout() {
        return timeout;
    }

    /** {@return true if the deadline is unbounded} */
    public boolean isUnbounded() {
        return timeout.isZero();
    }

    /** {@return true if the deadline has passed; never true for an unbounded deadline} */
    public boolean isExpired() {
        return !isUnbounded() && System.nanoTime() - deadlineNanos >= 0;
    }

    /** {@return the time left, at least zero; for an unbounded deadline, a very long duration} */
    public Duration remaining() {
        if (isUnbounded()) {
            return Duration.ofNanos(Long.MAX_VALUE);
        }
        long left = deadlineNanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    /** {@return the timeout of a request that must finish by this deadline (at least 1 ms), or empty if unbounded} */
    public Optional<Duration> requestTimeout() {
        if (isUnbounded()) {
            return Optional.empty();
        }
        Duration left = remaining();
        return Optional.of(left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left);
    }

    /**
     * Formats a duration for messages: {@code 60 s}, {@code 1500 ms}.
     *
     * @param duration the duration
     * @return e.g. {@code 60 s}
     */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 2;
        }
    }
}
