package io.daytona.model.toolbox.git;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /git/clone}.
 *
 * @param url the repository's URL; credentials in it are used for the clone and never stored
 * @param path where to clone, absolute or relative to the sandbox's work directory
 * @param branch the branch to check out; optional, the remote's default branch otherwise
 * @param commitId a commit to check out, leaving HEAD detached; optional
 * @param username the user name for HTTP authentication; optional
 * @param password the password or token for HTTP authentication; optional, never stored
 * @param insecureSkipTls whether the server's TLS certificate is not verified; optional
 */
public record GitCloneRequest(
        String url,
        String path,
        String branch,
        @JsonProperty("commit_id") String commitId,
        String username,
        String password,
        @JsonProperty("insecure_skip_tls") Boolean insecureSkipTls) {

    /** Leaves the password out, so logging a request never logs a secret. */
    @Override
    public String toString() {
        return "GitCloneRequest[url=" + url + ", path=" + path + ", branch=" + branch + ", commitId=" + commitId
                + ", username=" + username + ", password=" + (password == null ? null : "***")
                + ", insecureSkipTls=" + insecureSkipTls + "]";
    }
}
