package io.daytona.proxy;

/**
 * Told of every request the proxy lets through to a sandbox (toolbox or preview), so the sandbox's
 * last activity moves and its auto-stop is deferred. Called on the request path: it must be cheap.
 */
@FunctionalInterface
public interface ActivityRecorder {
    /** Does nothing: for a proxy whose traffic should not count. */
    ActivityRecorder NONE = sandboxId -> {};

    void sandboxUsed(String sandboxId);
}
