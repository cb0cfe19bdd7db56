package io.daytona.controlplane.sandbox;

/**
 * The organization's quotas, asked before a sandbox takes resources: on create (every resource),
 * on start (CPU and memory, and disk too when it was archived) and on resize. Fails with a
 * {@code ServiceException}: 400 when one sandbox asks more than the per-sandbox maximum, 403 when the
 * organization's total would be exceeded.
 */
public interface SandboxQuota {
    void checkCreate(String organizationId, int cpu, int memory, int disk);

    void checkStart(SandboxRecord sandbox);

    /** A sandbox's resources change to the given ones; it is checked as if it had them. */
    void checkResize(SandboxRecord sandbox, int cpu, int memory, int disk);

    static SandboxQuota unlimited() {
        return new SandboxQuota() {
            @Override
            public void checkCreate(String organizationId, int cpu, int memory, int disk) {}

            @Override
            public void checkStart(SandboxRecord sandbox) {}

            @Override
            public void checkResize(SandboxRecord sandbox, int cpu, int memory, int disk) {}
        };
    }
}
