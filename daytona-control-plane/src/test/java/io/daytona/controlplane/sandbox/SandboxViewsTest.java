package io.daytona.controlplane.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.daytona.model.sandbox.SandboxDesiredState;
import io.daytona.model.sandbox.SandboxState;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxViewsTest {
    @Test
    void showsAStableStateWithAnotherDesiredStateAsTheTransitionUnderWay() {
        assertShown(SandboxState.STARTED, SandboxDesiredState.STOPPED, SandboxState.STOPPING);
        assertShown(SandboxState.STARTED, SandboxDesiredState.DESTROYED, SandboxState.DESTROYING);
        assertShown(SandboxState.STOPPED, SandboxDesiredState.DESTROYED, SandboxState.DESTROYING);
        assertShown(SandboxState.STOPPED, SandboxDesiredState.STARTED, SandboxState.STARTING);
        assertShown(SandboxState.STOPPED, SandboxDesiredState.ARCHIVED, SandboxState.ARCHIVING);
        assertShown(SandboxState.UNKNOWN, SandboxDesiredState.STARTED, SandboxState.CREATING);
        assertShown(SandboxState.STARTED, SandboxDesiredState.STARTED, SandboxState.STARTED);
        assertShown(SandboxState.ERROR, SandboxDesiredState.STARTED, SandboxState.ERROR);
    }

    @Test
    void aRecordIsSettledOnlyWhenItsStateIsTheDesiredOne() {
        assertThat(record(SandboxState.STARTED, SandboxDesiredState.STARTED).isSettled()).isTrue();
        assertThat(record(SandboxState.CREATING, SandboxDesiredState.STARTED).isSettled()).isFalse();
        assertThat(record(SandboxState.STOPPED, SandboxDesiredState.DESTROYED).isSettled()).isFalse();
        assertThat(record(SandboxState.DESTROYED, SandboxDesiredState.DESTROYED).isSettled()).isTrue();
    }

    private static void assertShown(SandboxState state, SandboxDesiredState desired, SandboxState shown) {
        assertThat(SandboxViews.shownState(record(state, desired))).as("%s + desired %s", state, desired).isEqualTo(shown);
        assertThat(SandboxViews.toDto(record(state, desired), "http://proxy/toolbox").state()).isEqualTo(shown);
    }

    static SandboxRecord record(SandboxState state, SandboxDesiredState desired) {
        Instant now = Instant.now();
        return new SandboxRecord("id", "org", "name", "daytona/sandbox:0.1.0", "daytona", Map.of(), Map.of(), false, false, null,
                "us", 1, 0, 1, 3, state, desired, null, false, 15, 10080, -1, null, null, "token", now, now, now, false);
    }
}
