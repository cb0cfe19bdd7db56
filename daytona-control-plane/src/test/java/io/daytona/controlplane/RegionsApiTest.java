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

/** {@code /api/regions} and {@code /api/runners}: the one region and the embedded runner's health and capacity. */
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
    void listsTheRegion() {
        TestPlatform.User user = platform.createUser("Wes", "wes@example.com");
        JsonNode regions = platform.call("GET", "/regions", null, user.key()).expect(200);
        assertThat(regions).hasSize(1);
        assertThat(regions.get(0).get("id").asText()).isEqualTo("us");
        assertThat(regions.get(0).get("regionType").asText()).isEqualTo("shared");
        assertThat(platform.call("GET", "/regions/us", null, user.key()).expect(200).get("name").asText()).isEqualTo("us");
        assertThat(platform.call("GET", "/regions/mars", null, user.key()).message()).contains("this server has region us");
        assertThat(platform.call("GET", "/shared-regions", null, user.key()).expect(200)).hasSize(1);
    }

    @Test
    void reportsTheRunnersHealthCapacityAndAllocation() {
        TestPlatform.User user = platform.createUser("Xia", "xia@example.com");
        platform.call("POST", "/sandbox", Map.of("cpu", 2, "memory", 3, "disk", 4), user.key()).expect(200);
        String reader = platform.call("POST", "/api-keys", Map.of("name", "ops", "permissions", List.of("read:runners")), user.key())
                .expect(201).get("value").asText();
        JsonNode runners = platform.call("GET", "/runners", null, reader).expect(200);
        assertThat(runners).hasSize(1);
        JsonNode runner = runners.get(0);
        assertThat(runner.get("id").asText()).isEqualTo("fake");
        assertThat(runner.get("state").asText()).isEqualTo("ready");
        assertThat(runner.get("region").asText()).isEqualTo("us");
        assertThat(runner.get("cpu").asDouble()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(runner.get("memory").asDouble()).isPositive();
        assertThat(runner.get("disk").asDouble()).isPositive();
        assertThat(runner.get("currentStartedSandboxes").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(runner.get("currentAllocatedCpu").asDouble()).isGreaterThanOrEqualTo(2);
        assertThat(runner.get("currentAllocatedMemoryGiB").asDouble()).isGreaterThanOrEqualTo(3);
        assertThat(platform.call("GET", "/runners/fake", null, reader).expect(200).get("name").asText()).isEqualTo("fake");
        assertThat(platform.call("GET", "/runners/other", null, reader).status()).isEqualTo(404);
        assertThat(platform.call("GET", "/runners?regionId=mars", null, reader).expect(200)).isEmpty();
        String noRunners = platform.call("POST", "/api-keys", Map.of("name", "plain", "permissions", List.of()), user.key())
                .expect(201).get("value").asText();
        assertThat(platform.call("GET", "/runners", null, noRunners).message()).contains("read:runners");
        assertThat(platform.call("GET", "/admin/runners", null, platform.adminKey).expect(200)).hasSize(1);
    }
}
