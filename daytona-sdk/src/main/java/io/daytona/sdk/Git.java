package io.daytona.sdk;

import io.daytona.model.toolbox.git.GitAddRequest;
import io.daytona.model.toolbox.git.GitBranchRequest;
import io.daytona.model.toolbox.git.GitCheckoutRequest;
import io.daytona.model.toolbox.git.GitCloneRequest;
import io.daytona.model.toolbox.git.GitCommitInfo;
import io.daytona.model.toolbox.git.GitCommitRequest;
import io.daytona.model.toolbox.git.GitCommitResponse;
import io.daytona.model.toolbox.git.GitDeleteBranchRequest;
import io.daytona.model.toolbox.git.GitRepoRequest;
import io.daytona.model.toolbox.git.GitStatus;
import io.daytona.model.toolbox.git.ListBranchResponse;
import io.daytona.sdk.internal.HttpTransport;
import io.daytona.sdk.internal.HttpTransport.HttpCall;
import io.daytona.sdk.internal.Urls;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The git repositories of one sandbox, through its toolbox; obtained from {@link Sandbox#getGit()}.
 * Thread-safe. Git runs inside the sandbox as the sandbox user; repository paths are absolute or
 * relative to the sandbox's work directory. Passwords and tokens are used for one call and never
 * stored in the sandbox.
 *
 * <pre>{@code
 * Git git = sandbox.getGit();
 * git.clone("https://example.com/team/repo.git", "repo", o -> o.branch("main").credentials("me", token));
 * sandbox.getFs().uploadFile("print(1)".getBytes(StandardCharsets.UTF_8), "repo/one.py");
 * git.add("repo", List.of("one.py"));
 * String hash = git.commit("repo", "Add one.py", "Me", "me@example.com").hash();
 * git.push("repo", "me", token);
 * }</pre>
 */
public final class Git {
    private final Sandbox sandbox;
    private final HttpTransport transport;

    Git(Sandbox sandbox, HttpTransport transport) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox is null");
        this.transport = Objects.requireNonNull(transport, "transport is null");
    }

    /**
     * Clones the default branch of a repository without authentication.
     *
     * @param url the repository URL, e.g. {@code https://github.com/owner/repo.git}
     * @param path the repository's directory in the sandbox, absolute or relative to the work directory
     * @see #clone(String, String, GitCloneOptions)
     */
    public void clone(String url, String path) {
        clone(url, path, GitCloneOptions.DEFAULTS);
    }

    /**
     * Clones a repository with options built in place, e.g.
     * {@code git.clone(url, "repo", o -> o.branch("dev").credentials(user, token))}.
     *
     * @param url the repository URL, e.g. {@code https://github.com/owner/repo.git}
     * @param path the repository's directory in the sandbox, absolute or relative to the work directory
     * @param options branch, commit, credentials and TLS options
     * @see #clone(String, String, GitCloneOptions)
     */
    public void clone(String url, String path, Consumer<GitCloneOptions.Builder> options) {
        clone(url, path, GitCloneOptions.of(options));
    }

    /**
     * Clones a repository into {@code path} ({@code POST /git/clone}).
     *
     * @param url the repository's URL
     * @param path an empty or missing directory in the sandbox
     * @param options branch or commit, credentials
     * @throws DaytonaAuthenticationException if the git server rejected the credentials or needs some
     * @throws DaytonaNotFoundException if the repository, branch or commit does not exist
     * @throws DaytonaConflictException if {@code path} exists and is not an empty directory
     * @throws DaytonaException if the call fails otherwise
     */
    public void clone(String url, String path, GitCloneOptions options) {
        requireText(url, "url");
        requireText(path, "path");
        Objects.requireNonNull(options, "options is null");
        GitCloneRequest request = new GitCloneRequest(url, path, options.branch(), options.commitId(), options.username(),
                options.password(), options.insecureSkipTls() ? Boolean.TRUE : null);
        transport.send(HttpCall.post("clone repository", git("/clone"), request), Void.class);
    }

    /**
     * Returns the current branch, the changed and untracked files and how far the branch is from
     * its upstream ({@code GET /git/status}).
     *
     * @param path the repository's directory in the sandbox, absolute or relative to the work directory
     * @return the current branch, the changed and untracked files and how far the branch is from its upstream
     * @throws DaytonaNotFoundException if {@code path} is not in a git repository
     * @throws DaytonaException if the call fails
     */
    public GitStatus status(String path) {
        requireText(path, "path");
        return transport.send(HttpCall.get("get status", git("/status", path)), GitStatus.class);
    }

    /**
     * Returns the local branches, in name order ({@code GET /git/branches}).
     *
     * @param path the repository's directory in the sandbox, absolute or relative to the work directory
     * @return the local branches, in name order
     * @throws DaytonaNotFoundException if {@code path} is not in a git repository
     * @throws DaytonaException if the call fails
     */
    public List<String> branches(String path) {
        requireText(path, "path");
        ListBranchResponse answer = transport.send(HttpCall.get("list branches", git("/branches", path)), ListBranchResponse.class);
        return answer == null ? List.of() : answer.branches();
    }

    /**
     * Creates a branch at HEAD and checks it out ({@code POST /git/branches}).
     *
     * @param path the repository's directory in the sandbox, absolute or relative to the work directory
     * @param name the branch's name
     * @throws DaytonaConflictException if the branch exists
     * @throws DaytonaException if the call fails
     */
    public void createBranch(String path, String name) {
        requireText(path, "path");
        requireText(name, "name");
        transport.send(HttpCall.post("create branch", git("/branches"), new GitBranchRequest(path, name)), Void.class);
    }

    /**
     * Deletes a branch, merged or not ({@code DELETE /git/branches}).
     *
     * @param path the repository's directory in the sandbox, absolute or relative to the work directory
     * @param name the branch's name
     * @throws DaytonaNotFoundException if there is no such branch
     * @throws DaytonaConflictException if it is the branch checked out
     * @throws DaytonaException if the call fails
     */
    public void deleteBranch(String path, String name) {
        requireText(path, "path");
        requireText(name, "name");
        transport.send(new HttpCall("delete branch", "DELETE", git("/branches"), new GitDeleteBranchRequest(path, name),
                Optional.empty()), Void.class);
    }

    /**
     * Checks out a branch, a remote branch (creating a local branch tracking it) or a commit
     * ({@code POST /git/checkout}).
     *
     * @param path the repository's directory in the sandbox, absolute or relative to the work directory
     * @param branch the branch
     * @throws DaytonaNotFoundException if there is no such branch or commit
     * @throws DaytonaConflictException if local changes would be overwritten
     * @throws DaytonaException if the call fails
     */
    public void checkoutBranch(String path, String branch) {
        requireText(path, "path");
        requireText(branch, "branch");
        transport.send(HttpCall.post("checkout branch", git("/checkout"), new GitCheckoutRequest(path, branch)), Void.class);
    }

    /**
     * Stages files ({@code POST /git/add}).
     *
     * @param path the repository's directory in the sandbox, absolute or relative to the work directory
     * @param files paths relative to the repository; {@code List.of(".")} stages every change
     * @throws DaytonaNotFoundException if a file matches nothing
     * @throws DaytonaException if the call fails
     */
    public void add(String path, List<String> files) {
        requireText(path, "path");
        List<String> copy = List.copyOf(Objects.requireNonNull(files, "files is null"));
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("files is empty: name the files to stage, or \".\" for all changes");
        }
        transport.send(HttpCall.post("add files", git("/add"), new GitAddRequest(path, copy)), Void.class);
    }

    /**
     * Commits the staged changes.
     *
     * @param path the repository's directory in the sandbox, absolute or relative to the work directory
     * @param message the commit message
     * @param author the author's name
     * @param email the author's email address
     * @return the new commit
     * @see #commit(String, String, String, String, boolean)
     */
    public GitCommitResponse commit(String path, String message, String author, String email) {
        return commit(path, message, author, email, false);
    }

    /**
     * Commits the staged changes with the given author, who is also the committer
     * ({@code POST /git/commit}).
     *
     * @param path the repository's directory in the sandbox, absolute or relative to the work directory
     * @param message the commit message
     * @param author the author's name
     * @param email the author's email address
     * @param allowEmpty whether to commit even when nothing is staged
     * @return the new commit's hash
     * @throws DaytonaValidationException if nothing is staged and {@code allowEmpty} is false
     * @throws DaytonaException if the call fails
     */
    public GitCommitResponse commit(String path, String message, String author, String email, boolean allowEmpty) {
        requireText(path, "path");
        requireText(message, "message");
        requireText(author, "author");
        requireText(email, "email");
        GitCommitRequest request = new GitCommitRequest(path, message, author, email, allowEmpty ? Boolean.TRUE : null);
        return transport.send(HttpCall.post("commit changes", git("/commit"), request), GitCommitResponse.class);
    }

    /**
     * Pushes the current branch without authentication.
     *
     * @param path the repository's directory in the sandbox, absolute or relative to the work directory
     * @see #push(String, String, String)
     */
    public void push(String path) {
        push(path, null, null);
    }

    /**
     * Pushes the current branch to the branch of the same name on its remote ({@code origin}
     * unless configured otherwise) and makes that its upstream ({@code POST /git/push}).
     *
     * @param path the repository's directory in the sandbox, absolute or relative to the work directory
     * @param username the user name, or null
     * @param password the password or access token, or null; used for this call only
     * @throws DaytonaAuthenticationException if the git server rejected the credentials or needs some
     * @throws DaytonaConflictException if the remote branch has commits the local one lacks, or HEAD is detached
     * @throws DaytonaException if the call fails
     */
    public void push(String path, String username, String password) {
        requireText(path, "path");
        transport.send(HttpCall.post("push changes", git("/push"), new GitRepoRequest(path, username, password)), Void.class);
    }

    /**
     * Pulls without authentication.
     *
     * @param path the repository's directory in the sandbox, absolute or relative to the work directory
     * @see #pull(String, String, String)
     */
    public void pull(String path) {
        pull(path, null, null);
    }

    /**
     * Fetches the current branch's upstream and fast-forwards to it ({@code POST /git/pull}).
     *
     * @param path the repository's directory in the sandbox, absolute or relative to the work directory
     * @param username the user name, or null
     * @param password the password or access token, or null; used for this call only
     * @throws DaytonaConflictException if the branches diverged or local changes are in the way
     * @throws DaytonaException if the call fails
     */
    public void pull(String path, String username, String password) {
        requireText(path, "path");
        transport.send(HttpCall.post("pull changes", git("/pull"), new GitRepoRequest(path, username, password)), Void.class);
    }

    /**
     * Returns the history of HEAD, newest first; empty for a repository without commits
     * ({@code GET /git/history}).
     *
     * @param path the repository's directory in the sandbox, absolute or relative to the work directory
     * @return the history of HEAD, newest first
     * @throws DaytonaNotFoundException if {@code path} is not in a git repository
     * @throws DaytonaException if the call fails
     */
    public List<GitCommitInfo> history(String path) {
        requireText(path, "path");
        GitCommitInfo[] commits = transport.send(HttpCall.get("get commit history", git("/history", path)), GitCommitInfo[].class);
        return commits == null ? List.of() : List.of(commits);
    }

    private URI git(String suffix) {
        return sandbox.toolboxUri("/git" + suffix);
    }

    private URI git(String suffix, String path) {
        return sandbox.toolboxUri("/git" + suffix + Urls.query(Map.of("path", path)));
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name + " is null");
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + " is empty");
        }
    }
}
