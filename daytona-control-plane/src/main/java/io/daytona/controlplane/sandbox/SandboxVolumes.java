package io.daytona.controlplane.sandbox;

import io.daytona.http.ServiceException;
import io.daytona.model.runner.VolumeMount;
import io.daytona.model.sandbox.SandboxVolume;
import java.util.List;

/** The volumes of sandboxes, as sandbox create and the reconciler need them. */
public interface SandboxVolumes {
    /**
     * Checks a create request's volumes (mount paths, existence in the organization, readiness)
     * before anything is stored; fails with 400 or 404 and a message that says what to fix.
     */
    void check(String organizationId, List<SandboxVolume> volumes);

    /** Records the sandbox's mounts; called once, right after the sandbox row is stored. */
    void attach(String sandboxId, List<SandboxVolume> volumes);

    /** The mounts asked for at create, in order. */
    List<SandboxVolume> of(String sandboxId);

    /** The mounts as a runner needs them. */
    List<VolumeMount> mounts(String sandboxId);

    /** For servers without volumes: any volume is refused. */
    SandboxVolumes NONE = new SandboxVolumes() {
        @Override
        public void check(String organizationId, List<SandboxVolume> volumes) {
            if (volumes != null && !volumes.isEmpty()) {
                throw ServiceException.badRequest("volumes are not supported by this server; create the sandbox without volumes");
            }
        }

        @Override
        public void attach(String sandboxId, List<SandboxVolume> volumes) {}

        @Override
        public List<SandboxVolume> of(String sandboxId) {
            return List.of();
        }

        @Override
        public List<VolumeMount> mounts(String sandboxId) {
            return List.of();
        }
    };
}
