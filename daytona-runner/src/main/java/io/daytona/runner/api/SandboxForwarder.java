package io.daytona.runner.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.http.ErrorCode;
import io.daytona.http.Exchange;
import io.daytona.http.HttpErrors;
import io.daytona.http.WebSocketRelay;
import io.daytona.model.runner.RunnerTokens;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * The runner's forwarding routes, for proxies that cannot reach sandboxes themselves:
 * {@code ANY /sandboxes/{id}/toolbox/{path}} goes to the sandbox's daemon and
 * {@code ANY /sandboxes/{id}/ports/{port}/{path}} to a port of the sandbox (previews), HTTP and
 * WebSocket alike, streaming both ways. The runner's credentials are checked here and removed;
 * the path after the prefix travels as it came, still encoded.
 */
final class SandboxForwarder extends ProxyHandler {
    private static final Pattern TOOLBOX = Pattern.compile("/sandboxes/([^/]+)/toolbox(/.*)?");
    private static final Pattern PORT = Pattern.compile("/sandboxes/([^/]+)/ports/(\\d{1,5})(/.*)?");
    private static final String TARGET = SandboxForwarder.class.getName() + ".target";
    private static final Duration UPSTREAM_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final RunnerAuthorization authorization;
    private final Function<String, Optional<URI>> daemons;
    private final ObjectMapper json;
    private final WebSocketClient webSockets = new WebSocketClient();

    /**
     * @param daemons where a running sandbox's daemon listens, by sandbox id; empty when it does not run
     */
    SandboxForwarder(RunnerAuthorization authorization, Function<String, Optional<URI>> daemons, ObjectMapper json) {
        this.authorization = requireNonNull(authorization, "authorization is null");
        this.daemons = requireNonNull(daemons, "daemons is null");
        this.json = requireNonNull(json, "json is null");
        webSockets.setIdleTimeout(Duration.ofHours(1));
        webSockets.setMaxBinaryMessageSize(64L * 1024 * 1024);
        webSockets.setMaxTextMessageSize(64L * 1024 * 1024);
        addBean(webSockets);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        Matcher toolbox = TOOLBOX.matcher(path);
        Matcher port = toolbox.matches() ? null : PORT.matcher(path);
        if (!toolbox.matches() && !port.matches()) {
            return false;
        }
        if (!authorization.allows(Optional.ofNullable(request.getHeaders().get(HttpHeader.AUTHORIZATION)),
                Optional.ofNullable(request.getHeaders().get(RunnerTokens.AUTHORIZATION_HEADER)))) {
            HttpErrors.write(json, request, response, callback, ErrorCode.UNAUTHORIZED,
                    "Send this runner's token: Authorization: Bearer <token> (or X-Daytona-Authorization)");
            return true;
        }
        String sandboxId = toolbox.matches() ? toolbox.group(1) : port.group(1);
        Optional<URI> daemon = daemons.apply(sandboxId);
        if (daemon.isEmpty()) {
            HttpErrors.write(json, request, response, callback, ErrorCode.CONFLICT,
                    "Sandbox %s is not running on this runner; start it first".formatted(sandboxId));
            return true;
        }
        String base = toolbox.matches() ? daemon.get().toString()
                : "http://" + daemon.get().getHost() + ":" + Integer.parseInt(port.group(2));
        String rest = toolbox.matches() ? toolbox.group(2) : port.group(3);
        HttpURI target = HttpURI.build(base)
                .path(rest == null || rest.isEmpty() ? "/" : rest)
                .query(request.getHttpURI().getQuery())
                .asImmutable();
        if (Exchange.isWebSocketUpgrade(request)) {
            return relayWebSocket(request, response, callback, target);
        }
        request.setAttribute(TARGET, target);
        return super.handle(request, response, callback);
    }

    /** Connects to the sandbox first, then accepts the client's upgrade with the subprotocol the sandbox chose. */
    private boolean relayWebSocket(Request request, Response response, Callback callback, HttpURI target) {
        ServerWebSocketContainer container = ServerWebSocketContainer.get(request.getContext());
        URI upstream = URI.create(target.asString().replaceFirst("^http", "ws"));
        container.upgrade((upgradeRequest, upgradeResponse, upgradeCallback) -> {
            CompletableFuture<Session> client = new CompletableFuture<>();
            ClientUpgradeRequest toSandbox = new ClientUpgradeRequest();
            upgradeRequest.getHeaders().forEach(field -> {
                if (field.getName().regionMatches(true, 0, "X-Daytona-", 0, 10)
                        && !field.getName().equalsIgnoreCase(RunnerTokens.AUTHORIZATION_HEADER)) {
                    toSandbox.setHeader(field.getName(), field.getValue());
                }
            });
            toSandbox.setSubProtocols(upgradeRequest.getSubProtocols());
            Session sandboxSession;
            try {
                sandboxSession = webSockets.connect(new WebSocketRelay(client, new CompletableFuture<>()), upstream, toSandbox)
                        .get(UPSTREAM_CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                ErrorCode code = refusal(e);
                HttpErrors.write(json, upgradeRequest, upgradeResponse, upgradeCallback, code, code == ErrorCode.BAD_GATEWAY
                        ? "The sandbox did not accept the WebSocket: " + e.getMessage()
                        : "The sandbox refused the WebSocket with " + code.status() + " " + code.reason());
                return null;
            }
            String accepted = sandboxSession.getUpgradeResponse().getAcceptedSubProtocol();
            if (accepted != null) {
                upgradeResponse.setAcceptedSubProtocol(accepted);
            }
            return new WebSocketRelay(CompletableFuture.completedFuture(sandboxSession), client);
        }, request, response, callback);
        return true;
    }

    /** The sandbox's own answer when it refused the upgrade; 502 when it could not be reached at all. */
    private static ErrorCode refusal(Throwable failure) {
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
        proxyToServerRequest.headers(headers -> {
            headers.remove(HttpHeader.AUTHORIZATION);
            headers.remove(RunnerTokens.AUTHORIZATION_HEADER);
        });
    }

    @Override
    protected void configureHttpClient(HttpClient client) {
        super.configureHttpClient(client);
        client.setIdleTimeout(60L * 60 * 1000);
        client.setConnectTimeout(5_000);
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
        HttpErrors.write(json, clientToProxyRequest, proxyToClientResponse, proxyToClientCallback, ErrorCode.BAD_GATEWAY,
                "The sandbox did not answer on this port: " + failure.getMessage());
    }
}
