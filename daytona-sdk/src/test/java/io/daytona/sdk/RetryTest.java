package io.daytona.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RetryTest {
    private static final Map<String, Object> SANDBOX = Map.of("id", "sb-1", "state", "started");

    private FakeServer server;
    private Daytona daytona;

    @BeforeEach
    void setUp() {
        server = new FakeServer();
        daytona = new Daytona(DaytonaConfig.builder().apiKey("dtn_test").apiUrl(server.apiUrl()).build());
    }

    @AfterEach
    void tearDown() {
        daytona.close();
        server.close();
    }

    @Test
    void aThrottledCallIsSentAgainAfterRetryAfter() {
        server.onSequence("GET", "/api/sandbox/sb-1",
                FakeServer.error(429, "Too Many Requests", "slow down").withHeader("Retry-After", "1"),
                FakeServer.ok(SANDBOX));

        long started = System.nanoTime();
        Sandbox sandbox = daytona.get("sb-1");

        assertThat(sandbox.getId()).isEqualTo("sb-1");
        assertThat(server.requests("GET", "/api/sandbox/sb-1")).hasSize(2);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void aThrottledCreateIsSentAgainToo() {
        server.onSequence("POST", "/api/sandbox",
                FakeServer.error(429, "Too Many Requests", "slow down").withHeader("Retry-After", "0"),
                FakeServer.ok(SANDBOX));

        daytona.create();

        assertThat(server.requests("POST", "/api/sandbox")).hasSize(2);
    }

    @Test
    void aThrottlingWithoutRetryAfterOrTooLongReachesTheCallerWithItsHeaders() {
        server.on("GET", "/api/sandbox/sb-1",
                request -> FakeServer.error(429, "Too Many Requests", "slow down").withHeader("Retry-After", "3600"));

        DaytonaRateLimitException e = catchThrowableOfType(DaytonaRateLimitException.class, () -> daytona.get("sb-1"));

        assertThat(e).hasMessage("Failed to get sandbox: slow down");
        assertThat(e.retryAfter()).contains(Duration.ofHours(1));
        assertThat(server.requests("GET", "/api/sandbox/sb-1")).hasSize(1);
    }

    @Test
    void gaveUpAfterTwoRetries() {
        server.on("GET", "/api/sandbox/sb-1",
                request -> FakeServer.error(429, "Too Many Requests", "slow down").withHeader("Retry-After", "0"));

        catchThrowableOfType(DaytonaRateLimitException.class, () -> daytona.get("sb-1"));

        assertThat(server.requests("GET", "/api/sandbox/sb-1")).hasSize(3);
    }

    @Test
    void otherErrorsAreNotRetried() {
        server.on("GET", "/api/sandbox/sb-1", request -> FakeServer.error(503, "Service Unavailable", "down"));

        catchThrowableOfType(DaytonaServerException.class, () -> daytona.get("sb-1"));

        assertThat(server.requests("GET", "/api/sandbox/sb-1")).hasSize(1);
    }

    @Test
    void aBrokenConnectionIsRetriedForReadsButNotForCreates() {
        String deadUrl = server.apiUrl();
        server.close();
        try (Daytona offline = new Daytona(DaytonaConfig.builder().apiKey("dtn_test").apiUrl(deadUrl).build())) {
            long started = System.nanoTime();
            catchThrowableOfType(DaytonaConnectionException.class, () -> offline.get("sb-1"));
            // two retries, after 200 ms and 400 ms
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(550));

            started = System.nanoTime();
            catchThrowableOfType(DaytonaConnectionException.class, () -> offline.create());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
        }
    }
}
