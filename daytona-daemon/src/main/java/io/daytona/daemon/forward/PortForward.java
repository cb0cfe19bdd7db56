package io.daytona.daemon.forward;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.http.ErrorCode;
import io.daytona.http.Exchange;
import io.daytona.http.HttpErrors;
import io.daytona.http.ServiceException;
import io.daytona.http.WebSocketRelay;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * {@code ANY /proxy/{port}/{path}}: forwards to {@code http://127.0.0.1:{port}/{path}} inside
 * the sandbox (the route the preview hosts end at). Jetty's reverse proxy streams bodies both
 * ways and drops hop-by-hop headers; WebSocket upgrades are relayed frame by frame.
 */
public final class PortForward extends ProxyHandler {
    private static final String TARGET = PortForward.class.getName() + ".target";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final int daemonPort;
    private final ObjectMapper json;
    private final QueuedThreadPool threads = new QueuedThreadPool(8, 1);
    private final HttpClient webSocketHttp = new HttpClient();
    private WebSocketClient webSockets; // started on the first relayed WebSocket; guarded by this

    /** @param daemonPort the daemon's own port, refused so a request cannot loop */
    public PortForward(int daemonPort, ObjectMapper json) {
        this.daemonPort = daemonPort;
        this.json = requireNonNull(json, "json is null");
        // One small pool for both clients: each would otherwise start eight idle platform threads in every sandbox.
        threads.setName("forward");
        threads.setStopTimeout(500);
        threads.setVirtualThreadsExecutor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("forward-", 0).factory()));
        addBean(threads);
        webSocketHttp.setExecutor(threads);
        addBean(webSocketHttp);
    }

    /**
     * The WebSocket client starts its own pool of eight platform threads, which Jetty does not let
     * us share; most sandboxes never relay a WebSocket, so only those that do pay for it.
     */
    private synchronized WebSocketClient webSockets() throws Exception {
        if (webSockets == null) {
            WebSocketClient client = new WebSocketClient(webSocketHttp);
            client.setIdleTimeout(Duration.ofHours(1));
            client.setMaxBinaryMessageSize(64L * 1024 * 1024);
            client.setMaxTextMessageSize(64L * 1024 * 1024);
            client.setConnectTimeout(CONNECT_TIMEOUT.toMillis());
            client.start();
            webSockets = client;
        }
        return webSockets;
    }

    @Override
    protected void doStop() throws Exception {
        synchronized (this) {
            if (webSockets != null) {
                webSockets.stop();
                webSockets = null;
            }
        }
        super.doStop();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Optional<ForwardPath> path;
        try {
            path = ForwardPath.parse(request.getHttpURI().getPath(), daemonPort);
        } catch (ServiceException e) {
            HttpErrors.write(json, request, response, callback, e.code(), e.getMessage());
            return true;
        }
        if (path.isEmpty()) {
            return false;
        }
        HttpURI target = HttpURI.build("http://127.0.0.1:" + path.get().port())
                .path(path.get().path())
                .query(request.getHttpURI().getQuery())
                .asImmutable();
        if (Exchange.isWebSocketUpgrade(request)) {
            return relayWebSocket(request, response, callback, target);
        }
        request.setAttribute(TARGET, target);
        return super.handle(request, response, callback);
    }

    /**
     * Connects to the sandbox's server first, then accepts the caller's upgrade with the
     * subprotocol that server chose; a server that refuses or is not there is a 502.
     */
    private boolean relayWebSocket(Request request, Response response, Callback callback, HttpURI target) {
        ServerWebSocketContainer container = ServerWebSocketContainer.get(request.getContext());
        URI upstream = URI.create(target.asString().replaceFirst("^http", "ws"));
        container.upgrade((upgradeRequest, upgradeResponse, upgradeCallback) -> {
            CompletableFuture<Session> caller = new CompletableFuture<>();
            ClientUpgradeRequest toServer = new ClientUpgradeRequest();
            toServer.setSubProtocols(upgradeRequest.getSubProtocols());
            Session serverSession;
            try {
                serverSession = webSockets().connect(new WebSocketRelay(caller, new CompletableFuture<>()), upstream, toServer)
                        .get(CONNECT_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                HttpErrors.write(json, upgradeRequest, upgradeResponse, upgradeCallback, ErrorCode.BAD_GATEWAY,
                        "No WebSocket server accepted the connection on port " + upstream.getPort() + ": " + e.getMessage());
                return null;
            }
            String accepted = serverSession.getUpgradeResponse().getAcceptedSubProtocol();
            if (accepted != null) {
                upgradeResponse.setAcceptedSubProtocol(accepted);
            }
            return new WebSocketRelay(CompletableFuture.completedFuture(serverSession), caller);
        }, request, response, callback);
        return true;
    }

    @Override
    protected HttpURI rewriteHttpURI(Request request) {
        return (HttpURI) request.getAttribute(TARGET);
    }

    @Override
    protected void configureHttpClient(HttpClient client) {
        super.configureHttpClient(client);
        client.setExecutor(threads);
        client.setIdleTimeout(60L * 60 * 1000);
        client.setConnectTimeout(CONNECT_TIMEOUT.toMillis());
        // Redirects belong to the caller, as they would without the proxy in between.
        client.setFollowRedirects(false);
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
                "Nothing answered on port " + proxyToServerRequest.getURI().getPort() + " in the sandbox: " + failure.getMessage());
    }
}
