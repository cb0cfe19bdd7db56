package io.daytona.sshgateway;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.sshd.client.future.DefaultOpenFuture;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.channel.ChannelOutputStream;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.channel.AbstractServerChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code direct-tcpip} channel ({@code ssh -L}, VS Code Remote-SSH): the connection is made
 * from inside the sandbox, so {@code localhost} is the sandbox's loopback, not the gateway's.
 * MINA's own channel would connect from the gateway's host; this one asks the connector.
 */
final class SandboxTcpipChannel extends AbstractServerChannel {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxTcpipChannel.class);

    private final SandboxConnector connector;
    private volatile SandboxConnection socket;
    private volatile OutputStream toSocket;

    SandboxTcpipChannel(SandboxConnector connector) {
        super(null);
        this.connector = requireNonNull(connector, "connector is null");
    }

    /** Creates the channel for every {@code direct-tcpip} open. */
    static ChannelFactory factory(SandboxConnector connector) {
        return new ChannelFactory() {
            @Override
            public String getName() {
                return "direct-tcpip";
            }

            @Override
            public Channel createChannel(Session session) {
                return new SandboxTcpipChannel(connector);
            }
        };
    }

    @Override
    protected OpenFuture doInit(Buffer buffer) {
        String host = buffer.getString();
        int port = buffer.getInt();
        String sandboxId = getSession().getAttribute(TokenAuth.SANDBOX);
        try {
            // Connecting inside the sandbox's namespace answers at once (accepted or refused), so
            // it is done here, before the open confirmation, which must precede any data.
            socket = connector.connect(sandboxId, host, port);
            toSocket = socket.output();
        } catch (IOException e) {
            OpenFuture failed = new DefaultOpenFuture(this, new Object());
            signalChannelOpenFailure(e);
            failed.setException(new SshChannelOpenException(getChannelId(), SshConstants.SSH_OPEN_CONNECT_FAILED,
                    "Cannot connect to %s:%d in sandbox %s: %s".formatted(host, port, sandboxId, e.getMessage()), e));
            return failed;
        }
        OpenFuture opened = super.doInit(buffer);
        Thread.ofVirtual().name("ssh-forward-" + sandboxId + "-" + port).start(this::pumpFromSocket);
        return opened;
    }

    private void pumpFromSocket() {
        try (InputStream in = socket.input();
             OutputStream out = new ChannelOutputStream(this, getRemoteWindow(), LOG, SshConstants.SSH_MSG_CHANNEL_DATA, true)) {
            byte[] buffer = new byte[32 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            LOG.debug("forwarded connection ended: {}", e.getMessage());
        }
        try {
            sendEof();
        } catch (IOException e) {
            LOG.debug("could not send EOF: {}", e.getMessage());
        }
        close(false);
    }

    @Override
    protected void doWriteData(byte[] data, int offset, long length) throws IOException {
        toSocket.write(data, offset, (int) length);
        toSocket.flush();
        getLocalWindow().release(length);
    }

    @Override
    protected void doWriteExtendedData(byte[] data, int offset, long length) throws IOException {
        throw new UnsupportedOperationException("direct-tcpip channels carry no extended data");
    }

    @Override
    public void handleEof() throws IOException {
        super.handleEof();
        SandboxConnection open = socket;
        if (open != null) {
            open.shutdownOutput();
        }
    }

    @Override
    protected void preClose() {
        SandboxConnection open = socket;
        if (open != null) {
            try {
                open.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        super.preClose();
    }
}
