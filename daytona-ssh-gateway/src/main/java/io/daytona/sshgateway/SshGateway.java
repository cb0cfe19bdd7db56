package io.daytona.sshgateway;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSessionFactory;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.subsystem.SubsystemFactory;

/**
 * The SSH gateway (Apache MINA SSHD): {@code ssh -p 2222 <token>@host} enters the sandbox the
 * token opens. Shells with a terminal, commands with their exit codes, SFTP (and so OpenSSH 9's
 * {@code scp}) and local port forwarding run inside the sandbox as its user, through the
 * {@link SandboxConnector}. The host key is made once and kept, so clients see the same host.
 */
public final class SshGateway implements AutoCloseable {
    private final SshServer server;

    private SshGateway(SshServer server) {
        this.server = server;
    }

    /**
     * Starts listening.
     *
     * @param port the port, 0 for a free one
     * @param hostKey where the host key is kept (made at the first start)
     */
    public static SshGateway start(String host, int port, Path hostKey, SandboxConnector connector) throws IOException {
        requireNonNull(host, "host is null");
        requireNonNull(hostKey, "hostKey is null");
        requireNonNull(connector, "connector is null");
        Files.createDirectories(hostKey.toAbsolutePath().getParent());
        SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(hostKey);
        keys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        keys.setKeySize(256);
        // Made now, not at the first connection, so that it can be made private to the server's user.
        keys.loadKeys(null);
        if (Files.getFileStore(hostKey).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(hostKey, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }

        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(host);
        server.setPort(port);
        server.setKeyPairProvider(keys);
        // Editors keep SSH sessions open for hours without traffic; OpenSSH does not time them out either.
        org.apache.sshd.core.CoreModuleProperties.IDLE_TIMEOUT.set(server, java.time.Duration.ZERO);
        TokenAuth auth = new TokenAuth(connector);
        server.setUserAuthFactories(List.of(
                org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory.INSTANCE,
                org.apache.sshd.server.auth.keyboard.UserAuthKeyboardInteractiveFactory.INSTANCE,
                org.apache.sshd.server.auth.password.UserAuthPasswordFactory.INSTANCE));
        server.setKeyboardInteractiveAuthenticator(auth);
        server.setPublickeyAuthenticator((user, key, session) -> auth.authorize(user, session));
        server.setPasswordAuthenticator((user, password, session) -> auth.authorize(user, session));
        server.setShellFactory(channel -> SandboxCommand.shell(connector));
        server.setCommandFactory((channel, command) -> SandboxCommand.command(connector, command));
        server.setSubsystemFactories(List.of(new SubsystemFactory() {
            @Override
            public String getName() {
                return "sftp";
            }

            @Override
            public Command createSubsystem(org.apache.sshd.server.channel.ChannelSession channel) {
                return SandboxCommand.sftp(connector);
            }
        }));
        server.setChannelFactories(List.of(ChannelSessionFactory.INSTANCE, SandboxTcpipChannel.factory(connector)));
        // No listening on the gateway's host for clients (-R) and no agent or X11 forwarding.
        server.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        server.setAgentFactory(null);
        server.start();
        return new SshGateway(server);
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
