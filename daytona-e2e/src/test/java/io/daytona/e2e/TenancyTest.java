package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.DaytonaAuthenticationException;
import io.daytona.sdk.DaytonaConfig;
import io.daytona.sdk.DaytonaForbiddenException;
import io.daytona.sdk.DaytonaNotFoundException;
import io.daytona.sdk.DaytonaRateLimitException;
import io.daytona.sdk.Sandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tenancy on the real server with a real sandbox: a user's sandbox is invisible to another
 * organization through the API, the toolbox proxy and previews; and the Java SDK's errors for a
 * bad key (401), a missing permission (403) and throttling (429, with how long to wait).
 */
@ExtendWith(PlatformExtension.class)
class TenancyTest {
    private record User(String id, String organizationId, String key) {}

    private static User createUser(Platform platform) {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        JsonNode created = Api.of(platform).post("/admin/users", Map.of("name", "E2E", "email", email)).json();
        return new User(created.at("/user/id").asText(), created.get("personalOrganizationId").asText(), created.get("apiKey").asText());
    }

    private static Daytona client(Platform platform, String key) {
        return new Daytona(DaytonaConfig.builder().apiKey(key).apiUrl(platform.apiUrl().toString()).build());
    }

    @Test
    void anotherOrganizationCannotReachAUsersSandboxThroughTheApiTheToolboxOrPreviews(Platform platform) throws Exception {
        User user = createUser(platform);
        try (Daytona daytona = client(platform, user.key()); Daytona admin = client(platform, platform.adminKey())) {
            Sandbox sandbox = daytona.create();
            try {
                assertThat(sandbox.getProcess().executeCommand("echo mine").result()).isEqualTo("mine\n");
                assertThat(catchThrowableOfType(DaytonaNotFoundException.class, () -> admin.get(sandbox.getId()))).isNotNull();
                assertThat(admin.list()).extracting(Sandbox::getId).doesNotContain(sandbox.getId());

                Api adminApi = Api.of(platform);
                Api.Reply toolbox = adminApi.toolbox(platform, sandbox.getId()).post("/process/execute", Map.of("command", "id"));
                assertThat(toolbox.status()).as(toolbox.body()).isEqualTo(404);
                assertThat(adminApi.toolbox(platform, sandbox.getId()).withKey(Optional.of(user.key()))
                        .post("/process/execute", Map.of("command", "true")).status()).isEqualTo(200);
                String url = Api.of(platform).withKey(Optional.of(user.key())).get("/sandbox/" + sandbox.getId() + "/ports/8080/preview-url")
                        .json().get("url").asText();
                HttpResponse<String> preview = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(platform.proxyUrl() + "/"))
                        .header("Host", URI.create(url).getAuthority())
                        .header("Authorization", "Bearer " + platform.adminKey()).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(preview.statusCode()).as(preview.body()).isEqualTo(401);
                assertThat(adminApi.get("/audit/organizations/" + user.organizationId()).status()).isEqualTo(403);
                JsonNode audit = Api.of(platform).withKey(Optional.of(user.key())).get("/audit/organizations/" + user.organizationId()).json();
                assertThat(audit.get("items").findValuesAsText("targetId")).contains(sandbox.getId());
                assertThat(audit.get("items").findValuesAsText("action")).as("the toolbox commands, through the proxy")
                        .contains("create", "toolbox_execute_command");
            } finally {
                sandbox.delete();
            }
        }
    }

    @Test
    void theJavaSdkReportsABadKeyAMissingPermissionAndThrottling(Platform platform) {
        try (Daytona wrong = client(platform, "dtn_" + "0".repeat(64))) {
            DaytonaAuthenticationException e = catchThrowableOfType(DaytonaAuthenticationException.class, wrong::list);
            assertThat(e.statusCode()).isEqualTo(401);
        }
        User user = createUser(platform);
        String bare = Api.of(platform).withKey(Optional.of(user.key()))
                .post("/api-keys", Map.of("name", "bare", "permissions", List.of())).json().get("value").asText();
        try (Daytona narrow = client(platform, bare)) {
            DaytonaForbiddenException e = catchThrowableOfType(DaytonaForbiddenException.class, narrow::create);
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.getMessage()).contains("write:sandboxes");
            DaytonaRateLimitException limited = null;
            for (int i = 0; i < 100 && limited == null; i++) {
                limited = catchThrowableOfType(DaytonaRateLimitException.class, narrow::list);
            }
            assertThat(limited).as("the platform throttles ordinary users at %s", PlatformExtension.RATE_LIMITS).isNotNull();
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.isRetryable()).isTrue();
            assertThat(limited.retryAfter()).hasValueSatisfying(wait -> assertThat(wait).isBetween(Duration.ofSeconds(1), Duration.ofMinutes(10)));
            assertThat(limited.throttler()).hasValue("authenticated");
        }
    }
}
