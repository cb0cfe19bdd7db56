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
     * Where a toolbox call goes: the daemon itself ({@link #daemonFor}, the default), or the
     * forwarding route of the runner hosting the sandbox, with the runner's credential.
     *
     * @throws io.daytona.http.ServiceException 401, 404 or 409 when the caller may not reach the sandbox now
     */
    default Upstream toolboxUpstream(String sandboxId, Optional<String> authorization) {
        return Upstream.direct(daemonFor(sandboxId, authorization));
    }

    /**
     * Where requests go: {@code base} (the daemon, a sandbox port, or a runner's forwarding route
     * for it) with the request's own path appended to the base's path, and {@code headers} added
     * (a runner's credential); the caller's {@code Authorization} never travels.
     */
    record Upstream(URI base, java.util.Map<String, String> headers) {
        public Upstream {
            java.util.Objects.requireNonNull(base, "base is null");
            headers = java.util.Map.copyOf(headers);
        }

        public static Upstream direct(URI base) {
            return new Upstream(base, java.util.Map.of());
        }
    }

    /**
     * Returns the base URI of a sandbox port for a preview request.
     *
     * @param authorization the caller's {@code Authorization} header, if any
     * @param previewToken the {@code X-Daytona-Preview-Token} header, if any
     * @throws io.daytona.http.ServiceException 401, 404 or 409 when the caller may not reach the port now
     */
    URI previewFor(String sandboxId, int port, Optional<String> authorization, Optional<String> previewToken);

    /**
     * Resolves a preview host's label, {@code {port}-{sandboxIdOrToken}}, where the second part is
     * a sandbox id or a signed preview token, to the sandbox and its port's base URI.
     *
     * @throws io.daytona.http.ServiceException 401, 404 or 409 when the caller may not reach the port now
     */
    default PreviewTarget preview(String sandboxIdOrToken, int port, Optional<String> authorization, Optional<String> previewToken) {
        return new PreviewTarget(sandboxIdOrToken, previewFor(sandboxIdOrToken, port, authorization, previewToken));
    }

    /**
     * Where a preview request goes.
     *
     * @param sandboxId the sandbox (whose activity the request counts as)
     * @param uri the base URI of the sandbox's port, or of the runner's forwarding route for it
     * @param headers added to the request (the runner's credential)
     */
    record PreviewTarget(String sandboxId, URI uri, java.util.Map<String, String> headers) {
        public PreviewTarget {
            headers = java.util.Map.copyOf(headers);
        }

        public PreviewTarget(String sandboxId, URI uri) {
            this(sandboxId, uri, java.util.Map.of());
        }
    }

    /**
     * Tells the platform that a toolbox call was answered, for its audit log.
     *
     * @param call the call: method, daemon path, status, when it arrived and who sent it
     */
    default void toolboxCallAnswered(String sandboxId, Optional<String> authorization, ToolboxCall call) {}

    /**
     * A forwarded toolbox call and its answer.
     *
     * @param method the HTTP method
     * @param daemonPath the path on the daemon, e.g. {@code /process/execute}
     * @param status the status the client got
     * @param at when the call arrived
     * @param clientAddress the client's address
     * @param userAgent the client's {@code User-Agent}, or null
     * @param source the client's {@code X-Daytona-Source}, or null
     */
    record ToolboxCall(String method, String daemonPath, int status, java.time.Instant at, String clientAddress, String userAgent,
                       String source) {}
}
