package io.daytona.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ToolboxPathTest {
    @Test
    void splitsTheSandboxIdFromTheDaemonPath() {
        assertThat(ToolboxPath.parse("/toolbox/abc/process/execute")).contains(new ToolboxPath("abc", "/process/execute"));
        assertThat(ToolboxPath.parse("/toolbox/abc")).contains(new ToolboxPath("abc", "/"));
    }

    @Test
    void acceptsTheLegacyDoubleToolboxPrefix() {
        assertThat(ToolboxPath.parse("/toolbox/abc/toolbox/files")).contains(new ToolboxPath("abc", "/files"));
    }

    @Test
    void ignoresOtherPaths() {
        assertThat(ToolboxPath.parse("/api/sandbox")).isEmpty();
        assertThat(ToolboxPath.parse("/toolbox/")).isEmpty();
    }
}
