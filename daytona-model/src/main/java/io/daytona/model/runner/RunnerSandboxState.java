package io.daytona.model.runner;

/** What a runner sees of a sandbox on its host. */
public enum RunnerSandboxState {
    /** No container exists for the sandbox. */
    MISSING,
    /** The container exists and is running. */
    RUNNING,
    /** The container exists and is not running. */
    STOPPED,
    /** The container exists and its processes are frozen (the cgroup freezer): they hold their memory and use no CPU. */
    PAUSED
}
