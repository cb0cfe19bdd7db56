package io.daytona.sdk.internal;

import java.time.Duration;

/**
 * Polling intervals that start small and grow geometrically up to a cap. Not thread-safe: use one
 * instance per wait.
 */
public final class Backoff {
    private final double factor;
    private final long maxMillis;
    private double nextMillis;

    /**
     * Creates intervals starting at {@code initial}, multiplied by {@code factor} each time, capped at {@code max}.
     *
     * @param initial the first interval
     * @param factor what each interval is multiplied by to give the next, at least 1
     * @param max the longest interval
     */
    public Backoff(Duration initial, double factor, Duration max) {
        if (initial.isNegative() || initial.isZero() || factor < 1 || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException(
                    "invalid backoff: initial=" + initial + ", factor=" + factor + ", max=" + max);
        }
        this.nextMillis = initial.toMillis();
        this.factor = factor;
        this.maxMillis = max.toMillis();
    }

    /**
     * The intervals of sandbox state polling: 100 ms, growing by 10% per poll, up to 1 s.
     *
     * @return a new backoff
     */
    public static Backoff sandboxPolling() {
        return new Backoff(Duration.ofMillis(100), 1.1, Duration.ofSeconds(1));
    }

    /** {@return the next interval} */
    public Duration next() {
        long current = Math.round(nextMillis);
        nextMillis = Math.min(nextMillis * factor, maxMillis);
        return Duration.ofMillis(current);
    }
}
