package io.daytona.model.toolbox.git;

/**
 * The body of {@code POST /git/push} and {@code POST /git/pull}.
 *
 * @param path the repository, absolute or relative to the sandbox's work directory
 * @param username the user name for HTTP authentication; optional
 * @param password the password or token for HTTP authentication; optional, never stored
 */
public record GitRepoRequest(String path, String username, String password) {
    /** Leaves the password out, so logging a request never logs a secret. */
    @Override
    public String toString() {
        return "GitRepoRequest[path=" + path + ", username=" + username + ", password=" + (password == null ? null : "***") + "]";
    }
}
