package io.daytona.controlplane.sandbox;

import io.daytona.model.sandbox.Sandbox;
import io.daytona.model.sandbox.SandboxDesiredState;
import io.daytona.model.sandbox.SandboxState;
import io.daytona.model.sandbox.SandboxVolume;
import java.util.List;

/** Turns stored sandboxes into what the API shows. */
public final class SandboxViews {
    private SandboxViews() {}

    public static Sandbox toDto(SandboxRecord s, String toolboxProxyUrl) {
        return toDto(s, toolboxProxyUrl, List.of(), null);
    }

    static Sandbox toDto(SandboxRecord s, String toolboxProxyUrl, List<SandboxVolume> volumes, io.daytona.model.sandbox.BuildInfo buildInfo) {
        return new Sandbox(s.id(), s.organizationId(), s.name(), s.snapshot(), s.user(), s.env(), s.labels(),
                s.isPublic(), s.networkBlockAll(), s.networkAllowList(), null, s.region(), s.cpu(), s.gpu(), null,
                s.memory(), s.disk(), shownState(s), s.desiredState(), s.errorReason(), s.recoverable(), s.backupState(), s.backupCreatedAt(),
                s.autoStopInterval(), s.autoArchiveInterval(), s.autoDeleteInterval(), volumes, buildInfo, s.createdAt(),
                s.updatedAt(), s.lastActivityAt(), "container", s.daemonVersion(), s.runnerId(), null, toolboxProxyUrl);
    }

    /**
     * The state callers see: a stable state with a different desired state is shown as the
     * transition under way, as the official SDKs expect.
     */
    public static SandboxState shownState(SandboxRecord s) {
        SandboxState state = s.state();
        SandboxDesiredState desired = s.desiredState();
        if ((state == SandboxState.STARTED || state == SandboxState.PAUSED) && desired == SandboxDesiredState.STOPPED) {
            return SandboxState.STOPPING;
        }
        if (state == SandboxState.STARTED && desired == SandboxDesiredState.PAUSED) {
            return SandboxState.PAUSING;
        }
        if (state == SandboxState.PAUSED && desired == SandboxDesiredState.STARTED) {
            return SandboxState.RESUMING;
        }
        if ((state == SandboxState.STARTED || state == SandboxState.STOPPED || state == SandboxState.ARCHIVED
                || state == SandboxState.PAUSED) && desired == SandboxDesiredState.DESTROYED) {
            return SandboxState.DESTROYING;
        }
        if (state == SandboxState.STOPPED && desired == SandboxDesiredState.STARTED) {
            return SandboxState.STARTING;
        }
        if (state == SandboxState.ARCHIVED && desired == SandboxDesiredState.STARTED) {
            return SandboxState.RESTORING;
        }
        if (state == SandboxState.STOPPED && desired == SandboxDesiredState.ARCHIVED) {
            return SandboxState.ARCHIVING;
        }
        if (state == SandboxState.UNKNOWN && desired == SandboxDesiredState.STARTED) {
            return SandboxState.CREATING;
        }
        return state;
    }
}
