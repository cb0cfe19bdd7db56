package io.daytona.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.model.ssh.SshAccess;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonTest {
    private final ObjectMapper json = Json.newMapper();

    @Test
    void instantsAreWrittenWithAtMostSixFractionDigits() throws Exception {
        // Instant.now() has nanoseconds on Linux; pydantic (the Python SDK) refuses more than six digits.
        Instant now = Instant.parse("2025-12-02T16:13:46.658334424Z");
        SshAccess access = new SshAccess("id", "sandbox", "token", now, now, now, "ssh token@host");

        String written = json.writeValueAsString(access);

        assertThat(written).contains("\"createdAt\":\"2025-12-02T16:13:46.658334Z\"").doesNotContain("658334424");
        assertThat(json.writeValueAsString(Instant.parse("2025-12-02T16:13:46Z"))).isEqualTo("\"2025-12-02T16:13:46Z\"");
        assertThat(json.readValue("\"2025-12-02T16:13:46.658334424Z\"", Instant.class)).isEqualTo(now);
    }
}
