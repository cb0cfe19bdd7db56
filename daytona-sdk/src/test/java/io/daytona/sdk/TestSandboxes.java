package io.daytona.sdk;

import io.daytona.model.sandbox.Sandbox;
import io.daytona.model.sandbox.SandboxDesiredState;
import io.daytona.model.sandbox.SandboxState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Model sandboxes as the server would send them. */
final class TestSandboxes {
    private TestSandboxes() {}

    static Sandbox sandbox(String id, SandboxState state, String toolboxProxyUrl) {
        return sandbox(id, state, null, toolboxProxyUrl);
    }

    static Sandbox sandbox(String id, SandboxState state, String errorReason, String toolboxProxyUrl) {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        return new Sandbox(id, "org-1", "name-" + id, "daytonaio/sandbox:0.6.0-slim", "daytona",
                Map.of("FOO", "bar"), Map.of("code-toolbox-language", "python"), false, false, null, null, "us",
                1, 0, null, 2, 3, state, SandboxDesiredState.STARTED, errorReason, null, null, null,
                15, 10080, -1, List.of(), null, now, now, null, "container", null, null, null, toolboxProxyUrl);
    }
}
