package io.daytona.runner.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.model.runner.StreamFrames;
import io.daytona.runner.attach.ExecAttachment;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process in a sandbox, attached over a WebSocket ({@link StreamFrames}): its output goes out
 * in tagged binary frames, then its exit code; stdin, resizes and the end of stdin come in. The
 * next incoming frame is asked for only once the previous one was written to the process, and
 * output is read only as fast as the client takes it.
 *
 * <p>Public because Jetty binds a listener's methods by reflection.
 */
public final class ExecSocket implements Session.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(ExecSocket.class);

    private final ExecAttachment attachment;
    private final ObjectMapper json;
    /** Writes to the process's stdin in order, off Jetty's threads. */
    private final ExecutorService input = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("exec-stdin").factory());
    private volatile Session session;

    ExecSocket(ExecAttachment attachment, ObjectMapper json) {
        this.attachment = requireNonNull(attachment, "attachment is null");
        this.json = requireNonNull(json, "json is null");
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        session = opened;
        Thread.ofVirtual().name("exec-output").start(this::pumpOutput);
        opened.demand();
    }

    private void pumpOutput() {
        Session current = session;
        try {
            attachment.copyOutput(new Frames(current, StreamFrames.STDOUT), new Frames(current, StreamFrames.STDERR));
            int exitCode = attachment.exitCode();
            send(current, "{\"type\":\"exit\",\"exitCode\":" + exitCode + "}");
            current.close(StatusCode.NORMAL, "exited", Callback.NOOP);
        } catch (IOException e) {
            LOG.debug("exec stream ended: {}", e.getMessage());
            current.close(StatusCode.SERVER_ERROR, "the process's streams failed: " + e.getMessage(), Callback.NOOP);
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        callback.succeed();
        input.execute(() -> {
            try {
                attachment.stdin().write(bytes);
                attachment.stdin().flush();
                session.demand();
            } catch (IOException e) {
                session.close(StatusCode.SERVER_ERROR, "stdin failed: " + e.getMessage(), Callback.NOOP);
            }
        });
    }

    @Override
    public void onWebSocketText(String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (IOException e) {
            session.close(StatusCode.BAD_DATA, "not a control message: " + text, Callback.NOOP);
            return;
        }
        switch (message.path("type").asText()) {
            case "resize" -> {
                attachment.resize(message.path("columns").asInt(80), message.path("rows").asInt(24));
                session.demand();
            }
            case "eof" -> input.execute(() -> {
                try {
                    attachment.stdin().close();
                } catch (IOException e) {
                    LOG.debug("closing stdin: {}", e.getMessage());
                }
                session.demand();
            });
            default -> session.close(StatusCode.BAD_DATA, "unknown control message: " + text, Callback.NOOP);
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        end();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("exec WebSocket failed: {}", cause.toString());
        end();
    }

    private void end() {
        input.shutdownNow();
        try {
            attachment.close();
        } catch (IOException e) {
            LOG.debug("closing the attachment: {}", e.getMessage());
        }
    }

    static void send(Session session, String text) throws IOException {
        Callback.Completable done = new Callback.Completable();
        session.sendText(text, done);
        await(done);
    }

    static void await(Callback.Completable done) throws IOException {
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("could not send: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** One output stream of the process, as binary frames tagged with the stream, each sent before the next write. */
    private static final class Frames extends OutputStream {
        private final Session session;
        private final byte stream;

        Frames(Session session, byte stream) {
            this.session = session;
            this.stream = stream;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return;
            }
            ByteBuffer frame = ByteBuffer.allocate(length + 1);
            frame.put(stream).put(bytes, offset, length).flip();
            Callback.Completable done = new Callback.Completable();
            session.sendBinary(frame, done);
            await(done);
        }
    }
}
