package io.daytona.runner.attach;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.util.Objects.requireNonNull;

import io.daytona.runner.engine.ContainerEngine;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.Instant;

/**
 * A process started in a sandbox by the engine's exec API, its streams attached over the
 * engine's socket. docker-java can attach stdin but never half-closes it, so a program reading
 * its input to the end (sftp-server, {@code cat > file}) would never see end-of-file; this class
 * makes the one "start exec" call itself: the HTTP upgrade of the Docker Engine API, after which
 * the connection carries stdin one way and the output the other ({@code shutdownOutput} is the
 * process's end-of-file). Without a terminal, output comes in frames of 8-byte headers (stream,
 * 0, 0, 0, length) that {@link #copyOutput} takes apart.
 */
public final class ExecAttachment implements AutoCloseable {
    private static final Duration EXIT_WAIT = Duration.ofSeconds(5);

    private final ContainerEngine engine;
    private final String execId;
    private final boolean tty;
    private final SocketChannel channel;
    private final OutputStream stdin;

    private ExecAttachment(ContainerEngine engine, String execId, boolean tty, SocketChannel channel) {
        this.engine = engine;
        this.execId = execId;
        this.tty = tty;
        this.channel = channel;
        this.stdin = new ChannelOutput(channel);
    }

    /** Creates the exec in the running container {@code name} and starts it, attached. */
    public static ExecAttachment start(ContainerEngine engine, String name, AttachRequest request) throws IOException {
        requireNonNull(engine, "engine is null");
        requireNonNull(request, "request is null");
        String execId = engine.createExec(name, request.command(), request.tty(),
                request.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(engine.socket()));
            String body = "{\"Detach\":false,\"Tty\":" + request.tty() + "}";
            String head = "POST /v" + ContainerEngine.API_VERSION + "/exec/" + execId + "/start HTTP/1.1\r\n"
                    + "Host: engine\r\nContent-Type: application/json\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body;
            writeFully(channel, ByteBuffer.wrap(head.getBytes(US_ASCII)));
            String status = readHead(channel);
            if (!status.startsWith("HTTP/1.1 101") && !status.startsWith("HTTP/1.1 200")) {
                throw new IOException("the engine refused to start the process: " + status);
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        ExecAttachment attachment = new ExecAttachment(engine, execId, request.tty(), channel);
        if (request.tty() && request.columns() > 0 && request.rows() > 0) {
            attachment.resize(request.columns(), request.rows());
        }
        return attachment;
    }

    /** The process's stdin; closing it is the process's end-of-file. */
    public OutputStream stdin() {
        return stdin;
    }

    /**
     * Copies the process's output until it closes it: stdout and stderr apart, or the terminal's
     * single stream to {@code stdout}. Blocks; run it on its own (virtual) thread.
     */
    public void copyOutput(OutputStream stdout, OutputStream stderr) throws IOException {
        InputStream in = new ChannelInput(channel);
        if (tty) {
            in.transferTo(new FlushingOutput(stdout));
            return;
        }
        byte[] header = new byte[8];
        byte[] buffer = new byte[32 * 1024];
        while (readFully(in, header)) {
            int length = ((header[4] & 0xff) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8) | (header[7] & 0xff);
            OutputStream target = header[0] == 2 ? stderr : stdout;
            while (length > 0) {
                int n = in.read(buffer, 0, Math.min(buffer.length, length));
                if (n < 0) {
                    throw new EOFException("the engine closed the stream inside a frame");
                }
                target.write(buffer, 0, n);
                length -= n;
            }
            target.flush();
        }
    }

    public void resize(int columns, int rows) {
        engine.resizeExec(execId, columns, rows);
    }

    /** Waits for the engine to record the process's end (a moment after its output closed) and returns its exit code. */
    public int exitCode() throws IOException {
        Instant deadline = Instant.now().plus(EXIT_WAIT);
        while (true) {
            ContainerEngine.ExecState state = engine.inspectExec(execId);
            if (!state.running()) {
                return state.exitCode();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("the process closed its output but has not exited");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the exit code", e);
            }
        }
    }

    /**
     * Hangs up: closes the connection and, if the process still runs (a terminal's shell ignores
     * end-of-file while a program runs in it), kills it. The engine and the sandbox run on this
     * host, so the exec's host pid is ours to signal.
     */
    @Override
    public void close() throws IOException {
        channel.close();
        try {
            ContainerEngine.ExecState state = engine.inspectExec(execId);
            if (state.running() && state.pid() > 0) {
                ProcessHandle.of(state.pid()).ifPresent(ProcessHandle::destroyForcibly);
            }
        } catch (RuntimeException e) {
            // the exec is gone with its container: nothing left to kill
        }
    }

    private static String readHead(SocketChannel channel) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (head.size() < 16 * 1024) {
            one.clear();
            if (channel.read(one) < 0) {
                throw new EOFException("the engine closed the connection before answering: " + head.toString(US_ASCII));
            }
            head.write(one.get(0));
            byte[] bytes = head.toByteArray();
            int n = bytes.length;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
                String text = head.toString(US_ASCII);
                return text.substring(0, text.indexOf('\r'));
            }
        }
        throw new IOException("the engine's answer has no end of headers");
    }

    private static boolean readFully(InputStream in, byte[] buffer) throws IOException {
        int read = 0;
        while (read < buffer.length) {
            int n = in.read(buffer, read, buffer.length - read);
            if (n < 0) {
                if (read == 0) {
                    return false;
                }
                throw new EOFException("the engine closed the stream inside a frame header");
            }
            read += n;
        }
        return true;
    }

    private static void writeFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /**
     * Reads the socket without the channel's blocking lock (which {@code Channels.newInputStream}
     * would hold through a blocked read, stalling writes of stdin).
     */
    private static final class ChannelInput extends InputStream {
        private final SocketChannel channel;

        ChannelInput(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            try {
                return channel.read(ByteBuffer.wrap(bytes, offset, length));
            } catch (java.nio.channels.ClosedChannelException e) {
                return -1;
            }
        }
    }

    /** Writes stdin; {@link #close} half-closes the connection, which the process reads as end-of-file. */
    private static final class ChannelOutput extends OutputStream {
        private final SocketChannel channel;

        ChannelOutput(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            writeFully(channel, ByteBuffer.wrap(bytes, offset, length));
        }

        @Override
        public void close() throws IOException {
            if (channel.isOpen()) {
                channel.shutdownOutput();
            }
        }
    }

    /** A terminal's output is interactive: every chunk goes out at once. */
    private static final class FlushingOutput extends OutputStream {
        private final OutputStream out;

        FlushingOutput(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            out.flush();
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            out.flush();
        }
    }
}
