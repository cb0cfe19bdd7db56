package io.daytona.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Organization quotas: per-sandbox maxima (400), totals (403), what counts in which state, and their endpoints. */
class QuotasApiTest {
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
    void createAndStartRespectTheOrganizationsQuotaAndStoppedSandboxesCountForDiskOnly() throws Exception {
        TestPlatform.User user = platform.createUser("Quinn", "quinn@example.com");
        String quota = "/organizations/" + user.organizationId() + "/quota";
        assertThat(platform.call("PATCH", quota, Map.of("totalCpuQuota", 4), user.key()).status()).as("only admins").isEqualTo(403);
        platform.call("PATCH", quota, Map.of("maxCpuPerSandbox", 2, "maxMemoryPerSandbox", 4, "maxDiskPerSandbox", 10), platform.adminKey)
                .expect(204);
        platform.call("PATCH", quota + "/us", Map.of("totalCpuQuota", 3, "totalMemoryQuota", 8, "totalDiskQuota", 12), platform.adminKey)
                .expect(204);
        assertThat(platform.call("PATCH", quota + "/mars", Map.of("totalCpuQuota", 3), platform.adminKey).status()).isEqualTo(404);
        JsonNode regionQuota = platform.call("GET", "/admin" + quota + "/us/container", null, platform.adminKey).expect(200);
        assertThat(regionQuota.get("totalCpuQuota").asInt()).isEqualTo(3);
        assertThat(regionQuota.get("maxCpuPerSandbox").asInt()).isEqualTo(2);
        assertThat(platform.call("GET", "/admin" + quota + "/us/linux-vm", null, platform.adminKey).status()).isEqualTo(404);
        assertThat(platform.call("GET", "/admin" + quota + "/us/container", null, user.key()).status()).isEqualTo(403);
        assertThat(platform.call("PATCH", quota, Map.of("maxCpuPerSandbox", -1), platform.adminKey).status()).isEqualTo(400);

        TestPlatform.Reply tooBig = platform.call("POST", "/sandbox", Map.of("cpu", 3), user.key());
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.message()).contains("cpu 3").contains("maximum per sandbox, 2");

        String first = platform.call("POST", "/sandbox", Map.of("cpu", 2, "memory", 2, "disk", 5), user.key()).expect(200).get("id").asText();
        TestPlatform.Reply over = platform.call("POST", "/sandbox", Map.of("cpu", 2, "memory", 2, "disk", 5), user.key());
        assertThat(over.status()).isEqualTo(403);
        assertThat(over.message()).contains("Total CPU quota exceeded").contains("uses 2 of 3");
        assertThat(platform.call("GET", "/sandbox", null, user.key()).expect(200).get("items")).as("nothing stored").hasSize(1);

        JsonNode usage = platform.call("GET", "/organizations/" + user.organizationId() + "/usage", null, user.key()).expect(200);
        assertThat(usage.at("/regionUsage/0/currentCpuUsage").asInt()).isEqualTo(2);
        assertThat(usage.at("/regionUsage/0/totalCpuQuota").asInt()).isEqualTo(3);
        assertThat(usage.at("/regionUsage/0/currentDiskUsage").asInt()).isEqualTo(5);
        assertThat(usage.at("/regionUsage/0/maxCpuPerSandbox").asInt()).isEqualTo(2);

        // Stopped: its CPU and memory are free again, its disk is not.
        platform.call("POST", "/sandbox/" + first + "/stop", null, user.key()).expect(200);
        awaitState(user, first, "stopped");
        String second = platform.call("POST", "/sandbox", Map.of("cpu", 2, "memory", 2, "disk", 5), user.key()).expect(200).get("id").asText();
        TestPlatform.Reply disk = platform.call("POST", "/sandbox", Map.of("cpu", 1, "memory", 1, "disk", 5), user.key());
        assertThat(disk.status()).isEqualTo(403);
        assertThat(disk.message()).contains("Total disk quota exceeded").contains("uses 10 of 12");

        // Starting the stopped one would exceed the CPU total.
        TestPlatform.Reply start = platform.call("POST", "/sandbox/" + first + "/start", null, user.key());
        assertThat(start.status()).isEqualTo(403);
        assertThat(start.message()).contains("Total CPU quota exceeded");
        platform.call("DELETE", "/sandbox/" + second, null, user.key()).expect(200);
        platform.call("POST", "/sandbox/" + first + "/start", null, user.key()).expect(200);
        awaitState(user, first, "started");
        TestPlatform.Reply resize = platform.call("POST", "/sandbox/" + first + "/resize", Map.of("cpu", 3), user.key());
        assertThat(resize.status()).isEqualTo(400);
        assertThat(resize.message()).contains("maximum per sandbox, 2");
    }

    @Test
    void snapshotAndVolumeCountsAreCheckedAgainstTheirQuotas() {
        TestPlatform.User user = platform.createUser("Nina", "nina@example.com");
        platform.call("PATCH", "/organizations/" + user.organizationId() + "/quota", Map.of("snapshotQuota", 2, "volumeQuota", 0),
                platform.adminKey).expect(204);
        var quotas = new io.daytona.controlplane.organization.OrganizationQuotas(
                new io.daytona.controlplane.organization.OrganizationRepository(platform.jdbi()), "us", platform.clock);
        quotas.checkSnapshotCount(user.organizationId(), 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> quotas.checkSnapshotCount(user.organizationId(), 2))
                .hasMessageContaining("Snapshot quota exceeded: the organization has 2 of 2");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> quotas.checkVolumeCount(user.organizationId(), 0))
                .hasMessageContaining("Volume quota exceeded");
        JsonNode usage = platform.call("GET", "/organizations/" + user.organizationId() + "/usage", null, user.key()).expect(200);
        assertThat(usage.get("totalSnapshotQuota").asInt()).isEqualTo(2);
        assertThat(usage.get("totalVolumeQuota").asInt()).isZero();
    }

    private static void awaitState(TestPlatform.User user, String id, String state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (platform.call("GET", "/sandbox/" + id, null, user.key()).expect(200).get("state").asText().equals(state)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("sandbox " + id + " did not reach " + state);
    }
}
