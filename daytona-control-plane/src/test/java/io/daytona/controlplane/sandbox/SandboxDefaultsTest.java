package io.daytona.controlplane.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SandboxDefaultsTest {
    private static final SandboxDefaults DEFAULTS = new SandboxDefaults("image:1", "us", "https://proxy.example.com/toolbox", 4, 8, 10,
            "https", "proxy.example.com", 43200);

    @Test
    void autoArchiveZeroMeansTheMaximumAndNothingIsLonger() {
        assertThat(DEFAULTS.resolveAutoArchiveInterval(0)).isEqualTo(43200);
        assertThat(DEFAULTS.resolveAutoArchiveInterval(60)).isEqualTo(60);
        assertThat(DEFAULTS.resolveAutoArchiveInterval(43201)).isEqualTo(43200);
        assertThatThrownBy(() -> new SandboxDefaults("i", "us", "u", 1, 1, 1, "http", "d", 0))
                .hasMessageContaining("maxAutoArchiveInterval must be at least 1");
    }

    @Test
    void previewUrlsPutThePortAndSandboxBeforeTheProxyDomain() {
        assertThat(DEFAULTS.previewUrl(3000, "abc")).isEqualTo("https://3000-abc.proxy.example.com");
        assertThat(DEFAULTS.proxyTemplateUrl()).isEqualTo("https://{{PORT}}-{{sandboxId}}.proxy.example.com");
    }
}
