package io.daytona.sdk;

import io.daytona.model.toolbox.git.GitCommitInfo;
import io.daytona.model.toolbox.git.GitCommitResponse;
import io.daytona.model.toolbox.git.GitStatus;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The git repositories of an {@link AsyncSandbox}; each method mirrors {@link Git}. */
public final class AsyncGit {
    private final Git git;
    private final AsyncCalls calls;

    AsyncGit(Git git, AsyncCalls calls) {
        this.git = git;
        this.calls = calls;
    }

    /**
     * The asynchronous {@link Git#clone(String, String)}: clones the default branch of a repository without
     * authentication.
     *
     * @param url the repository URL, e.g. {@code https://github.com/owner/repo.git}
     * @param path the repository's directory in the sandbox, absolute or relative to the work directory
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> clone(String url, String path) {
        return calls.run(() -> git.clone(url, path));
    }

    /**
     * The asynchronous {@link Git#clone(String, String, GitCloneOptions)}: clones a repository into
     * {@code path} ({@code POST /git/clone}).
     *
     * @param url the repository's URL
     * @param path an empty or missing directory in the sandbox
     * @param options branch or commit, credentials
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> clone(String url, String path, GitCloneOptions options) {
        return calls.run(() -> git.clone(url, path, options));
    }

    /**
     * The asynchronous {@link Git#clone(String, String, Consumer)}: clones a repository with options built in
     * place, e.g. {@code git.clone(url, "repo", o -> o.branch("dev").credentials(user, token))}.
     *
     * @param url the repository URL, e.g. {@code https://github.com/owner/repo.git}
     * @param path the repository's directory in the sandbox, absolute or relative to the work directory
     * @param options branch, commit, credentials and TLS options
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> clone(String url, String path, Consumer<GitCloneOptions.Builder> options) {
        GitCloneOptions built = GitCloneOptions.of(options);
        return calls.run(() -> git.clone(url, path, built));
    }

    /**
     * The asynchronous {@link Git#status(String)}: returns the current branch, the changed and untracked files
     * and how far the branch is from its upstream ({@code GET /git/status}).
     *
     * @param path the repository's directory in the sandbox, absolute or relative to the work directory
     * @return a future of the current branch, the changed and untracked files and how far the branch is from its upstream
     */
    public CompletableFuture<GitStatus> status(String path) {
        return calls.supply(() -> git.status(path));
    }

    /**
     * The asynchronous {@link Git#branches(String)}: returns the local branches, in name order ({@code GET
     * /git/branches}).
     *
     * @param path the repository's directory in the sandbox, absolute or relative to the work directory
     * @return a future of the local branches, in name order
     */
    public CompletableFuture<List<String>> branches(String path) {
        return calls.supply(() -> git.branches(path));
    }

    /**
     * The asynchronous {@link Git#createBranch(String, String)}: creates a branch at HEAD and checks it out
     * ({@code POST /git/branches}).
     *
     * @param path the repository's directory in the sandbox, absolute or relative to the work directory
     * @param name the branch's name
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> createBranch(String path, String name) {
        return calls.run(() -> git.createBranch(path, name));
    }

    /**
     * The asynchronous {@link Git#deleteBranch(String, String)}: deletes a branch, merged or not ({@code DELETE
     * /git/branches}).
     *
     * @param path the repository's directory in the sandbox, absolute or relative to the work directory
     * @param name the branch's name
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> deleteBranch(String path, String name) {
        return calls.run(() -> git.deleteBranch(path, name));
    }

    /**
     * The asynchronous {@link Git#checkoutBranch(String, String)}: checks out a branch, a remote branch
     * (creating a local branch tracking it) or a commit ({@code POST /git/checkout}).
     *
     * @param path the repository's directory in the sandbox, absolute or relative to the work directory
     * @param branch the branch
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> checkoutBranch(String path, String branch) {
        return calls.run(() -> git.checkoutBranch(path, branch));
    }

    /**
     * The asynchronous {@link Git#add(String, List)}: stages files ({@code POST /git/add}).
     *
     * @param path the repository's directory in the sandbox, absolute or relative to the work directory
     * @param files paths relative to the repository; {@code List.of(".")} stages every change
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> add(String path, List<String> files) {
        return calls.run(() -> git.add(path, files));
    }

    /**
     * The asynchronous {@link Git#commit(String, String, String, String)}: commits the staged changes.
     *
     * @param path the repository's directory in the sandbox, absolute or relative to the work directory
     * @param message the commit message
     * @param author the author's name
     * @param email the author's email address
     * @return a future of the new commit
     */
    public CompletableFuture<GitCommitResponse> commit(String path, String message, String author, String email) {
        return calls.supply(() -> git.commit(path, message, author, email));
    }

    /**
     * The asynchronous {@link Git#commit(String, String, String, String, boolean)}: commits the staged changes
     * with the given author, who is also the committer ({@code POST /git/commit}).
     *
     * @param path the repository's directory in the sandbox, absolute or relative to the work directory
     * @param message the commit message
     * @param author the author's name
     * @param email the author's email address
     * @param allowEmpty whether to commit even when nothing is staged
     * @return a future of the new commit's hash
     */
    public CompletableFuture<GitCommitResponse> commit(String path, String message, String author, String email, boolean allowEmpty) {
        return calls.supply(() -> git.commit(path, message, author, email, allowEmpty));
    }

    /**
     * The asynchronous {@link Git#push(String, String, String)}: pushes the current branch to the branch of the
     * same name on its remote ({@code origin} unless configured otherwise) and makes that its upstream ({@code
     * POST /git/push}).
     *
     * @param path the repository's directory in the sandbox, absolute or relative to the work directory
     * @param username the user name, or null
     * @param password the password or access token, or null; used for this call only
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> push(String path, String username, String password) {
        return calls.run(() -> git.push(path, username, password));
    }

    /**
     * The asynchronous {@link Git#pull(String, String, String)}: fetches the current branch's upstream and
     * fast-forwards to it ({@code POST /git/pull}).
     *
     * @param path the repository's directory in the sandbox, absolute or relative to the work directory
     * @param username the user name, or null
     * @param password the password or access token, or null; used for this call only
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> pull(String path, String username, String password) {
        return calls.run(() -> git.pull(path, username, password));
    }

    /**
     * The asynchronous {@link Git#history(String)}: returns the history of HEAD, newest first; empty for a
     * repository without commits ({@code GET /git/history}).
     *
     * @param path the repository's directory in the sandbox, absolute or relative to the work directory
     * @return a future of the history of HEAD, newest first
     */
    public CompletableFuture<List<GitCommitInfo>> history(String path) {
        return calls.supply(() -> git.history(path));
    }

    /**
     * The asynchronous {@link Git#push(String)}: pushes the current branch without authentication.
     *
     * @param path the repository's directory in the sandbox, absolute or relative to the work directory
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> push(String path) {
        return calls.run(() -> git.push(path));
    }

    /**
     * The asynchronous {@link Git#pull(String)}: pulls without authentication.
     *
     * @param path the repository's directory in the sandbox, absolute or relative to the work directory
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> pull(String path) {
        return calls.run(() -> git.pull(path));
    }
}
