package io.daytona.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.controlplane.runner.RunnerFleet;
import io.daytona.model.json.Json;
import io.daytona.model.runner.AttachSpec;
import io.daytona.model.runner.RunnerTokens;
import io.daytona.model.runner.StreamFrames;
import io.daytona.sshgateway.ProcessSpec;
import io.daytona.sshgateway.SandboxConnection;
import io.daytona.sshgateway.SandboxProcess;
import io.daytona.sshgateway.SandboxUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * The SSH gateway's way into sandboxes on runner processes: the runner's stream WebSockets
 * ({@link StreamFrames}) for processes and for TCP connections made inside the sandbox. Frames
 * are read only as fast as the SSH side takes them, so a slow SSH client slows the sandbox, not
 * the gateway's memory.
 */
final class RunnerStreams implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = Json.newMapper();

    private final WebSocketClient client = new WebSocketClient();

    RunnerStreams() throws Exception {
        client.setIdleTimeout(Duration.ofHours(24));
        client.setMaxBinaryMessageSize(64L * 1024 * 1024);
        client.start();
    }

    /** Starts a process in a sandbox on {@code runner}, its streams attached. */
    SandboxProcess exec(RunnerFleet.RemoteRunner runner, String sandboxId, ProcessSpec spec) throws IOException {
        String query = "spec=" + URLEncoder.encode(JSON.writeValueAsString(new AttachSpec(spec.command(), spec.tty(), spec.env(),
                spec.columns(), spec.rows())), StandardCharsets.UTF_8);
        Incoming incoming = new Incoming();
        Session session = connect(runner, sandboxId, "exec?" + query, incoming);
        return new RemoteProcess(session, incoming);
    }

    /** Opens a TCP connection from inside a sandbox on {@code runner}. */
    SandboxConnection connect(RunnerFleet.RemoteRunner runner, String sandboxId, String host, int port) throws IOException {
        Incoming incoming = new Incoming();
        Session session = connect(runner, sandboxId, "connect?host=" + URLEncoder.encode(host, StandardCharsets.UTF_8) + "&port=" + port,
                incoming);
        return new RemoteConnection(session, incoming);
    }

    private Session connect(RunnerFleet.RemoteRunner runner, String sandboxId, String route, Incoming incoming) throws IOException {
        String base = runner.apiUrl().replaceFirst("^http", "ws").replaceFirst("/$", "");
        URI uri = URI.create(base + "/sandboxes/" + URLEncoder.encode(sandboxId, StandardCharsets.UTF_8) + "/" + route);
        ClientUpgradeRequest request = new ClientUpgradeRequest();
        request.setHeader(RunnerTokens.AUTHORIZATION_HEADER, "Bearer " + runner.callToken());
        try {
            return client.connect(incoming, uri, request).get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UpgradeException upgrade && upgrade.getResponseStatusCode() == 409) {
                throw new SandboxUnavailableException("Sandbox " + sandboxId + " is not running on runner " + runner.name());
            }
            throw new IOException("runner " + runner.name() + " refused: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("runner " + runner.name() + " did not answer within " + CONNECT_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to runner " + runner.name(), e);
        }
    }

    /** What a stream WebSocket received, one item at a time: the next frame is asked for once this one was taken. */
    public static final class Incoming implements Session.Listener {
        private static final Object CLOSED = new Object();
        private final BlockingQueue<Object> items = new LinkedBlockingQueue<>();
        private volatile Session session;

        @Override
        public void onWebSocketOpen(Session opened) {
            session = opened;
            opened.demand();
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            byte[] bytes = new byte[payload.remaining()];
            payload.get(bytes);
            callback.succeed();
            items.add(bytes);
        }

        @Override
        public void onWebSocketText(String text) {
            items.add(text);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            items.add(CLOSED);
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            items.add(CLOSED);
        }

        /** The next binary frame ({@code byte[]}) or text frame ({@code String}); null once closed. */
        Object take() throws IOException {
            Object item;
            try {
                item = items.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            if (item == CLOSED) {
                items.add(CLOSED);
                return null;
            }
            session.demand();
            return item;
        }
    }

    private static void send(Session session, ByteBuffer bytes) throws IOException {
        Callback.Completable done = new Callback.Completable();
        session.sendBinary(bytes, done);
        await(done);
    }

    private static void send(Session session, String text) throws IOException {
        Callback.Completable done = new Callback.Completable();
        session.sendText(text, done);
        await(done);
    }

    private static void await(Callback.Completable done) throws IOException {
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending", e);
        } catch (ExecutionException e) {
            throw new IOException("the runner's stream failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static final class RemoteProcess implements SandboxProcess {
        private final Session session;
        private final Incoming incoming;
        private volatile Integer exitCode;

        RemoteProcess(Session session, Incoming incoming) {
            this.session = session;
            this.incoming = incoming;
        }

        @Override
        public OutputStream stdin() {
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    if (length > 0) {
                        send(session, ByteBuffer.wrap(bytes.clone(), offset, length));
                    }
                }

                @Override
                public void close() throws IOException {
                    if (session.isOpen()) {
                        send(session, "{\"type\":\"eof\"}");
                    }
                }
            };
        }

        @Override
        public void copyOutput(OutputStream stdout, OutputStream stderr) throws IOException {
            Object item;
            while ((item = incoming.take()) != null) {
                if (item instanceof byte[] frame && frame.length > 0) {
                    OutputStream target = frame[0] == StreamFrames.STDERR ? stderr : stdout;
                    target.write(frame, 1, frame.length - 1);
                    target.flush();
                } else if (item instanceof String text) {
                    JsonNode message = JSON.readTree(text);
                    if ("exit".equals(message.path("type").asText())) {
                        exitCode = message.path("exitCode").asInt();
                    }
                }
            }
        }

        @Override
        public void resize(int columns, int rows) {
            if (session.isOpen()) {
                session.sendText("{\"type\":\"resize\",\"columns\":" + columns + ",\"rows\":" + rows + "}", Callback.NOOP);
            }
        }

        @Override
        public int exitCode() throws IOException {
            Integer code = exitCode;
            if (code == null) {
                throw new IOException("the connection to the sandbox's runner ended before the process did");
            }
            return code;
        }

        @Override
        public void close() {
            if (session.isOpen()) {
                session.close(StatusCode.NORMAL, "hung up", Callback.NOOP);
            }
        }
    }

    private static final class RemoteConnection implements SandboxConnection {
        private final Session session;
        private final Incoming incoming;

        RemoteConnection(Session session, Incoming incoming) {
            this.session = session;
            this.incoming = incoming;
        }

        @Override
        public InputStream input() {
            return new InputStream() {
                private byte[] current = new byte[0];
                private int position;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] bytes, int offset, int length) throws IOException {
                    while (position == current.length) {
                        Object item = incoming.take();
                        if (item == null) {
                            return -1;
                        }
                        if (item instanceof byte[] frame) {
                            current = frame;
                            position = 0;
                        }
                    }
                    int n = Math.min(length, current.length - position);
                    System.arraycopy(current, position, bytes, offset, n);
                    position += n;
                    return n;
                }
            };
        }

        @Override
        public OutputStream output() {
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    if (length > 0) {
                        send(session, ByteBuffer.wrap(bytes.clone(), offset, length));
                    }
                }
            };
        }

        @Override
        public void shutdownOutput() throws IOException {
            if (session.isOpen()) {
                send(session, "{\"type\":\"eof\"}");
            }
        }

        @Override
        public void close() {
            if (session.isOpen()) {
                session.close(StatusCode.NORMAL, "closed", Callback.NOOP);
            }
        }
    }

    @Override
    public void close() throws Exception {
        client.stop();
    }
}
