package io.daytona.daemon.pty;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * The browser's side of a web terminal: binary frames are keystrokes, text frames are
 * {@code {"cols":n,"rows":n}} resizes. The shell is the connection's own and ends with it.
 *
 * <p>Public because Jetty binds a listener's methods by reflection.
 */
public final class WebTerminalClient implements Session.Listener.AutoDemanding {
    private final PtySession terminal;
    private final ObjectMapper mapper;
    private volatile Session session;

    WebTerminalClient(PtySession terminal, ObjectMapper mapper) {
        this.terminal = requireNonNull(terminal, "terminal is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        session = opened;
        try {
            terminal.attach(opened);
        } catch (IOException e) {
            opened.close(StatusCode.SERVER_ERROR, "failed to start the terminal", Callback.NOOP);
        }
    }

    @Override
    public void onWebSocketText(String text) {
        try {
            JsonNode size = mapper.readTree(text);
            int cols = size.path("cols").asInt(0);
            int rows = size.path("rows").asInt(0);
            if (cols >= 1 && cols <= 1000 && rows >= 1 && rows <= 1000) {
                terminal.resize(cols, rows);
            }
        } catch (IOException e) {
            // not a resize: a browser page of another version, nothing to do
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        callback.succeed();
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
        terminal.kill();
    }
}
