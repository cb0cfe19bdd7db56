package io.daytona.controlplane.ratelimit;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.auth.Caller;
import io.daytona.http.ErrorCode;
import io.daytona.http.Exchange;
import io.daytona.http.ServiceException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The reference's throttlers on Bucket4j token buckets: {@code anonymous} (per client address, on
 * routes without credentials), {@code failed-auth} (per client address, counts 401s and refuses
 * further attempts once spent), {@code authenticated} (per organization, every other route),
 * {@code sandbox-create} ({@code POST /api/sandbox}) and {@code sandbox-lifecycle} (start, stop,
 * archive, delete), both per organization. System administrators are not throttled. Each answer carries
 * {@code X-RateLimit-{Limit,Remaining,Reset}-<throttler>}; a refusal is a 429 with {@code Retry-After}.
 */
public final class RateLimiter {
    /** Beyond this many tracked keys the buckets are dropped, so a flood of addresses cannot exhaust memory. */
    private static final int MAX_TRACKED = 100_000;

    /** Which throttler a route counts against. */
    public enum Throttle {
        AUTHENTICATED("authenticated"),
        SANDBOX_CREATE("sandbox-create"),
        SANDBOX_LIFECYCLE("sandbox-lifecycle");

        private final String wireName;

        Throttle(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        /** The docs' classes: creation is {@code POST /api/sandbox}; lifecycle is start, stop, archive and delete. */
        public static Throttle of(String method, String template) {
            if (method.equals("POST") && template.equals("/api/sandbox")) {
                return SANDBOX_CREATE;
            }
            if ((method.equals("DELETE") && template.equals("/api/sandbox/{sandboxIdOrName}"))
                    || (method.equals("POST") && template.matches("/api/sandbox/\\{sandboxIdOrName}/(start|stop|archive)"))) {
                return SANDBOX_LIFECYCLE;
            }
            return AUTHENTICATED;
        }
    }

    private final RateLimits limits;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(RateLimits limits) {
        this.limits = requireNonNull(limits, "limits is null");
    }

    public static RateLimiter disabled() {
        return new RateLimiter(RateLimits.none());
    }

    public RateLimits limits() {
        return limits;
    }

    public void anonymous(Exchange ex) {
        limits.anonymous().ifPresent(limit -> consume(ex, "anonymous", client(ex), limit));
    }

    /** Refuses a client whose failed authentications used up its allowance, before it tries again. */
    public void beforeAuthentication(Exchange ex) {
        limits.failedAuth().ifPresent(limit -> {
            Bucket bucket = bucket("failed-auth", client(ex), limit);
            if (bucket.getAvailableTokens() <= 0) {
                long wait = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
                throw tooMany("failed-auth", limit, 0, wait);
            }
        });
    }

    public void failedAuthentication(Exchange ex) {
        limits.failedAuth().ifPresent(limit -> bucket("failed-auth", client(ex), limit).tryConsume(1));
    }

    /** Counts a request of an authenticated caller; the server's administrators are not throttled. */
    public void authenticated(Exchange ex, Caller caller, Throttle throttle) {
        if (caller.systemAdmin()) {
            return;
        }
        Caller.OrganizationRateLimits own = caller.rateLimits();
        Optional<RateLimits.Limit> limit = switch (throttle) {
            case AUTHENTICATED -> override(limits.authenticated(), own.authenticated(), own.authenticatedTtl());
            case SANDBOX_CREATE -> override(limits.sandboxCreate(), own.sandboxCreate(), own.sandboxCreateTtl());
            case SANDBOX_LIFECYCLE -> override(limits.sandboxLifecycle(), own.sandboxLifecycle(), own.sandboxLifecycleTtl());
        };
        // The bucket is keyed by its limit too, so that a changed organization limit takes effect at once.
        limit.ifPresent(l -> consume(ex, throttle.wireName(), caller.organizationId() + "|" + l.limit() + "/" + l.ttlSeconds(), l));
    }

    /**
     * An organization's own limit replaces the server's (a throttler the server leaves off stays off):
     * its request count, and its TTL when set.
     */
    private static Optional<RateLimits.Limit> override(Optional<RateLimits.Limit> server, Integer limit, Integer ttl) {
        return server.map(s -> new RateLimits.Limit(ttl == null || ttl < 1 ? s.ttlSeconds() : ttl,
                limit == null || limit < 1 ? s.limit() : limit));
    }

    private void consume(Exchange ex, String throttler, String key, RateLimits.Limit limit) {
        ConsumptionProbe probe = bucket(throttler, key, limit).tryConsumeAndReturnRemaining(1);
        long resetSeconds = seconds(probe.isConsumed() ? probe.getNanosToWaitForReset() : probe.getNanosToWaitForRefill());
        if (!probe.isConsumed()) {
            throw tooMany(throttler, limit, 0, probe.getNanosToWaitForRefill());
        }
        for (String suffix : new String[] {"-" + throttler, ""}) {
            ex.setHeader("X-RateLimit-Limit" + suffix, Integer.toString(limit.limit()));
            ex.setHeader("X-RateLimit-Remaining" + suffix, Long.toString(probe.getRemainingTokens()));
            ex.setHeader("X-RateLimit-Reset" + suffix, Long.toString(resetSeconds));
        }
    }

    private static ServiceException tooMany(String throttler, RateLimits.Limit limit, long remaining, long nanosToWait) {
        String retryAfter = Long.toString(Math.max(1, seconds(nanosToWait)));
        ServiceException refusal = new ServiceException(ErrorCode.TOO_MANY_REQUESTS, "Rate limit exceeded");
        for (String suffix : new String[] {"-" + throttler, ""}) {
            refusal.withHeader("X-RateLimit-Limit" + suffix, Integer.toString(limit.limit()))
                    .withHeader("X-RateLimit-Remaining" + suffix, Long.toString(remaining))
                    .withHeader("X-RateLimit-Reset" + suffix, retryAfter)
                    .withHeader("Retry-After" + suffix, retryAfter);
        }
        return refusal;
    }

    private Bucket bucket(String throttler, String key, RateLimits.Limit limit) {
        if (buckets.size() > MAX_TRACKED) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(throttler + "|" + key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.limit())
                        .refillIntervally(limit.limit(), Duration.ofSeconds(limit.ttlSeconds())).build())
                .build());
    }

    private static String client(Exchange ex) {
        SocketAddress address = ex.request().getConnectionMetaData().getRemoteSocketAddress();
        return address instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : String.valueOf(address);
    }

    private static long seconds(long nanos) {
        return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }
}
