package io.daytona.controlplane.sandbox;

import io.daytona.http.ServiceException;
import io.daytona.model.runner.SandboxSpec;
import io.daytona.model.sandbox.CreateBuildInfo;

/** The snapshots of sandboxes, as sandbox create and the reconciler need them. */
public interface SandboxSnapshots {
    /**
     * Checks that the organization may start a sandbox from {@code snapshot} (its own or a general
     * one, active, or inactive and reactivated now) and records the use; fails with 400 or 404
     * otherwise. Returns the name to store with the sandbox.
     */
    String use(String organizationId, String snapshot);

    /**
     * Starts a build of {@code buildInfo} for a sandbox, or reuses an identical one; returns the
     * name of the snapshot the sandbox will run. Fails with 400 if builds are not supported.
     */
    String build(String organizationId, CreateBuildInfo buildInfo);

    /**
     * The spec with its snapshot's name replaced by the image a runner runs, and the snapshot's
     * entrypoint. Waits while the snapshot builds and fails with {@link BuildFailedException} if
     * the build fails.
     */
    SandboxSpec resolve(SandboxSpec spec) throws Exception;

    /** The build a sandbox was created from ({@code buildInfo}), if it was. */
    default java.util.Optional<io.daytona.model.sandbox.BuildInfo> buildInfo(String organizationId, String snapshot) {
        return java.util.Optional.empty();
    }

    /**
     * The resources a snapshot gives the sandboxes created from it when the request names none.
     *
     * @param cpu cores
     * @param memory GiB
     * @param disk GiB
     */
    record Resources(int cpu, int memory, int disk) {}

    /** The resources of the organization's (or a general) snapshot {@code snapshot}, if it has any recorded. */
    default java.util.Optional<Resources> resources(String organizationId, String snapshot) {
        return java.util.Optional.empty();
    }

    /** A snapshot reserved for the image a sandbox's commit makes. */
    record PendingCommit(String snapshotId, String image) {}

    /**
     * Reserves snapshot {@code name} of the organization (pending) for a commit of a sandbox
     * created from {@code sourceSnapshot}; fails with 400 or 409 for a bad or taken name.
     */
    default PendingCommit reserveCommit(String organizationId, String name, String sourceSnapshot, int cpu, int memory, int disk) {
        throw ServiceException.badRequest("snapshots of sandboxes are not supported by this server");
    }

    /** Records the end of a commit: the snapshot becomes active, or error with {@code failure}. */
    default void commitFinished(PendingCommit commit, java.util.Optional<String> failure) {}

    /** A server whose snapshots are the engine's images, named as they are. */
    static SandboxSnapshots images(SandboxRuntime runtime, SandboxDefaults defaults) {
        return new SandboxSnapshots() {
            @Override
            public String use(String organizationId, String snapshot) {
                if (!runtime.hasImage(snapshot)) {
                    throw ServiceException.badRequest("Snapshot %s not found; use an existing snapshot (the default is %s)",
                            snapshot, defaults.defaultSnapshot());
                }
                return snapshot;
            }

            @Override
            public String build(String organizationId, CreateBuildInfo buildInfo) {
                throw ServiceException.badRequest("buildInfo (creating a sandbox from an image) is not supported by this server; use a snapshot");
            }

            @Override
            public SandboxSpec resolve(SandboxSpec spec) {
                return spec;
            }
        };
    }

    /** The build of a sandbox's snapshot failed; the sandbox ends in {@code build_failed}. */
    final class BuildFailedException extends Exception {
        public BuildFailedException(String message) {
            super(message);
        }
    }
}
