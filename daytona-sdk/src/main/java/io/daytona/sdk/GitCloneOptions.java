package io.daytona.sdk;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * What {@link Git#clone(String, String, GitCloneOptions)} checks out and how it authenticates.
 * Create with {@link #builder()}; immutable.
 *
 * @param branch the branch to check out, or null for the remote's default branch
 * @param commitId a commit to check out, leaving HEAD detached, or null
 * @param username the user name for HTTP authentication, or null
 * @param password the password or access token, or null; used for this clone only, never stored in the sandbox
 * @param insecureSkipTls whether the server's TLS certificate goes unverified
 */
public record GitCloneOptions(String branch, String commitId, String username, String password, boolean insecureSkipTls) {
    /** Nothing set: the default branch, no authentication. */
    public static final GitCloneOptions DEFAULTS = new GitCloneOptions(null, null, null, null, false);

    /** {@return a builder with nothing set} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns options built by {@code spec} from nothing set.
     *
     * @param spec sets the options on a builder
     * @return options built by {@code spec} from nothing set
     */
    public static GitCloneOptions of(Consumer<Builder> spec) {
        Builder builder = builder();
        Objects.requireNonNull(spec, "spec is null").accept(builder);
        return builder.build();
    }

    /** Leaves the password out. */
    @Override
    public String toString() {
        return "GitCloneOptions[branch=" + branch + ", commitId=" + commitId + ", username=" + username
                + ", password=" + (password == null ? null : "***") + ", insecureSkipTls=" + insecureSkipTls + "]";
    }

    /** Builds {@link GitCloneOptions}; not thread-safe. */
    public static final class Builder {
        private String branch;
        private String commitId;
        private String username;
        private String password;
        private boolean insecureSkipTls;

        private Builder() {}

        /**
         * The branch to check out.
         *
         * @param value the branch's name
         * @return this builder
         */
        public Builder branch(String value) {
            this.branch = value;
            return this;
        }

        /**
         * A commit to check out; HEAD is then detached.
         *
         * @param value the commit SHA
         * @return this builder
         */
        public Builder commitId(String value) {
            this.commitId = value;
            return this;
        }

        /**
         * The user name and password (or access token) for HTTP authentication.
         *
         * @param username the user name for HTTPS authentication, or null
         * @param password the password or token for HTTPS authentication, or null
         * @return this builder
         */
        public Builder credentials(String username, String password) {
            this.username = username;
            this.password = password;
            return this;
        }

        /**
         * Whether the server's TLS certificate goes unverified.
         *
         * @param value true to skip the check
         * @return this builder
         */
        public Builder insecureSkipTls(boolean value) {
            this.insecureSkipTls = value;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public GitCloneOptions build() {
            return new GitCloneOptions(branch, commitId, username, password, insecureSkipTls);
        }
    }
}
