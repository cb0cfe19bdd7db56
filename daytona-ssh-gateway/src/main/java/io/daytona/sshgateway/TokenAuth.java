package io.daytona.sshgateway;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.server.auth.keyboard.InteractiveChallenge;
import org.apache.sshd.server.auth.keyboard.KeyboardInteractiveAuthenticator;
import org.apache.sshd.server.session.ServerSession;

/**
 * The access token is the user name. "keyboard-interactive" with no prompts lets clients in on
 * the token alone, without keys or password prompts (OpenSSH answers it even with
 * {@code BatchMode}); a key or password offered with a good token is accepted too. (MINA answers
 * the "none" method itself, always with a failure, so it cannot carry the token.) The sandbox the
 * token opens is kept on the session for every channel that follows.
 */
final class TokenAuth implements KeyboardInteractiveAuthenticator {
    /** The sandbox the session's token opened. */
    static final AttributeKey<String> SANDBOX = new AttributeKey<>();

    private final SandboxConnector connector;

    TokenAuth(SandboxConnector connector) {
        this.connector = requireNonNull(connector, "connector is null");
    }

    /** Checks the token and remembers its sandbox on the session. */
    boolean authorize(String token, ServerSession session) {
        Optional<String> sandbox = connector.sandboxFor(token);
        sandbox.ifPresent(id -> session.setAttribute(SANDBOX, id));
        return sandbox.isPresent();
    }

    @Override
    public InteractiveChallenge generateChallenge(ServerSession session, String username, String lang, String subMethods) {
        if (!authorize(username, session)) {
            return null;
        }
        InteractiveChallenge none = new InteractiveChallenge();
        none.setInteractionName("");
        none.setInteractionInstruction("");
        none.setLanguageTag("");
        return none;
    }

    @Override
    public boolean authenticate(ServerSession session, String username, List<String> responses) {
        return authorize(username, session);
    }
}
