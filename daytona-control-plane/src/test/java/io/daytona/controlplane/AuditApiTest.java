package io.daytona.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log: mutating calls are recorded with actor, action, target and outcome; queried with filters and pages. */
class AuditApiTest {
    @TempDir
    static Path data;
    private static TestPlatform platform;

    @BeforeAll
    static void start() throws Exception {
        platform = new TestPlatform(data);
    }

    @AfterAll
    static void stop() throws Exception {
        platform.close();
    }

    @Test
    void mutatingCallsAreRecordedWithTheDocsActionNamesAndTheirOutcome() {
        TestPlatform.User user = platform.createUser("Uma", "uma@example.com");
        String audit = "/audit/organizations/" + user.organizationId();
        String id = platform.call("POST", "/sandbox", Map.of("name", "audited"), user.key()).expect(200).get("id").asText();
        platform.clock.advance(Duration.ofSeconds(1));
        platform.call("PUT", "/sandbox/" + id + "/labels", Map.of("labels", Map.of("a", "b")), user.key()).expect(200);
        platform.clock.advance(Duration.ofSeconds(1));
        platform.call("POST", "/sandbox/" + id + "/autostop/30", null, user.key()).expect(200);
        platform.clock.advance(Duration.ofSeconds(1));
        platform.call("POST", "/sandbox/no-such/start", null, user.key());
        platform.clock.advance(Duration.ofSeconds(1));
        platform.call("GET", "/sandbox/" + id, null, user.key()).expect(200);

        JsonNode page = platform.call("GET", audit, null, user.key()).expect(200);
        assertThat(page.get("items").findValuesAsText("action"))
                .as("newest first; reads are not recorded")
                .containsExactly("start", "set_auto_stop_interval", "replace_labels", "create");
        JsonNode failed = page.get("items").get(0);
        assertThat(failed.get("statusCode").asInt()).isEqualTo(404);
        assertThat(failed.get("errorMessage").asText()).contains("no-such");
        assertThat(failed.get("targetId").asText()).isEqualTo("no-such");
        JsonNode created = page.get("items").get(3);
        assertThat(created.get("targetType").asText()).isEqualTo("sandbox");
        assertThat(created.get("targetId").asText()).isEqualTo(id);
        assertThat(created.get("statusCode").asInt()).isEqualTo(200);
        assertThat(created.get("actorId").asText()).isEqualTo(user.id());
        assertThat(created.get("actorEmail").asText()).isEqualTo("uma@example.com");
        assertThat(created.get("actorApiKeyPrefix").asText()).isEqualTo(user.key().substring(0, 3));
        assertThat(created.get("organizationId").asText()).isEqualTo(user.organizationId());
        assertThat(page.get("total").asInt()).isEqualTo(4);
        assertThat(page.get("totalPages").asInt()).isEqualTo(1);
        assertThat(page.get("nextToken").isNull()).isTrue();

        JsonNode firstPage = platform.call("GET", audit + "?limit=3", null, user.key()).expect(200);
        assertThat(firstPage.get("items")).hasSize(3);
        assertThat(firstPage.get("totalPages").asInt()).isEqualTo(2);
        String next = firstPage.get("nextToken").asText();
        assertThat(platform.call("GET", audit + "?limit=3&nextToken=" + next, null, user.key()).expect(200).get("items")
                .findValuesAsText("action")).containsExactly("create");
        assertThat(platform.call("GET", audit + "?limit=3&page=2", null, user.key()).expect(200).get("items")
                .findValuesAsText("action")).containsExactly("create");
        String from = created.get("createdAt").asText();
        assertThat(platform.call("GET", audit + "?action=replace_labels&from=" + from, null, user.key()).expect(200).get("items"))
                .hasSize(1);
        assertThat(platform.call("GET", audit + "?limit=0", null, user.key()).status()).isEqualTo(400);
        assertThat(platform.call("GET", audit + "?from=yesterday", null, user.key()).message()).contains("ISO-8601");
        assertThat(platform.call("GET", audit + "?nextToken=garbage!", null, user.key()).status()).isEqualTo(400);
    }

    @Test
    void readingNeedsTheAuditPermissionAndTheAdminSeesEveryOrganization() {
        TestPlatform.User user = platform.createUser("Vic", "vic@example.com");
        String narrow = platform.call("POST", "/api-keys", Map.of("name", "no-audit", "permissions", List.of("write:sandboxes")), user.key())
                .expect(201).get("value").asText();
        TestPlatform.Reply refused = platform.call("GET", "/audit/organizations/" + user.organizationId(), null, narrow);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.message()).contains("read:audit_logs");
        JsonNode all = platform.call("GET", "/admin/audit", null, platform.adminKey).expect(200);
        assertThat(all.get("items").findValuesAsText("organizationId")).contains(user.organizationId());
        assertThat(all.get("items").findValuesAsText("action")).contains("create");
        assertThat(platform.call("GET", "/admin/audit", null, user.key()).status()).isEqualTo(403);
    }
}
