package io.daytona.model.sandbox;

/**
 * The body of {@code POST /api/sandbox/{sandboxIdOrName}/fork}: the name of the new sandbox, which
 * gets a copy of the source's files; null names it after its id, as a create does.
 */
public record ForkSandbox(String name) {
    public static ForkSandbox named(String name) {
        return new ForkSandbox(name);
    }
}
