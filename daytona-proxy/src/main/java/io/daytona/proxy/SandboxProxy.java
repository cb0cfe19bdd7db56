package io.daytona.proxy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.http.ErrorCode;
import io.daytona.http.HttpErrors;
import io.daytona.http.ServiceException;
import io.daytona.http.Exchange;
import io.daytona.http.WebSocketRelay;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public edge of sandboxes. Requests to a preview host ({@code {port}-{sandboxId}.{domain}})
 * go to that port of the sandbox; {@code /toolbox/{sandboxId}/...} goes to the sandbox's daemon.
 * Jetty's reverse proxy streams bodies both ways; WebSockets are relayed. The caller's
 * credentials are checked here and never reach the sandbox.
 */
public final class SandboxProxy extends ProxyHandler {
    /** The header that carries a private sandbox's preview token. */
    public static final String PREVIEW_TOKEN_HEADER = "X-Daytona-Preview-Token";
    /** With the value {@code true}, the request does not count as activity of the sandbox (so auto-stop still comes). */
    public static final String SKIP_LAST_ACTIVITY_HEADER = "X-Daytona-Skip-Last-Activity-Update";
    /** With the value {@code true}, the proxy leaves CORS to the sandbox's server: no headers added, preflights forwarded. */
    public static final String DISABLE_CORS_HEADER = "X-Daytona-Disable-CORS";
    private static final Logger LOG = LoggerFactory.getLogger(SandboxProxy.class);
    private static final String TARGET = SandboxProxy.class.getName() + ".target";
    private static final String RESENT = SandboxProxy.class.getName() + ".resent";
    /** Connections to one sandbox port (or daemon) at once: requests beyond wait for one to be free. */
    static final int MAX_CONNECTIONS_PER_PORT = 1024;
    /** How often a request failed by a closing kept-alive connection is sent again. */
    private static final int RESENDS = 2;
    private static final String UPSTREAM_HEADERS = SandboxProxy.class.getName() + ".headers";

    private static final Duration UPSTREAM_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final SandboxDirectory directory;
    private final ActivityRecorder activity;
    private final ObjectMapper json;
    private final PreviewOptions options;
    private final WebSocketClient webSockets = new WebSocketClient();

    public SandboxProxy(SandboxDirectory directory, ActivityRecorder activity, ObjectMapper json) {
        this(directory, activity, json, PreviewOptions.defaults());
    }

    public SandboxProxy(SandboxDirectory directory, ActivityRecorder activity, ObjectMapper json, PreviewOptions options) {
        this.options = requireNonNull(options, "options is null");
        this.directory = requireNonNull(directory, "directory is null");
        this.activity = requireNonNull(activity, "activity is null");
        this.json = requireNonNull(json, "json is null");
        webSockets.setIdleTimeout(Duration.ofHours(1));
        webSockets.setMaxBinaryMessageSize(64L * 1024 * 1024);
        webSockets.setMaxTextMessageSize(64L * 1024 * 1024);
        addBean(webSockets);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Optional<PreviewHost> preview = PreviewHost.parse(request.getHeaders().get(HttpHeader.HOST));
        if (preview.isPresent()) {
            return handlePreview(preview.get(), request, response, callback);
        }
        Optional<ToolboxPath> path = ToolboxPath.parse(Request.getPathInContext(request));
        if (path.isEmpty()) {
            return false;
        }
        Optional<String> authorization = Optional.ofNullable(request.getHeaders().get(HttpHeader.AUTHORIZATION));
        HttpURI target;
        SandboxDirectory.Upstream upstream;
        try {
            upstream = directory.toolboxUpstream(path.get().sandboxId(), authorization);
            target = HttpURI.build(upstream.base().toString())
                    .path(under(upstream.base(), path.get().daemonPath()))
                    .query(request.getHttpURI().getQuery())
                    .asImmutable();
        } catch (ServiceException e) {
            HttpErrors.write(json, request, response, callback, e.code(), e.getMessage());
            return true;
        } catch (RuntimeException e) {
            HttpErrors.write(json, request, response, callback, ErrorCode.INTERNAL_SERVER_ERROR, "Internal error: " + e);
            return true;
        }
        recordActivity(path.get().sandboxId(), request);
        request.setAttribute(UPSTREAM_HEADERS, upstream.headers());
        if (Exchange.isWebSocketUpgrade(request)) {
            return relayWebSocket(request, response, callback, target);
        }
        request.setAttribute(TARGET, target);
        return super.handle(request, response, answered(path.get(), authorization, request, response, callback));
    }

    /** {@code path} under the base's own path: the runner's forwarding route, or nothing for a daemon or port. */
    private static String under(URI base, String path) {
        String prefix = base.getRawPath() == null ? "" : base.getRawPath();
        return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) + path : prefix + path;
    }

    /**
     * A preview host: CORS preflights are answered here (browsers send them without credentials),
     * then the caller is checked, a browser's first visit sees the warning page, and the request
     * goes to the sandbox's port.
     */
    private boolean handlePreview(PreviewHost preview, Request request, Response response, Callback callback) {
        boolean cors = !"true".equalsIgnoreCase(request.getHeaders().get(DISABLE_CORS_HEADER));
        if (cors && PreviewCors.isPreflight(request)) {
            PreviewCors.answerPreflight(request, response, callback);
            return true;
        }
        SandboxDirectory.PreviewTarget target;
        try {
            target = directory.preview(preview.sandboxIdOrToken(), preview.port(),
                    Optional.ofNullable(request.getHeaders().get(HttpHeader.AUTHORIZATION)),
                    Optional.ofNullable(request.getHeaders().get(PREVIEW_TOKEN_HEADER)));
        } catch (ServiceException e) {
            previewError(request, response, callback, e.code(), e.getMessage());
            return true;
        } catch (RuntimeException e) {
            previewError(request, response, callback, ErrorCode.INTERNAL_SERVER_ERROR, "Internal error: " + e);
            return true;
        }
        if (options.warningPage() && PreviewWarning.applies(request)) {
            PreviewWarning.respond(request, response, callback);
            return true;
        }
        recordActivity(target.sandboxId(), request);
        request.setAttribute(UPSTREAM_HEADERS, target.headers());
        // Built from its parts: formatting the target and parsing it again cost a few percent of a request.
        HttpURI uri = HttpURI.build()
                .scheme(target.uri().getScheme())
                .host(target.uri().getHost())
                .port(target.uri().getPort())
                .path(under(target.uri(), request.getHttpURI().getPath()))
                .query(request.getHttpURI().getQuery())
                .asImmutable();
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (cors && origin != null && !Exchange.isWebSocketUpgrade(request)) {
            return forward(request, PreviewCors.allowing(request, response, origin), callback, uri);
        }
        return forward(request, response, callback, uri);
    }

    private boolean forward(Request request, Response response, Callback callback, HttpURI target) {
        if (Exchange.isWebSocketUpgrade(request)) {
            return relayWebSocket(request, response, callback, target);
        }
        request.setAttribute(TARGET, target);
        return super.handle(request, response, callback);
    }

    /** Tells the directory once a toolbox call was answered (for the audit log); never fails the call. */
    private Callback answered(ToolboxPath path, Optional<String> authorization, Request request, Response response, Callback callback) {
        java.time.Instant at = java.time.Instant.now();
        Runnable report = () -> {
            try {
                directory.toolboxCallAnswered(path.sandboxId(), authorization, new SandboxDirectory.ToolboxCall(request.getMethod(),
                        path.daemonPath(), response.getStatus(), at, String.valueOf(Request.getRemoteAddr(request)),
                        request.getHeaders().get(HttpHeader.USER_AGENT), request.getHeaders().get("X-Daytona-Source")));
            } catch (RuntimeException e) {
                LOG.warn("could not report the toolbox call {} {} of sandbox {}: {}", request.getMethod(), path.daemonPath(),
                        path.sandboxId(), e.getMessage());
            }
        };
        return Callback.from(() -> {
            report.run();
            callback.succeeded();
        }, failure -> {
            report.run();
            callback.failed(failure);
        });
    }

    /** Browsers get a page that says what is wrong; programs the usual JSON error. */
    private void previewError(Request request, Response response, Callback callback, ErrorCode code, String message) {
        if (!contains(request.getHeaders().get(HttpHeader.ACCEPT), "text/html")) {
            HttpErrors.write(json, request, response, callback, code, message);
            return;
        }
        String page = """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>%d %s</title>
                <style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#222}</style></head>
                <body><h1>%s</h1><p>%s</p></body></html>
                """.formatted(code.status(), PreviewWarning.html(code.reason()),
                code == ErrorCode.CONFLICT ? "This sandbox is not running" : PreviewWarning.html(code.reason()),
                PreviewWarning.html(message));
        response.setStatus(code.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, java.nio.ByteBuffer.wrap(page.getBytes(java.nio.charset.StandardCharsets.UTF_8)), callback);
    }

    private static boolean contains(String header, String part) {
        return header != null && header.contains(part);
    }

    /** Counts the request as the sandbox's activity, unless it asks not to; a failure here never fails the request. */
    private void recordActivity(String sandboxId, Request request) {
        if ("true".equalsIgnoreCase(request.getHeaders().get(SKIP_LAST_ACTIVITY_HEADER))) {
            return;
        }
        try {
            activity.sandboxUsed(sandboxId);
        } catch (RuntimeException e) {
            LOG.warn("could not record activity of sandbox {}: {}", sandboxId, e.getMessage());
        }
    }

    /**
     * Connects to the daemon first, then accepts the client's upgrade with the subprotocol the
     * daemon chose, and relays frames both ways. The caller's credentials stay here.
     */
    private boolean relayWebSocket(Request request, Response response, Callback callback, HttpURI target) {
        ServerWebSocketContainer container = ServerWebSocketContainer.get(request.getContext());
        URI upstream = URI.create(target.asString().replaceFirst("^http", "ws"));
        container.upgrade((upgradeRequest, upgradeResponse, upgradeCallback) -> {
            CompletableFuture<Session> client = new CompletableFuture<>();
            ClientUpgradeRequest toDaemon = new ClientUpgradeRequest();
            upgradeRequest.getHeaders().forEach(field -> {
                if (field.getName().regionMatches(true, 0, "X-Daytona-", 0, 10)
                        && !field.getName().equalsIgnoreCase(RUNNER_AUTHORIZATION_HEADER)) {
                    toDaemon.setHeader(field.getName(), field.getValue());
                }
            });
            toDaemon.setSubProtocols(upgradeRequest.getSubProtocols());
            upstreamHeaders(request).forEach(toDaemon::setHeader);
            Session daemonSession;
            try {
                daemonSession = webSockets.connect(new WebSocketRelay(client, new CompletableFuture<>()), upstream, toDaemon)
                        .get(UPSTREAM_CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                ErrorCode code = refusal(e);
                HttpErrors.write(json, upgradeRequest, upgradeResponse, upgradeCallback, code, code == ErrorCode.BAD_GATEWAY
                        ? "The sandbox did not accept the WebSocket: " + e.getMessage()
                        : "The sandbox refused the WebSocket with " + code.status() + " " + code.reason());
                return null;
            }
            String accepted = daemonSession.getUpgradeResponse().getAcceptedSubProtocol();
            if (accepted != null) {
                upgradeResponse.setAcceptedSubProtocol(accepted);
            }
            return new WebSocketRelay(CompletableFuture.completedFuture(daemonSession), client);
        }, request, response, callback);
        return true;
    }

    /**
     * The daemon's own answer when it refused the upgrade (a PTY that does not exist is a 404,
     * not a proxy failure); 502 when it could not be reached at all.
     */
    static ErrorCode refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UpgradeException upgrade) {
                for (ErrorCode code : ErrorCode.values()) {
                    if (code.status() == upgrade.getResponseStatusCode() && code.status() < 500) {
                        return code;
                    }
                }
            }
        }
        return ErrorCode.BAD_GATEWAY;
    }

    @Override
    protected HttpURI rewriteHttpURI(Request request) {
        return (HttpURI) request.getAttribute(TARGET);
    }

    @Override
    protected void copyRequestHeaders(Request clientToProxyRequest, org.eclipse.jetty.client.Request proxyToServerRequest) {
        super.copyRequestHeaders(clientToProxyRequest, proxyToServerRequest);
        Map<String, String> upstream = upstreamHeaders(clientToProxyRequest);
        proxyToServerRequest.headers(headers -> {
            headers.remove(HttpHeader.AUTHORIZATION);
            headers.remove(PREVIEW_TOKEN_HEADER);
            headers.remove(RUNNER_AUTHORIZATION_HEADER);
            upstream.forEach(headers::put);
        });
    }

    /** The runner's credential header, which only the proxy may set. */
    private static final String RUNNER_AUTHORIZATION_HEADER = "X-Daytona-Authorization";

    @SuppressWarnings("unchecked")
    private static Map<String, String> upstreamHeaders(Request request) {
        Object headers = request.getAttribute(UPSTREAM_HEADERS);
        return headers == null ? Map.of() : (Map<String, String>) headers;
    }

    @Override
    protected void configureHttpClient(HttpClient client) {
        super.configureHttpClient(client);
        client.setIdleTimeout(60L * 60 * 1000);
        client.setConnectTimeout(5_000);
        // Jetty's default is 64 connections per sandbox port, after which requests wait in a queue:
        // 64 open event streams or long polls to one preview would hold up every other visitor.
        client.setMaxConnectionsPerDestination(MAX_CONNECTIONS_PER_PORT);
    }

    @Override
    protected void onServerToProxyResponseFailure(Request clientToProxyRequest, org.eclipse.jetty.client.Request proxyToServerRequest,
                                                  org.eclipse.jetty.client.Response serverToProxyResponse, Response proxyToClientResponse,
                                                  Callback proxyToClientCallback, Throwable failure) {
        if (proxyToClientResponse.isCommitted()) {
            super.onServerToProxyResponseFailure(clientToProxyRequest, proxyToServerRequest, serverToProxyResponse,
                    proxyToClientResponse, proxyToClientCallback, failure);
            return;
        }
        if (mayResend(clientToProxyRequest, serverToProxyResponse, failure)) {
            super.handle(clientToProxyRequest, proxyToClientResponse, proxyToClientCallback);
            return;
        }
        HttpErrors.write(json, clientToProxyRequest, proxyToClientResponse, proxyToClientCallback, ErrorCode.BAD_GATEWAY,
                "The sandbox did not answer on this port: " + failure.getMessage());
    }

    /**
     * Whether a request that got no answer may be sent again: a server closes a kept-alive
     * connection when its keep-alive timeout ends (Node's after 5 s), and a request sent on it in
     * that moment fails without having been processed. A request without a body, of a method that
     * is safe to repeat, that failed on the connection's end (not a timeout) before any response
     * arrived, is sent again, on another connection, at most {@link #RESENDS} times.
     */
    private static boolean mayResend(Request request, org.eclipse.jetty.client.Response response, Throwable failure) {
        boolean idempotent = HttpMethod.GET.is(request.getMethod()) || HttpMethod.HEAD.is(request.getMethod())
                || HttpMethod.OPTIONS.is(request.getMethod());
        boolean noBody = request.getLength() <= 0 && !request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        boolean connectionEnded = failure instanceof java.io.EOFException || failure instanceof java.nio.channels.ClosedChannelException
                || (failure instanceof java.io.IOException && !(failure instanceof java.net.ConnectException));
        if (!idempotent || !noBody || !connectionEnded || (response != null && response.getStatus() > 0)) {
            return false;
        }
        int resent = request.getAttribute(RESENT) instanceof Integer count ? count : 0;
        request.setAttribute(RESENT, resent + 1);
        return resent < RESENDS;
    }
}
