package io.daytona.controlplane.ratelimit;

import java.util.Optional;

/**
 * The server's rate limits, each off when empty (the embedded default), as the reference's
 * {@code RATE_LIMIT_{ANONYMOUS,AUTHENTICATED,SANDBOX_CREATE,SANDBOX_LIFECYCLE,FAILED_AUTH}_{TTL,LIMIT}}.
 */
public record RateLimits(Optional<Limit> anonymous, Optional<Limit> authenticated, Optional<Limit> sandboxCreate,
                         Optional<Limit> sandboxLifecycle, Optional<Limit> failedAuth) {
    /** At most {@code limit} requests per {@code ttlSeconds}. */
    public record Limit(int ttlSeconds, int limit) {
        public Limit {
            if (ttlSeconds < 1 || limit < 1) {
                throw new IllegalArgumentException("a rate limit needs a TTL of at least 1 second and a limit of at least 1 request, got "
                        + limit + " per " + ttlSeconds + " s");
            }
        }
    }

    public static RateLimits none() {
        return new RateLimits(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The throttlers' names, as in headers and in {@code --rate-limit <name>=<limit>/<seconds>}. */
    public static final java.util.List<String> NAMES = java.util.List.of("anonymous", "authenticated", "sandbox-create",
            "sandbox-lifecycle", "failed-auth");

    /**
     * Reads the reference's variables, {@code RATE_LIMIT_<NAME>_TTL} (seconds) and
     * {@code RATE_LIMIT_<NAME>_LIMIT} (requests); a throttler is on when both are set.
     */
    public static RateLimits fromEnvironment(java.util.Map<String, String> environment) {
        java.util.Map<String, Limit> limits = new java.util.HashMap<>();
        for (String name : NAMES) {
            String prefix = "RATE_LIMIT_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
            String ttl = environment.getOrDefault(prefix + "_TTL", "").strip();
            String limit = environment.getOrDefault(prefix + "_LIMIT", "").strip();
            if (!ttl.isEmpty() && !limit.isEmpty()) {
                limits.put(name, new Limit(number(prefix + "_TTL", ttl), number(prefix + "_LIMIT", limit)));
            }
        }
        return of(limits);
    }

    /** Parses {@code <name>=<limit>/<seconds>}, e.g. {@code sandbox-create=300/60}, over {@code base}. */
    public static RateLimits parse(java.util.List<String> specifications, RateLimits base) {
        java.util.Map<String, Limit> limits = new java.util.HashMap<>(base.asMap());
        for (String specification : specifications) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([a-z-]+)=(\\d+)/(\\d+)").matcher(specification.strip());
            if (!m.matches() || !NAMES.contains(m.group(1))) {
                throw new IllegalArgumentException("a rate limit is <name>=<requests>/<seconds> with name one of " + NAMES
                        + ", e.g. sandbox-create=300/60; got '" + specification + "'");
            }
            limits.put(m.group(1), new Limit(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2))));
        }
        return of(limits);
    }

    private static RateLimits of(java.util.Map<String, Limit> limits) {
        return new RateLimits(Optional.ofNullable(limits.get("anonymous")), Optional.ofNullable(limits.get("authenticated")),
                Optional.ofNullable(limits.get("sandbox-create")), Optional.ofNullable(limits.get("sandbox-lifecycle")),
                Optional.ofNullable(limits.get("failed-auth")));
    }

    private java.util.Map<String, Limit> asMap() {
        java.util.Map<String, Limit> map = new java.util.HashMap<>();
        anonymous.ifPresent(l -> map.put("anonymous", l));
        authenticated.ifPresent(l -> map.put("authenticated", l));
        sandboxCreate.ifPresent(l -> map.put("sandbox-create", l));
        sandboxLifecycle.ifPresent(l -> map.put("sandbox-lifecycle", l));
        failedAuth.ifPresent(l -> map.put("failed-auth", l));
        return map;
    }

    private static int number(String variable, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a whole number, got '" + value + "'");
        }
    }

    /** Whether any limit is on. */
    public boolean any() {
        return anonymous.isPresent() || authenticated.isPresent() || sandboxCreate.isPresent() || sandboxLifecycle.isPresent()
                || failedAuth.isPresent();
    }
}
