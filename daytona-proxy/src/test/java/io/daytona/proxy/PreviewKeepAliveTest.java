package io.daytona.proxy;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy keeps its connections to a sandbox's server open between requests (HTTP/1.1
 * keep-alive), and copes with the server closing one of them just as a request is sent on it,
 * which is what happens when a request arrives at the end of the server's keep-alive timeout
 * (Node's is 5 s).
 */
class PreviewKeepAliveTest {
    private final HttpClient http = new HttpClient();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private ServerSocket upstream;
    private Proxy proxy;

    @AfterEach
    void stop() throws Exception {
        http.stop();
        if (proxy != null) {
            proxy.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    /**
     * Starts a keep-alive server that answers {@code ok} to each request; with
     * {@code dropSecondRequest}, it closes its first connection when the second request arrives
     * on it, without an answer.
     */
    private void startUpstream(boolean dropSecondRequest) throws Exception {
        upstream = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!upstream.isClosed()) {
                try {
                    Socket socket = upstream.accept();
                    int connection = connections.incrementAndGet();
                    Thread.ofVirtual().start(() -> serve(socket, dropSecondRequest && connection == 1));
                } catch (IOException closed) {
                    return;
                }
            }
        });
        URI target = URI.create("http://127.0.0.1:" + upstream.getLocalPort());
        SandboxDirectory directory = new SandboxDirectory() {
            @Override
            public URI daemonFor(String sandboxId, Optional<String> authorization) {
                return target;
            }

            @Override
            public URI previewFor(String sandboxId, int port, Optional<String> authorization, Optional<String> previewToken) {
                return target;
            }
        };
        proxy = Proxy.start("127.0.0.1", 0, directory);
        // *.localhost names are this machine, as browsers resolve them.
        http.setSocketAddressResolver((host, port, context, promise) -> promise.succeeded(List.of(new InetSocketAddress("127.0.0.1", port))));
        http.start();
    }

    private void serve(Socket socket, boolean dropSecond) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            for (int served = 0; readHead(in); served++) {
                if (dropSecond && served == 1) {
                    return;
                }
                requests.incrementAndGet();
                out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok".getBytes(US_ASCII));
                out.flush();
            }
        } catch (IOException e) {
            // the proxy closed the connection
        }
    }

    /** Reads a request's head (the requests here have no body); false at the end of the connection. */
    private static boolean readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return false;
            }
            head.write(b);
        }
        return true;
    }

    private ContentResponse get() throws Exception {
        return http.newRequest("http://3000-0b5e0f1c-44e4-4c3a-9a2d-2b3b7c1d9e10.localhost:" + proxy.port() + "/")
                .timeout(10, TimeUnit.SECONDS).send();
    }

    @Test
    void requestsOneAfterAnotherShareOneConnectionToTheServer() throws Exception {
        startUpstream(false);
        for (int i = 0; i < 20; i++) {
            ContentResponse response = get();
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getContentAsString()).isEqualTo("ok");
        }
        assertThat(requests).hasValue(20);
        assertThat(connections).as("connections the proxy opened to the server").hasValue(1);
    }

    @Test
    void aRequestOnAConnectionTheServerClosedMeanwhileIsSentAgainOnANewOne() throws Exception {
        startUpstream(true);
        assertThat(get().getStatus()).isEqualTo(200);
        ContentResponse second = get();
        assertThat(second.getStatus()).as(second.getContentAsString()).isEqualTo(200);
        assertThat(second.getContentAsString()).isEqualTo("ok");
        assertThat(connections).hasValue(2);
    }
}
