package io.daytona.proxy;

import java.net.URI;
import java.util.Optional;

/** Tells the proxy where a sandbox's daemon and ports are, after checking that the caller may reach them. */
public interface SandboxDirectory {
    /**
     * Returns the daemon's base URI for a toolbox call.
     *
     * @throws io.daytona.http.ServiceException 401, 404 or 409 when the caller may not reach the sandbox now
     */
    URI daemonFor(String sandboxId, Optional<String> authorization);

    /**
     * Returns the base URI of a sandbox port for a preview request.
     *
     * @param authorization the caller's {@code Authorization} header, if any
     * @param previewToken the {@code X-Daytona-Preview-Token} header, if any
     * @throws io.daytona.http.ServiceException 401, 404 or 409 when the caller may not reach the port now
     */
    URI previewFor(String sandboxId, int port, Optional<String> authorization, Optional<String> previewToken);
}
