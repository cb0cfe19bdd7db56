package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.daytona.model.sandbox.Sandbox;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Listening ports of a real sandbox, as previews see them. */
@ExtendWith(PlatformExtension.class)
class PortsApiTest {
    @Test
    void reportsAServerStartedInTheSandboxButNotTheDaemon(Platform platform) throws Exception {
        Api api = Api.of(platform);
        String sandboxId = api.post("/sandbox", Map.of()).as(Sandbox.class).id();
        try {
            Api toolbox = api.toolbox(platform, sandboxId);
            assertThat(toolbox.get("/port/8123/in-use").json().get("isInUse").asBoolean()).isFalse();
            toolbox.post("/process/session", Map.of("sessionId", "server"));
            toolbox.post("/process/session/server/exec", Map.of("command", "python3 -m http.server 8123", "runAsync", true));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            while (!toolbox.get("/port/8123/in-use").json().get("isInUse").asBoolean()) {
                assertThat(Instant.now()).as("the server never listened").isBefore(deadline);
                Thread.sleep(100);
            }
            assertThat(toolbox.get("/port").json().get("ports").findValuesAsText("")).isEmpty();
            assertThat(toolbox.get("/port").json().get("ports").toString()).contains("8123").doesNotContain("2280");
            assertThat(toolbox.get("/port/70000/in-use").status()).isEqualTo(400);
        } finally {
            api.delete("/sandbox/" + sandboxId);
        }
    }
}
