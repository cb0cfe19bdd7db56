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
        assertThat(PreviewHost.parse("0-abc.example.com")).as("port 0").isEmpty();
        assertThat(PreviewHost.parse("123456-abc.example.com")).as("six digits").isEmpty();
        assertThat(PreviewHost.parse("-abc.example.com")).isEmpty();
        assertThat(PreviewHost.parse("80a-abc.example.com")).isEmpty();
        assertThat(PreviewHost.parse("3000-.example.com")).isEmpty();
        assertThat(PreviewHost.parse("3000--abc.example.com")).as("the id starts with a letter or digit").isEmpty();
        assertThat(PreviewHost.parse("3000-ab_c.example.com")).isEmpty();
        assertThat(PreviewHost.parse("3000-\u0130d.example.com")).as("only ASCII letters").isEmpty();
        assertThat(PreviewHost.parse("3000-" + "a".repeat(64) + ".example.com")).as("longer than a label").isEmpty();
        assertThat(PreviewHost.parse("localhost.my-domain")).isEmpty();
        assertThat(PreviewHost.parse("3000-abc")).as("no domain").isEmpty();
    }

    @Test
    void lowercasesTheIdAsHostNamesAreCaseInsensitive() {
        assertThat(PreviewHost.parse("3000-AbC-9.Example.COM")).contains(new PreviewHost(3000, "abc-9"));
        assertThat(PreviewHost.parse("3000-" + "a".repeat(63) + ".example.com")).contains(new PreviewHost(3000, "a".repeat(63)));
        assertThat(PreviewHost.parse("65535-a.x")).contains(new PreviewHost(65535, "a"));
    }
}
