package io.daytona.proxy;

import java.net.URI;
import java.util.Optional;

/** Tells the proxy where a sandbox's daemon is, after checking that the caller may reach it. */
@FunctionalInterface
public interface SandboxDirectory {
    /**
     * Returns the daemon's base URI.
     *
     * @throws io.daytona.http.ServiceException 401, 404 or 409 when the caller may not reach the sandbox now
     */
    URI daemonFor(String sandboxId, Optional<String> authorization);
}
