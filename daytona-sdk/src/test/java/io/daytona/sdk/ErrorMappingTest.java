package io.daytona.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorMappingTest {
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

    static Stream<Arguments> statuses() {
        return Stream.of(
                Arguments.of(400, DaytonaValidationException.class, false),
                Arguments.of(401, DaytonaAuthenticationException.class, false),
                Arguments.of(403, DaytonaForbiddenException.class, false),
                Arguments.of(404, DaytonaNotFoundException.class, false),
                Arguments.of(408, DaytonaTimeoutException.class, false),
                Arguments.of(409, DaytonaConflictException.class, false),
                Arguments.of(422, DaytonaValidationException.class, false),
                Arguments.of(429, DaytonaRateLimitException.class, true),
                Arguments.of(500, DaytonaServerException.class, false),
                Arguments.of(503, DaytonaServerException.class, true),
                Arguments.of(418, DaytonaException.class, false));
    }

    @ParameterizedTest
    @MethodSource("statuses")
    void mapsStatusToExceptionType(int status, Class<? extends DaytonaException> type, boolean retryable) {
        server.on("GET", "/api/sandbox/sb-1", request -> FakeServer.error(status, "Reason", "went wrong"));

        DaytonaException e = catchThrowableOfType(DaytonaException.class, () -> daytona.get("sb-1"));

        assertThat(e).isExactlyInstanceOf(type).hasMessage("Failed to get sandbox: went wrong");
        assertThat(e.statusCode()).isEqualTo(status);
        assertThat(e.isRetryable()).isEqualTo(retryable);
    }

    @Test
    void aRateLimitRefusalTellsHowLongToWaitAndWhichThrottlerRefused() {
        DaytonaRateLimitException e = new DaytonaRateLimitException("Failed to create sandbox: Rate limit exceeded", 429, "Too Many Requests",
                java.util.Map.of("retry-after-sandbox-create", java.util.List.of("42"), "Retry-After", java.util.List.of("42"),
                        "x-ratelimit-remaining-sandbox-create", java.util.List.of("0")), null);
        assertThat(e.retryAfter()).hasValue(java.time.Duration.ofSeconds(42));
        assertThat(e.throttler()).hasValue("sandbox-create");
        assertThat(e.headers().get("RETRY-AFTER")).containsExactly("42");
        assertThat(new DaytonaRateLimitException("x", 429, null, java.util.Map.of(), null).retryAfter()).isEmpty();
    }

    @Test
    void toleratesAnEmptyBody() {
        server.on("GET", "/api/sandbox/sb-1", request -> new FakeServer.Response(404, ""));

        DaytonaException e = catchThrowableOfType(DaytonaException.class, () -> daytona.get("sb-1"));

        assertThat(e).isInstanceOf(DaytonaNotFoundException.class).hasMessage("Failed to get sandbox: HTTP 404");
        assertThat(e.errorCode()).isEmpty();
    }

    @Test
    void readsABodyWithOnlyAnError() {
        server.on("GET", "/api/sandbox/sb-1", request -> new FakeServer.Response(500, "{\"error\":\"pty exploded\"}"));

        DaytonaException e = catchThrowableOfType(DaytonaException.class, () -> daytona.get("sb-1"));

        assertThat(e).isInstanceOf(DaytonaServerException.class).hasMessage("Failed to get sandbox: pty exploded");
        assertThat(e.errorCode()).contains("pty exploded");
    }

    @Test
    void prefersCodeOverErrorAndJoinsMessageArrays() {
        server.on("POST", "/api/sandbox", request -> new FakeServer.Response(400,
                "{\"statusCode\":400,\"message\":[\"cpu must be positive\",\"disk must be positive\"],"
                        + "\"error\":\"Bad Request\",\"code\":\"INVALID_REQUEST_BODY\"}"));

        DaytonaException e = catchThrowableOfType(DaytonaException.class, () -> daytona.create());

        assertThat(e).isInstanceOf(DaytonaValidationException.class)
                .hasMessage("Failed to create sandbox: cpu must be positive, disk must be positive");
        assertThat(e.errorCode()).contains("INVALID_REQUEST_BODY");
    }

    @Test
    void usesAPlainTextBodyAsTheMessage() {
        server.on("GET", "/api/sandbox/sb-1", request -> new FakeServer.Response(502, "upstream unavailable"));

        DaytonaException e = catchThrowableOfType(DaytonaException.class, () -> daytona.get("sb-1"));

        assertThat(e).isInstanceOf(DaytonaServerException.class).hasMessage("Failed to get sandbox: upstream unavailable");
        assertThat(e.isRetryable()).isTrue();
    }

    @Test
    void reportsAnUnreadableSuccessBody() {
        server.on("GET", "/api/sandbox/sb-1", request -> new FakeServer.Response(200, "not json"));

        DaytonaException e = catchThrowableOfType(DaytonaException.class, () -> daytona.get("sb-1"));

        assertThat(e).hasMessageStartingWith("Failed to get sandbox: could not read the response");
        assertThat(e.statusCode()).isEqualTo(200);
    }
}
