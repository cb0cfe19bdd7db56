package io.daytona.daemon.git;

import static java.util.Objects.requireNonNull;

import io.daytona.http.ServiceException;
import java.util.Optional;

/**
 * A user name and password (or token) for one git call. They reach git only through the
 * environment of that one process and a credential helper that reads it, so they never appear in
 * an argument list, a URL stored in {@code .git/config}, or a credential store.
 */
record Credentials(String username, String password) {
    Credentials {
        requireNonNull(username, "username is null");
        requireNonNull(password, "password is null");
    }

    /** The credentials of a request: both fields or neither; anything in between is the caller's mistake (400). */
    static Optional<Credentials> of(String username, String password) {
        boolean hasUser = username != null && !username.isEmpty();
        boolean hasPassword = password != null && !password.isEmpty();
        if (!hasUser && !hasPassword) {
            return Optional.empty();
        }
        if (!hasUser) {
            throw ServiceException.badRequest("username is required with password: send both, or neither for a public repository");
        }
        if (!hasPassword) {
            throw ServiceException.badRequest("password is required with username: send the password or an access token");
        }
        if (hasLineBreak(username) || hasLineBreak(password)) {
            throw ServiceException.badRequest("username and password must not contain line breaks or NUL characters");
        }
        return Optional.of(new Credentials(username, password));
    }

    /** Replaces the password wherever it occurs, for text that leaves the daemon (error messages). */
    String redact(String text) {
        return text.replace(password, "***");
    }

    private static boolean hasLineBreak(String value) {
        return value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0;
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=***]";
    }
}
