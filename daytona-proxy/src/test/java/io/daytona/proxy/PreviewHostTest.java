package io.daytona.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PreviewHostTest {
    @Test
    void readsThePortAndTheSandboxFromTheFirstLabel() {
        assertThat(PreviewHost.parse("8080-0b5e0f1c-44e4-4c3a-9a2d-2b3b7c1d9e10.localhost:4000"))
                .contains(new PreviewHost(8080, "0b5e0f1c-44e4-4c3a-9a2d-2b3b7c1d9e10"));
        assertThat(PreviewHost.parse("3000-abc.proxy.example.com")).contains(new PreviewHost(3000, "abc"));
    }

    @Test
    void ignoresHostsThatAreNotPreviews() {
        assertThat(PreviewHost.parse("localhost:4000")).isEmpty();
        assertThat(PreviewHost.parse("proxy.example.com")).isEmpty();
        assertThat(PreviewHost.parse("99999-abc.example.com")).isEmpty();
        assertThat(PreviewHost.parse(null)).isEmpty();
    }
}
