package io.daytona.sshgateway;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A TCP connection made from inside a sandbox, for {@code ssh -L}: a socket in the sandbox's
 * network namespace, or a stream relayed by the runner that hosts the sandbox.
 */
public interface SandboxConnection extends AutoCloseable {
    /** What the other end sends; end of stream when it closed its side. */
    InputStream input() throws IOException;

    /** What goes to the other end. */
    OutputStream output() throws IOException;

    /** Tells the other end nothing more will be sent (the SSH client's EOF). */
    void shutdownOutput() throws IOException;

    @Override
    void close() throws IOException;

    /** A connection that is a socket. */
    static SandboxConnection of(Socket socket) {
        requireNonNull(socket, "socket is null");
        return new SandboxConnection() {
            @Override
            public InputStream input() throws IOException {
                return socket.getInputStream();
            }

            @Override
            public OutputStream output() throws IOException {
                return socket.getOutputStream();
            }

            @Override
            public void shutdownOutput() throws IOException {
                if (!socket.isClosed() && !socket.isOutputShutdown()) {
                    socket.shutdownOutput();
                }
            }

            @Override
            public void close() throws IOException {
                socket.close();
            }
        };
    }
}
