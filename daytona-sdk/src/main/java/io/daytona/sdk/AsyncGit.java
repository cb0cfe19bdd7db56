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

    /** See {@link Git#clone(String, String)}. */
    public CompletableFuture<Void> clone(String url, String path) {
        return calls.run(() -> git.clone(url, path));
    }

    /** See {@link Git#clone(String, String, GitCloneOptions)}. */
    public CompletableFuture<Void> clone(String url, String path, GitCloneOptions options) {
        return calls.run(() -> git.clone(url, path, options));
    }

    /** See {@link Git#clone(String, String, Consumer)}. */
    public CompletableFuture<Void> clone(String url, String path, Consumer<GitCloneOptions.Builder> options) {
        GitCloneOptions built = GitCloneOptions.of(options);
        return calls.run(() -> git.clone(url, path, built));
    }

    /** See {@link Git#status(String)}. */
    public CompletableFuture<GitStatus> status(String path) {
        return calls.supply(() -> git.status(path));
    }

    /** See {@link Git#branches(String)}. */
    public CompletableFuture<List<String>> branches(String path) {
        return calls.supply(() -> git.branches(path));
    }

    /** See {@link Git#createBranch(String, String)}. */
    public CompletableFuture<Void> createBranch(String path, String name) {
        return calls.run(() -> git.createBranch(path, name));
    }

    /** See {@link Git#deleteBranch(String, String)}. */
    public CompletableFuture<Void> deleteBranch(String path, String name) {
        return calls.run(() -> git.deleteBranch(path, name));
    }

    /** See {@link Git#checkoutBranch(String, String)}. */
    public CompletableFuture<Void> checkoutBranch(String path, String branch) {
        return calls.run(() -> git.checkoutBranch(path, branch));
    }

    /** See {@link Git#add(String, List)}. */
    public CompletableFuture<Void> add(String path, List<String> files) {
        return calls.run(() -> git.add(path, files));
    }

    /** See {@link Git#commit(String, String, String, String)}. */
    public CompletableFuture<GitCommitResponse> commit(String path, String message, String author, String email) {
        return calls.supply(() -> git.commit(path, message, author, email));
    }

    /** See {@link Git#commit(String, String, String, String, boolean)}. */
    public CompletableFuture<GitCommitResponse> commit(String path, String message, String author, String email, boolean allowEmpty) {
        return calls.supply(() -> git.commit(path, message, author, email, allowEmpty));
    }

    /** See {@link Git#push(String, String, String)}. */
    public CompletableFuture<Void> push(String path, String username, String password) {
        return calls.run(() -> git.push(path, username, password));
    }

    /** See {@link Git#pull(String, String, String)}. */
    public CompletableFuture<Void> pull(String path, String username, String password) {
        return calls.run(() -> git.pull(path, username, password));
    }

    /** See {@link Git#history(String)}. */
    public CompletableFuture<List<GitCommitInfo>> history(String path) {
        return calls.supply(() -> git.history(path));
    }

    /** See {@link Git#push(String)}. */
    public CompletableFuture<Void> push(String path) {
        return calls.run(() -> git.push(path));
    }

    /** See {@link Git#pull(String)}. */
    public CompletableFuture<Void> pull(String path) {
        return calls.run(() -> git.pull(path));
    }
}
