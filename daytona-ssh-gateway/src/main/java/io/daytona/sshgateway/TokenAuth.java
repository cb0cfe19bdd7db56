package io.daytona.sshgateway;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.auth.AbstractUserAuth;
import org.apache.sshd.server.auth.AbstractUserAuthFactory;
import org.apache.sshd.server.auth.UserAuth;
import org.apache.sshd.server.session.ServerSession;

/**
 * The access token is the user name: the SSH method "none" succeeds when the token opens a
 * sandbox, so clients connect without keys or password prompts (and work with {@code BatchMode}).
 * The sandbox it opens is kept on the session for every channel that follows.
 */
final class TokenAuth {
    /** The sandbox the session's token opened. */
    static final AttributeKey<String> SANDBOX = new AttributeKey<>();

    private TokenAuth() {}

    /** Checks the token and remembers its sandbox on the session. */
    static boolean authorize(SandboxConnector connector, String token, ServerSession session) {
        Optional<String> sandbox = connector.sandboxFor(token);
        sandbox.ifPresent(id -> session.setAttribute(SANDBOX, id));
        return sandbox.isPresent();
    }

    /** The "none" method, answered by the token alone. */
    static final class NoneFactory extends AbstractUserAuthFactory {
        private final SandboxConnector connector;

        NoneFactory(SandboxConnector connector) {
            super("none");
            this.connector = requireNonNull(connector, "connector is null");
        }

        @Override
        public UserAuth createUserAuth(ServerSession session) {
            return new AbstractUserAuth(getName()) {
                @Override
                protected Boolean doAuth(Buffer buffer, boolean init) {
                    return authorize(connector, getUsername(), getServerSession());
                }
            };
        }
    }
}
