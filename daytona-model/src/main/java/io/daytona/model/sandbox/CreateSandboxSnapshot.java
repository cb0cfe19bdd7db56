package io.daytona.model.sandbox;

/**
 * The body of {@code POST /api/sandbox/{sandboxIdOrName}/snapshot}: the name of the snapshot
 * to make of the sandbox's filesystem. {@code includeMemory} is accepted only as false.
 */
public record CreateSandboxSnapshot(String name, Boolean includeMemory) {
    public static CreateSandboxSnapshot named(String name) {
        return new CreateSandboxSnapshot(name, null);
    }
}
