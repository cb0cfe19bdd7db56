package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.daytona.model.sandbox.Sandbox;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Limits tested by exceeding them inside a real sandbox of 1 CPU and 1 GiB. */
@ExtendWith(PlatformExtension.class)
class ResourceLimitsTest {
    private static TestSandbox sandbox;
    private static Api api;
    private static Api toolbox;
    private static String sandboxId;

    @BeforeAll
    static void createSandbox(Platform platform) {
        sandbox = TestSandbox.create(platform, Map.of("cpu", 1, "memory", 1));
        api = sandbox.api();
        toolbox = sandbox.toolbox();
        sandboxId = sandbox.id();
    }

    @AfterAll
    static void deleteSandbox() {
        sandbox.close();
    }

    @Test
    void twoBusyProcessesGetOneCpuBetweenThem() {
        String script = "u0=$(cat /sys/fs/cgroup/cpuacct/cpuacct.usage); "
                + "timeout 3 sh -c 'while :; do :; done' & timeout 3 sh -c 'while :; do :; done' & wait; "
                + "u1=$(cat /sys/fs/cgroup/cpuacct/cpuacct.usage); echo $(( (u1 - u0) / 1000000 ))";
        long cpuMillis = Long.parseLong(execute(script, 30).get("result").asText().strip());
        // Three seconds of two spinning processes: six CPU-seconds unlimited, three under the quota.
        // The floor is low because a loaded host (CI, parallel builds) may give less than the quota.
        assertThat(cpuMillis).isBetween(500L, 3_900L);
    }

    @Test
    void aProcessThatOutgrowsTheMemoryLimitIsKilledInsideTheSandboxOnly() {
        JsonNode result = execute("python3 -c 'x = bytearray(3 * 1024 ** 3); print(len(x))'; echo exit=$?", 60);
        assertThat(result.get("result").asText()).contains("exit=137").doesNotContain("3221225472");
        assertThat(execute("echo still here", 10).get("result").asText()).isEqualTo("still here\n");
        assertThat(execute("grep '^oom_kill ' /sys/fs/cgroup/memory/memory.oom_control", 10).get("result").asText().strip())
                .as("the kernel's OOM killer acted in the sandbox's own cgroup").isNotEqualTo("oom_kill 0");
    }

    @Test
    void aForkBombStaysInsideItsSandbox(Platform platform) throws Exception {
        assertThat(execute("cat /sys/fs/cgroup/pids/pids.max", 10).get("result").asText().strip()).isEqualTo("4096");
        String bombedId = api.post("/sandbox", Map.of()).as(Sandbox.class).id();
        Api bombed = api.toolbox(platform, bombedId);
        // Far more processes than the limit allows. The sandbox's own toolbox may stop answering
        // until they end (its daemon shares the limit); nothing outside the sandbox may notice.
        bombed.post("/process/execute", Map.of("command", "for i in $(seq 1 6000); do sleep 20 & done 2>/dev/null; true", "timeout", 10));
        assertThat(execute("echo neighbour alive", 30).get("result").asText()).isEqualTo("neighbour alive\n");
        assertThat(api.delete("/sandbox/" + bombedId).status()).isEqualTo(200);
        assertThat(api.get("/sandbox/" + bombedId).status()).isEqualTo(404);
    }

    private static JsonNode execute(String command, int timeoutSeconds) {
        Api.Reply reply = toolbox.post("/process/execute", Map.of("command", command, "timeout", timeoutSeconds));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }
}
