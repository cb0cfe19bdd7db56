package io.daytona.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.model.error.ErrorResponse;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * A started Jetty server whose handlers run on virtual threads. Every role serves HTTP through
 * this class, so one stack serves the control plane, the proxy and the in-sandbox daemon.
 */
public final class HttpServer implements AutoCloseable {
    private static final java.time.Duration IDLE_TIMEOUT = java.time.Duration.ofHours(1);

    private final Server server;
    private final ServerConnector connector;

    private HttpServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * Starts serving {@code handler} on {@code host:port} (port 0 picks a free port). Requests no
     * handler takes get a JSON 404.
     */
    public static HttpServer start(String name, String host, int port, Handler handler, ObjectMapper mapper) throws Exception {
        requireNonNull(handler, "handler is null");
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName(name);
        threads.setVirtualThreadsExecutor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name + "-", 0).factory()));
        Server server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendDateHeader(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
        connector.setHost(host);
        connector.setPort(port);
        connector.setReuseAddress(true);
        // Commands and streams may stay silent for long; the SDKs allow calls of up to a day.
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        server.addConnector(connector);
        server.setHandler(new Handler.Sequence(handler, new NotFound(mapper)));
        // Routes may upgrade to WebSocket through Exchange#upgrade, which uses this container.
        ServerWebSocketContainer webSockets = ServerWebSocketContainer.ensure(server);
        webSockets.setIdleTimeout(IDLE_TIMEOUT);
        webSockets.setMaxBinaryMessageSize(64L * 1024 * 1024);
        webSockets.setMaxTextMessageSize(64L * 1024 * 1024);
        server.setStopTimeout(2_000);
        server.start();
        return new HttpServer(server, connector);
    }

    public int port() {
        return connector.getLocalPort();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(connector.getHost() == null ? "0.0.0.0" : connector.getHost(), port());
    }

    public Server jetty() {
        return server;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private static final class NotFound extends Handler.Abstract.NonBlocking {
        private final ObjectMapper mapper;

        NotFound(ObjectMapper mapper) {
            this.mapper = mapper;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = Request.getPathInContext(request);
            ErrorResponse body = new ErrorResponse(404, "Cannot %s %s".formatted(request.getMethod(), path),
                    "Not Found", "NOT_FOUND", path, request.getMethod(), Instant.now());
            byte[] bytes = mapper.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
            response.setStatus(404);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
            response.write(true, ByteBuffer.wrap(bytes), callback);
            return true;
        }
    }
}
