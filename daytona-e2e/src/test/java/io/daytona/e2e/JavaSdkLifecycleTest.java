package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daytona.model.sandbox.SandboxState;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.DaytonaConfig;
import io.daytona.sdk.DaytonaConflictException;
import io.daytona.sdk.DaytonaValidationException;
import io.daytona.sdk.Resources;
import io.daytona.sdk.Sandbox;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Archive, resize and recover through the Java SDK. */
@ExtendWith(PlatformExtension.class)
class JavaSdkLifecycleTest {
    @Test
    void resizesArchivesAndRestoresASandbox(Platform platform) {
        try (Daytona daytona = new Daytona(DaytonaConfig.builder().apiKey(platform.adminKey()).apiUrl(platform.apiUrl().toString()).build())) {
            Sandbox sandbox = daytona.create();
            try {
                sandbox.resize(Resources.builder().cpu(2).memory(2).build());
                assertThat(sandbox.getCpu()).isEqualTo(2);
                assertThat(sandbox.getState()).isEqualTo(SandboxState.STARTED);
                assertThat(sandbox.getProcess().executeCommand("cat /sys/fs/cgroup/memory/memory.limit_in_bytes").result())
                        .isEqualTo("2147483648\n");
                assertThatThrownBy(() -> sandbox.resize(Resources.builder().disk(6).build()))
                        .isInstanceOf(DaytonaValidationException.class).hasMessageContaining("stopped");
                assertThatThrownBy(sandbox::archive).isInstanceOf(DaytonaConflictException.class).hasMessageContaining("stop it first");
                assertThatThrownBy(sandbox::recover).isInstanceOf(DaytonaConflictException.class);

                assertThat(sandbox.getProcess().executeCommand("echo kept > ~/note && sudo sh -c 'echo root > /srv/note'").exitCode()).isZero();
                sandbox.stop();
                sandbox.archive(Duration.ofSeconds(120));
                assertThat(sandbox.getState()).isEqualTo(SandboxState.ARCHIVED);
                assertThat(sandbox.getBackupState()).isEqualTo("Completed");

                sandbox.start(Duration.ofSeconds(120));
                assertThat(sandbox.getState()).isEqualTo(SandboxState.STARTED);
                assertThat(sandbox.getProcess().executeCommand("cat ~/note /srv/note").result()).isEqualTo("kept\nroot\n");
                assertThat(sandbox.getCpu()).isEqualTo(2);
            } finally {
                sandbox.delete();
            }
        }
    }
}
