package io.daytona.sdk;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A hand-written fake of the toolbox for WebSocket endpoints: a minimal RFC 6455 server (plus
 * canned answers to plain HTTP requests) on a loopback socket. Each upgraded connection runs a
 * scripted {@link Handler}; anything unrouted gets 599.
 */
final class FakeWebSocketServer implements AutoCloseable {
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Handler> sockets = new ConcurrentHashMap<>();
    private final Map<String, FakeServer.Response> answers = new ConcurrentHashMap<>();
    private final List<FakeServer.Request> httpRequests = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** What a scripted connection does. */
    @FunctionalInterface
    interface Handler {
        void handle(Connection connection) throws Exception;
    }

    FakeWebSocketServer() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor.submit(this::accept);
    }

    String toolboxProxyUrl() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/toolbox";
    }

    /** Upgrades requests for {@code path} and runs {@code handler} on the connection. */
    void onSocket(String path, Handler handler) {
        sockets.put(path, handler);
    }

    /** Answers a plain {@code method path} request with {@code response}. */
    void onHttp(String method, String path, FakeServer.Response response) {
        answers.put(method + " " + path, response);
    }

    List<FakeServer.Request> httpRequests() {
        return List.copyOf(httpRequests);
    }

    /** Failures inside handlers, e.g. a failed expectation about what the client sent. */
    List<Throwable> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        executor.shutdownNow();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                executor.submit(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            String[] requestLine = lines[0].split(" ");
            String target = requestLine[1];
            String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
            String query = target.contains("?") ? target.substring(target.indexOf('?') + 1) : null;
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).strip(), List.of(lines[i].substring(colon + 1).strip()));
            }
            FakeServer.Request request = new FakeServer.Request(requestLine[0], path, query, headers, new byte[0]);
            Handler handler = sockets.get(path);
            if (handler == null || !"websocket".equalsIgnoreCase(request.header("Upgrade"))) {
                answerHttp(request, in, out);
                return;
            }
            String accept = Base64.getEncoder().encodeToString(sha1(request.header("Sec-WebSocket-Key") + ACCEPT_GUID));
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Connection connection = new Connection(request, new DataInputStream(in), out);
            try {
                handler.handle(connection);
            } catch (Throwable e) {
                failures.add(e);
            }
            connection.close(1000, "");
        } catch (IOException e) {
            if (!closed && !(e instanceof SocketException)) {
                failures.add(e);
            }
        }
    }

    private void answerHttp(FakeServer.Request head, InputStream in, OutputStream out) throws IOException {
        String length = head.header("Content-Length");
        byte[] body = length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
        FakeServer.Request request = new FakeServer.Request(head.method(), head.path(), head.rawQuery(), head.headers(), body);
        httpRequests.add(request);
        FakeServer.Response response = answers.getOrDefault(request.method() + " " + request.path(),
                new FakeServer.Response(599, "{\"message\":\"no route for " + request.method() + " " + request.path() + "\"}"));
        byte[] bytes = response.bytes();
        out.write(("HTTP/1.1 " + response.status() + " Fake\r\nContent-Type: " + response.contentType() + "\r\nContent-Length: "
                + bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed inside the request head");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
    }

    private static byte[] sha1(String text) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.ISO_8859_1));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One upgraded connection, seen from the server. */
    static final class Connection {
        private final FakeServer.Request request;
        private final DataInputStream in;
        private final OutputStream out;
        private boolean closeSent;
        private boolean closeReceived;

        Connection(FakeServer.Request request, DataInputStream in, OutputStream out) {
            this.request = request;
            this.in = in;
            this.out = out;
        }

        /** The upgrade request. */
        FakeServer.Request request() {
            return request;
        }

        synchronized void sendText(String text) throws IOException {
            frame(0x1, text.getBytes(StandardCharsets.UTF_8), true);
        }

        synchronized void sendBinary(byte[] data) throws IOException {
            frame(0x2, data, true);
        }

        /** Sends one frame: opcode 0 continues a fragmented message. */
        synchronized void frame(int opcode, byte[] payload, boolean fin) throws IOException {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write((fin ? 0x80 : 0) | opcode);
            if (payload.length < 126) {
                frame.write(payload.length);
            } else if (payload.length < 65536) {
                frame.write(126);
                frame.write(payload.length >> 8);
                frame.write(payload.length & 0xff);
            } else {
                frame.write(127);
                frame.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
            }
            frame.writeBytes(payload);
            out.write(frame.toByteArray());
            out.flush();
        }

        /**
         * Reads the next text or binary message the client sends (answering pings), or returns
         * null once the client closes.
         */
        Message receive() throws IOException {
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            int messageOpcode = -1;
            while (true) {
                int first = in.readUnsignedByte();
                int second = in.readUnsignedByte();
                boolean fin = (first & 0x80) != 0;
                int opcode = first & 0x0f;
                long length = second & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] mask = new byte[4];
                if ((second & 0x80) != 0) {
                    in.readFully(mask);
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
                switch (opcode) {
                    case 0x8 -> {
                        closeReceived = true;
                        return null;
                    }
                    case 0x9 -> frame(0xA, payload, true);
                    case 0xA -> {
                        // pong: nothing to do
                    }
                    default -> {
                        if (opcode != 0) {
                            messageOpcode = opcode;
                        }
                        message.writeBytes(payload);
                        if (fin) {
                            return new Message(messageOpcode == 0x1, message.toByteArray());
                        }
                    }
                }
            }
        }

        /** Sends a close frame and waits (briefly) for the client's. */
        void close(int code, String reason) throws IOException {
            synchronized (this) {
                if (closeSent) {
                    return;
                }
                closeSent = true;
                byte[] text = reason.getBytes(StandardCharsets.UTF_8);
                frame(0x8, ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).array(), true);
            }
            try {
                while (!closeReceived && receive() != null) {
                    // drain until the client's close
                }
            } catch (IOException e) {
                // The client went away without a close frame.
            }
        }
    }

    /** A message from the client. */
    record Message(boolean isText, byte[] data) {
        String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }
}
