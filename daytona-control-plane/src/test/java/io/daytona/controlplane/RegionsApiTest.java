package io.daytona.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/regions}: the server's shared region, custom regions of an organization (made,
 * changed, deleted, invisible to others), and sandboxes targeting them.
 */
class RegionsApiTest {
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
    void everyOrganizationSeesTheSharedRegion() {
        TestPlatform.User user = platform.createUser("Wes", "wes@example.com");
        JsonNode regions = platform.call("GET", "/regions", null, user.key()).expect(200);
        assertThat(regions).hasSize(1);
        assertThat(regions.get(0).get("id").asText()).isEqualTo("us");
        assertThat(regions.get(0).get("regionType").asText()).isEqualTo("shared");
        assertThat(regions.get(0).get("proxyUrl").asText()).isEqualTo("http://localhost:4000");
        assertThat(platform.call("GET", "/regions/us", null, user.key()).expect(200).get("name").asText()).isEqualTo("us");
        TestPlatform.Reply mars = platform.call("GET", "/regions/mars", null, user.key());
        assertThat(mars.status()).isEqualTo(404);
        assertThat(mars.message()).contains("Region mars not found");
        assertThat(platform.call("GET", "/shared-regions", null, user.key()).expect(200)).hasSize(1);
    }

    @Test
    void anOrganizationMakesChangesAndDeletesItsOwnRegionsWhichOthersDoNotSee() {
        TestPlatform.User owner = platform.createUser("Ola", "ola@example.com");
        TestPlatform.User other = platform.createUser("Pia", "pia@example.com");
        JsonNode created = platform.call("POST", "/regions", Map.of("name", "eu-west", "proxyUrl", "https://proxy.eu.test",
                "sshGatewayUrl", "ssh.eu.test:2222"), owner.key()).expect(201);
        String id = created.get("id").asText();
        assertThat(created.get("proxyApiKey").asText()).startsWith("dtn_");
        assertThat(created.get("sshGatewayApiKey").asText()).startsWith("dtn_");

        JsonNode listed = platform.call("GET", "/regions", null, owner.key()).expect(200);
        assertThat(listed.findValuesAsText("name")).containsExactly("us", "eu-west");
        JsonNode region = platform.call("GET", "/regions/" + id, null, owner.key()).expect(200);
        assertThat(region.get("regionType").asText()).isEqualTo("custom");
        assertThat(region.get("organizationId").asText()).isEqualTo(owner.organizationId());
        assertThat(platform.call("GET", "/regions", null, other.key()).expect(200).findValuesAsText("name")).containsExactly("us");
        assertThat(platform.call("GET", "/regions/" + id, null, other.key()).status()).isEqualTo(404);
        assertThat(platform.call("DELETE", "/regions/" + id, null, other.key()).status()).isEqualTo(404);
        assertThat(platform.call("GET", "/shared-regions", null, owner.key()).expect(200).findValuesAsText("name")).containsExactly("us");

        assertThat(platform.call("PATCH", "/regions/" + id, Map.of("proxyUrl", "https://proxy2.eu.test"), owner.key()).expect(200)
                .get("proxyUrl").asText()).isEqualTo("https://proxy2.eu.test");
        assertThat(platform.call("PATCH", "/regions/" + id, Map.of("proxyUrl", "not a url"), owner.key()).message())
                .contains("proxyUrl must be an http(s) URL");
        TestPlatform.Reply shared = platform.call("PATCH", "/regions/us", Map.of("proxyUrl", "https://x.test"), owner.key());
        assertThat(shared.status()).isEqualTo(403);
        assertThat(shared.message()).contains("shared");

        String newKey = platform.call("POST", "/regions/" + id + "/regenerate-proxy-api-key", null, owner.key()).expect(200)
                .get("apiKey").asText();
        assertThat(newKey).startsWith("dtn_").isNotEqualTo(created.get("proxyApiKey").asText());

        platform.call("DELETE", "/regions/" + id, null, owner.key()).expect(204);
        assertThat(platform.call("GET", "/regions/" + id, null, owner.key()).status()).isEqualTo(404);
    }

    @Test
    void badRegionsAreRefusedWithWhatToFix() {
        TestPlatform.User user = platform.createUser("Quinn", "quinn@example.com");
        assertThat(platform.call("POST", "/regions", Map.of("name", "bad name!"), user.key()).message()).contains("name is required");
        assertThat(platform.call("POST", "/regions", Map.of("name", "ok", "proxyUrl", "ftp://x"), user.key()).message())
                .contains("proxyUrl must be an http(s) URL");
        assertThat(platform.call("POST", "/regions", Map.of("name", "us"), user.key()).status()).isEqualTo(409);
        platform.call("POST", "/regions", Map.of("name", "twice"), user.key()).expect(201);
        assertThat(platform.call("POST", "/regions", Map.of("name", "twice"), user.key()).message()).contains("already exists");
        String reader = platform.call("POST", "/api-keys", Map.of("name", "reader", "permissions", List.of()), user.key())
                .expect(201).get("value").asText();
        TestPlatform.Reply refused = platform.call("POST", "/regions", Map.of("name", "nope"), reader);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.message()).contains("write:regions");
        String noSsh = platform.call("POST", "/regions", Map.of("name", "no-ssh"), user.key()).expect(201).get("id").asText();
        assertThat(platform.call("POST", "/regions/" + noSsh + "/regenerate-ssh-gateway-api-key", null, user.key()).message())
                .contains("has no sshGatewayUrl");
    }

    @Test
    void sandboxesTargetARegionTheOrganizationMayUse() {
        TestPlatform.User user = platform.createUser("Rui", "rui@example.com");
        TestPlatform.User other = platform.createUser("Sam", "sam@example.com");
        String id = platform.call("POST", "/regions", Map.of("name", "empty-region"), user.key()).expect(201).get("id").asText();

        TestPlatform.Reply noRunner = platform.call("POST", "/sandbox", Map.of("target", "empty-region"), user.key());
        assertThat(noRunner.status()).isEqualTo(503);
        assertThat(noRunner.message()).contains("No available runners in region " + id).contains("no runner is registered");
        assertThat(platform.call("GET", "/sandbox", null, user.key()).expect(200).get("items")).isEmpty();

        TestPlatform.Reply foreign = platform.call("POST", "/sandbox", Map.of("target", id), other.key());
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.message()).contains("Region " + id + " not found");
        assertThat(platform.call("POST", "/sandbox", Map.of("target", "mars"), user.key()).message()).contains("Region mars not found");

        JsonNode inUs = platform.call("POST", "/sandbox", Map.of("target", "us"), user.key()).expect(200);
        assertThat(inUs.get("target").asText()).isEqualTo("us");
        assertThat(inUs.get("runnerId").asText()).isEqualTo("fake");

        platform.call("PATCH", "/organizations/" + user.organizationId() + "/default-region", Map.of("defaultRegionId", id), user.key())
                .expect(204);
        assertThat(platform.call("POST", "/sandbox", Map.of(), user.key()).message()).contains("No available runners in region " + id);
        assertThat(platform.call("PATCH", "/organizations/" + other.organizationId() + "/default-region", Map.of("defaultRegionId", id),
                other.key()).message()).contains("Region " + id + " not found");

        platform.call("DELETE", "/regions/" + id, null, user.key()).expect(204);
        JsonNode after = platform.call("POST", "/sandbox", Map.of(), user.key()).expect(200);
        assertThat(after.get("target").asText()).as("the deleted default region falls back to the server's").isEqualTo("us");
    }
}
