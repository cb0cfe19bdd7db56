package io.daytona.runner.api;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP connection made inside a sandbox, relayed over a WebSocket
 * ({@link io.daytona.model.runner.StreamFrames}): binary frames both ways, the text frame
 * {@code {"type":"eof"}} for the client's end of stream, and a close when the connection ends.
 *
 * <p>Public because Jetty binds a listener's methods by reflection.
 */
public final class TcpSocket implements Session.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(TcpSocket.class);

    private final Socket socket;
    private final ExecutorService output = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("tcp-relay").factory());
    private volatile Session session;

    TcpSocket(Socket socket) {
        this.socket = requireNonNull(socket, "socket is null");
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        session = opened;
        Thread.ofVirtual().name("tcp-relay-in").start(this::pumpFromSocket);
        opened.demand();
    }

    private void pumpFromSocket() {
        Session current = session;
        byte[] buffer = new byte[32 * 1024];
        try (InputStream in = socket.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                Callback.Completable done = new Callback.Completable();
                current.sendBinary(ByteBuffer.wrap(buffer, 0, n), done);
                ExecSocket.await(done);
            }
            current.close(StatusCode.NORMAL, "connection closed", Callback.NOOP);
        } catch (IOException e) {
            LOG.debug("relayed connection ended: {}", e.getMessage());
            current.close(StatusCode.NORMAL, "connection ended: " + e.getMessage(), Callback.NOOP);
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        callback.succeed();
        output.execute(() -> {
            try {
                socket.getOutputStream().write(bytes);
                socket.getOutputStream().flush();
                session.demand();
            } catch (IOException e) {
                session.close(StatusCode.NORMAL, "connection ended: " + e.getMessage(), Callback.NOOP);
            }
        });
    }

    @Override
    public void onWebSocketText(String text) {
        output.execute(() -> {
            try {
                if (!socket.isClosed() && !socket.isOutputShutdown()) {
                    socket.shutdownOutput();
                }
            } catch (IOException e) {
                LOG.debug("shutting the connection's output: {}", e.getMessage());
            }
            session.demand();
        });
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        end();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        end();
    }

    private void end() {
        output.shutdownNow();
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
