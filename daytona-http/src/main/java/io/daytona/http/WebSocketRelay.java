package io.daytona.http;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * One end of a WebSocket relayed between a client and an upstream server (the proxy and the daemon both relay). Each frame received
 * is sent to the other end, and the next frame is only asked for once that send completed, so a
 * slow reader slows its writer instead of filling memory. A close on one end closes the other
 * with the same code and reason.
 *
 * <p>Public because Jetty binds a listener's methods by reflection.
 */
public final class WebSocketRelay implements Session.Listener {
    private final CompletableFuture<Session> peer;
    private final CompletableFuture<Session> opened;
    private volatile Session self;

    /**
     * @param peer the other end, once it is open
     * @param opened completed with this end's session when it opens
     */
    public WebSocketRelay(CompletableFuture<Session> peer, CompletableFuture<Session> opened) {
        this.peer = requireNonNull(peer, "peer is null");
        this.opened = requireNonNull(opened, "opened is null");
    }

    @Override
    public void onWebSocketOpen(Session session) {
        self = session;
        opened.complete(session);
        // Frames are read only once there is somewhere to send them.
        peer.thenRun(session::demand);
    }

    @Override
    public void onWebSocketText(String text) {
        peer.join().sendText(text, Callback.from(self::demand, this::failed));
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        peer.join().sendBinary(payload, Callback.from(() -> {
            callback.succeed();
            self.demand();
        }, failure -> {
            callback.fail(failure);
            failed(failure);
        }));
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        Session other = peer.getNow(null);
        if (other != null && other.isOpen()) {
            other.close(sendable(statusCode), reason, Callback.NOOP);
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        failed(cause);
    }

    private void failed(Throwable cause) {
        Session other = peer.getNow(null);
        if (other != null && other.isOpen()) {
            other.close(StatusCode.SERVER_ERROR, "relay failed: " + cause.getMessage(), Callback.NOOP);
        }
        Session mine = self;
        if (mine != null && mine.isOpen()) {
            mine.close(StatusCode.SERVER_ERROR, "relay failed", Callback.NOOP);
        }
    }

    /** Codes that only describe a missing or abnormal close may not be sent on the wire. */
    static int sendable(int statusCode) {
        return switch (statusCode) {
            case StatusCode.NO_CODE -> StatusCode.NORMAL;
            case StatusCode.ABNORMAL, StatusCode.FAILED_TLS_HANDSHAKE -> StatusCode.SERVER_ERROR;
            default -> statusCode;
        };
    }
}
