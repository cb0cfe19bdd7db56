package io.daytona.daemon.pty;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * One WebSocket attached to a terminal: what it sends is typed into the terminal.
 *
 * <p>Public because Jetty binds a listener's methods by reflection.
 */
public final class PtyClient implements Session.Listener.AutoDemanding {
    private final PtySession terminal;
    private volatile Session session;

    PtyClient(PtySession terminal) {
        this.terminal = requireNonNull(terminal, "terminal is null");
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        session = opened;
        try {
            terminal.attach(opened);
        } catch (IOException e) {
            opened.sendText("{\"type\":\"control\",\"status\":\"error\",\"error\":\"Failed to connect to PTY session: "
                    + e.getMessage().replace("\"", "'") + "\"}", Callback.NOOP);
            opened.close(StatusCode.SERVER_ERROR, "failed to start the terminal", Callback.NOOP);
        }
    }

    @Override
    public void onWebSocketText(String text) {
        type(PtySession.utf8(text));
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        callback.succeed();
        type(bytes);
    }

    private void type(byte[] bytes) {
        try {
            terminal.input(bytes);
        } catch (IOException e) {
            Session current = session;
            if (current != null) {
                current.close(StatusCode.SERVER_ERROR, e.getMessage(), Callback.NOOP);
            }
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        Session current = session;
        if (current != null) {
            terminal.detach(current);
        }
    }
}
