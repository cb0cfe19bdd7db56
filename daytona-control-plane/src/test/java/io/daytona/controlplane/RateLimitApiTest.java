package io.daytona.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.daytona.controlplane.ratelimit.RateLimits;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The throttlers over HTTP: the documented 429 body, the headers, and which requests count against which limit. */
class RateLimitApiTest {
    @TempDir
    static Path data;
    private static TestPlatform platform;

    @BeforeAll
    static void start() throws Exception {
        RateLimits limits = RateLimits.parse(List.of("authenticated=5/60", "sandbox-create=2/60", "sandbox-lifecycle=3/60",
                "anonymous=4/60"), RateLimits.none());
        platform = new TestPlatform(data, limits);
    }

    @AfterAll
    static void stop() throws Exception {
        platform.close();
    }

    @Test
    void authenticatedRequestsAreCountedPerOrganizationAndRefusedWithTheDocumentedAnswer() {
        TestPlatform.User user = platform.createUser("Rita", "rita@example.com");
        TestPlatform.Reply first = platform.call("GET", "/sandbox", null, user.key());
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-RateLimit-Limit-authenticated")).hasValue("5");
        assertThat(first.headers().firstValue("X-RateLimit-Remaining-authenticated")).hasValue("4");
        assertThat(first.headers().firstValue("X-RateLimit-Remaining")).hasValue("4");
        assertThat(first.headers().firstValue("X-RateLimit-Reset-authenticated")).isPresent();
        for (int i = 0; i < 4; i++) {
            platform.call("GET", "/api-keys", null, user.key()).expect(200);
        }
        TestPlatform.Reply refused = platform.call("GET", "/sandbox", null, user.key());
        assertThat(refused.status()).isEqualTo(429);
        JsonNode body = refused.json();
        assertThat(body.get("statusCode").asInt()).isEqualTo(429);
        assertThat(body.get("message").asText()).isEqualTo("Rate limit exceeded");
        assertThat(body.get("error").asText()).isEqualTo("Too Many Requests");
        int retryAfter = Integer.parseInt(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1, 60);
        assertThat(refused.headers().firstValue("Retry-After-authenticated")).hasValue(Integer.toString(retryAfter));
        assertThat(refused.headers().firstValue("X-RateLimit-Remaining-authenticated")).hasValue("0");

        TestPlatform.User other = platform.createUser("Sam", "sam@example.com");
        assertThat(platform.call("GET", "/sandbox", null, other.key()).status()).as("another organization has its own budget").isEqualTo(200);
    }

    @Test
    void anAdministratorSetsAnOrganizationsOwnLimit() {
        TestPlatform.User user = platform.createUser("Ursula", "ursula@example.com");
        platform.call("PATCH", "/organizations/" + user.organizationId() + "/quota",
                Map.of("authenticatedRateLimit", 2, "authenticatedRateLimitTtlSeconds", 30), platform.adminKey).expect(204);
        JsonNode organization = platform.call("GET", "/organizations/" + user.organizationId(), null, user.key()).expect(200);
        assertThat(organization.get("authenticatedRateLimit").asInt()).isEqualTo(2);
        TestPlatform.Reply second = platform.call("GET", "/sandbox", null, user.key());
        assertThat(second.headers().firstValue("X-RateLimit-Limit-authenticated")).hasValue("2");
        TestPlatform.Reply third = platform.call("GET", "/sandbox", null, user.key());
        assertThat(third.status()).isEqualTo(429);
        assertThat(Integer.parseInt(third.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 30);
    }

    @Test
    void sandboxCreationHasItsOwnLimit() {
        TestPlatform.User user = platform.createUser("Tom", "tom@example.com");
        TestPlatform.Reply created = platform.call("POST", "/sandbox", Map.of(), user.key());
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.headers().firstValue("X-RateLimit-Limit-sandbox-create")).hasValue("2");
        assertThat(created.headers().firstValue("X-RateLimit-Limit-authenticated")).as("creation counts only as creation").isEmpty();
        platform.call("POST", "/sandbox", Map.of(), user.key()).expect(200);
        TestPlatform.Reply third = platform.call("POST", "/sandbox", Map.of(), user.key());
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After-sandbox-create")).isPresent();
        assertThat(platform.call("GET", "/sandbox", null, user.key()).expect(200).get("items")).as("refused before storing").hasSize(2);
    }

    @Test
    void failedAuthenticationsAreLimitedPerClient(@TempDir Path other) throws Exception {
        try (TestPlatform separate = new TestPlatform(other, RateLimits.parse(List.of("failed-auth=3/60"), RateLimits.none()))) {
            for (int i = 0; i < 3; i++) {
                assertThat(separate.call("GET", "/sandbox", null, "dtn_wrong" + i).status()).isEqualTo(401);
            }
            TestPlatform.Reply refused = separate.call("GET", "/sandbox", null, separate.adminKey);
            assertThat(refused.status()).as("the client is refused, whatever key it tries next").isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After-failed-auth")).isPresent();
        }
    }

    @Test
    void anonymousRoutesAreLimitedPerClientAndTheConfigPublishesTheLimits() {
        TestPlatform.Reply config = platform.call("GET", "/config", null, null);
        assertThat(config.json().at("/rateLimit/sandboxCreate/limit").asInt()).isEqualTo(2);
        assertThat(config.json().at("/rateLimit/sandboxCreate/ttl").asInt()).isEqualTo(60);
        int answered = 1;
        while (platform.call("GET", "/health", null, null).status() == 200) {
            answered++;
            assertThat(answered).isLessThanOrEqualTo(4);
        }
        assertThat(answered).isEqualTo(4);
    }

    @Test
    void theLimitsAreReadFromTheReferenceVariablesAndBadOnesAreRefused() {
        RateLimits limits = RateLimits.fromEnvironment(Map.of("RATE_LIMIT_SANDBOX_CREATE_TTL", "60", "RATE_LIMIT_SANDBOX_CREATE_LIMIT", "300",
                "RATE_LIMIT_AUTHENTICATED_TTL", "60"));
        assertThat(limits.sandboxCreate()).hasValue(new RateLimits.Limit(60, 300));
        assertThat(limits.authenticated()).as("a limit without its TTL is off, as in the reference").isEmpty();
        assertThat(RateLimits.fromEnvironment(Map.of()).any()).isFalse();
        assertThatThrownBy(() -> RateLimits.parse(List.of("creation=1/1"), RateLimits.none())).hasMessageContaining("sandbox-create=300/60");
        assertThatThrownBy(() -> RateLimits.fromEnvironment(Map.of("RATE_LIMIT_ANONYMOUS_TTL", "x", "RATE_LIMIT_ANONYMOUS_LIMIT", "1")))
                .hasMessageContaining("RATE_LIMIT_ANONYMOUS_TTL");
    }
}
