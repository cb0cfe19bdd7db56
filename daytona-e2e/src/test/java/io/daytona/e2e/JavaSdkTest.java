package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daytona.model.sandbox.SandboxState;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.DaytonaAuthenticationException;
import io.daytona.sdk.DaytonaConfig;
import io.daytona.sdk.DaytonaNotFoundException;
import io.daytona.sdk.DaytonaTimeoutException;
import io.daytona.sdk.DaytonaValidationException;
import io.daytona.sdk.ExecuteResponse;
import io.daytona.sdk.Sandbox;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Java SDK against the real server and real sandboxes. */
@ExtendWith(PlatformExtension.class)
class JavaSdkTest {
    private static Daytona client(Platform platform) {
        return new Daytona(DaytonaConfig.builder().apiKey(platform.adminKey()).apiUrl(platform.apiUrl().toString()).build());
    }

    @Test
    void createsASandboxAndRunsEchoHelloInIt(Platform platform) {
        try (Daytona daytona = client(platform)) {
            Sandbox sandbox = daytona.create();
            try {
                assertThat(sandbox.getState()).isEqualTo(SandboxState.STARTED);
                ExecuteResponse response = sandbox.getProcess().executeCommand("echo hello");
                assertThat(response.exitCode()).isZero();
                assertThat(response.result()).isEqualTo("hello\n");
                assertThat(sandbox.getUserHomeDir()).isEqualTo("/home/daytona");
                assertThat(daytona.get(sandbox.getId()).getId()).isEqualTo(sandbox.getId());
                assertThat(daytona.list()).extracting(Sandbox::getId).contains(sandbox.getId());
            } finally {
                sandbox.delete();
            }
            assertThatThrownBy(() -> daytona.get(sandbox.getId())).isInstanceOf(DaytonaNotFoundException.class);
        }
    }

    @Test
    void stopsAndStartsASandboxKeepingItsFiles(Platform platform) {
        try (Daytona daytona = client(platform)) {
            Sandbox sandbox = daytona.create(p -> p.labels(Map.of("suite", "java-sdk")).env(Map.of("GREETING", "hi")));
            try {
                assertThat(sandbox.getProcess().executeCommand("echo $GREETING > ~/greeting").exitCode()).isZero();
                sandbox.stop();
                assertThat(sandbox.getState()).isEqualTo(SandboxState.STOPPED);
                sandbox.start();
                assertThat(sandbox.getState()).isEqualTo(SandboxState.STARTED);
                assertThat(sandbox.getProcess().executeCommand("cat ~/greeting").result()).isEqualTo("hi\n");
                assertThat(daytona.list(Map.of("suite", "java-sdk"))).extracting(Sandbox::getId).containsExactly(sandbox.getId());
                assertThat(daytona.findOne(Map.of("suite", "java-sdk")).getId()).isEqualTo(sandbox.getId());
                assertThat(sandbox.setLabels(Map.of("suite", "java-sdk", "tier", "gold"))).containsEntry("tier", "gold");
                assertThat(sandbox.getLabels()).containsEntry("tier", "gold");
                sandbox.setAutostopInterval(0);
                sandbox.setAutoArchiveInterval(0);
                sandbox.setAutoDeleteInterval(-1);
                assertThat(sandbox.getAutoStopInterval()).isZero();
                assertThat(sandbox.getAutoArchiveInterval()).isEqualTo(43200);
                assertThat(sandbox.getAutoDeleteInterval()).isEqualTo(-1);
                assertThatThrownBy(() -> sandbox.setAutostopInterval(-5)).isInstanceOf(DaytonaValidationException.class);
                sandbox.refreshActivity();
                assertThat(daytona.findOne(sandbox.getName()).getId()).isEqualTo(sandbox.getId());
                var page = daytona.list(Map.of("suite", "java-sdk"), 1, 10);
                assertThat(page.items()).extracting(Sandbox::getId).containsExactly(sandbox.getId());
                assertThat(page.total()).isEqualTo(1);
                assertThat(page.totalPages()).isEqualTo(1);
                assertThatThrownBy(() -> daytona.findOne(Map.of("suite", "nobody-has-this")))
                        .isInstanceOf(DaytonaNotFoundException.class)
                        .hasMessageStartingWith("Failed to find sandbox: ");
                assertThat(sandbox.getProcess().executeCommand("exit 7").exitCode()).isEqualTo(7);
                assertThatThrownBy(() -> sandbox.getProcess().executeCommand("sleep 30", null, Map.of(), Duration.ofSeconds(1)))
                        .isInstanceOf(DaytonaTimeoutException.class);
            } finally {
                sandbox.delete();
            }
        }
    }

    @Test
    void mapsServerErrorsToTheExceptionHierarchy(Platform platform) {
        try (Daytona daytona = client(platform)) {
            assertThatThrownBy(() -> daytona.get("missing-sandbox"))
                    .isInstanceOf(DaytonaNotFoundException.class)
                    .hasMessageStartingWith("Failed to get sandbox: ");
            assertThatThrownBy(() -> daytona.create(p -> p.cpu(-1)))
                    .isInstanceOf(DaytonaValidationException.class)
                    .hasMessageContaining("cpu must be at least 1");
        }
        try (Daytona wrongKey = new Daytona(DaytonaConfig.builder().apiKey("dtn_" + "1".repeat(64))
                .apiUrl(platform.apiUrl().toString()).build())) {
            assertThatThrownBy(wrongKey::list).isInstanceOf(DaytonaAuthenticationException.class);
        }
    }
}
