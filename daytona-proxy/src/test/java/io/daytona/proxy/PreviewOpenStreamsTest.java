package io.daytona.proxy;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Event streams and long polls hold a connection to the sandbox's server for as long as they
 * last; more of them than Jetty's default of 64 connections per destination must not make the
 * next requests wait for one to end.
 */
class PreviewOpenStreamsTest {
    private static final String HOST = "3000-0b5e0f1c-44e4-4c3a-9a2d-2b3b7c1d9e10.localhost";
    private ServerSocket upstream;
    private Proxy proxy;
    private final List<Socket> sockets = new ArrayList<>();
    private final List<Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Socket socket : sockets) {
            socket.close();
        }
        // The streams end on the server's side too, so the proxy has nothing in flight when it stops.
        for (Socket socket : accepted) {
            socket.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void moreOpenStreamsThanJettysDefaultLeaveRoomForOtherRequests() throws Exception {
        upstream = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!upstream.isClosed()) {
                try {
                    Socket socket = upstream.accept();
                    accepted.add(socket);
                    Thread.ofVirtual().start(() -> serve(socket));
                } catch (IOException closed) {
                    return;
                }
            }
        });
        URI target = URI.create("http://127.0.0.1:" + upstream.getLocalPort());
        proxy = Proxy.start("127.0.0.1", 0, new SandboxDirectory() {
            @Override
            public URI daemonFor(String sandboxId, Optional<String> authorization) {
                return target;
            }

            @Override
            public URI previewFor(String sandboxId, int port, Optional<String> authorization, Optional<String> previewToken) {
                return target;
            }
        });

        for (int i = 0; i < 80; i++) {
            assertThat(request("/hold")).as("stream %d", i).startsWith("HTTP/1.1 200");
        }
        assertThat(request("/")).as("a request while 80 streams are open").startsWith("HTTP/1.1 200");
    }

    /** Sends a request on a new connection and returns the answer's head. */
    private String request(String path) throws IOException {
        Socket socket = new Socket("127.0.0.1", proxy.port());
        sockets.add(socket);
        socket.setSoTimeout(5_000);
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n").getBytes(US_ASCII));
        return readHead(socket.getInputStream());
    }

    /** Answers {@code /hold} with an event stream that stays open, anything else with a short body. */
    private static void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String head = readHead(in);
            if (head.startsWith("GET /hold ")) {
                out.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\nc\r\ndata: open\n\n\r\n"
                        .getBytes(US_ASCII));
                out.flush();
                in.read();
                return;
            }
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(US_ASCII));
            out.flush();
            in.read();
        } catch (IOException e) {
            // the proxy closed the connection
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection ended in a head: " + head.toString(US_ASCII));
            }
            head.write(b);
        }
        return head.toString(US_ASCII);
    }
}
