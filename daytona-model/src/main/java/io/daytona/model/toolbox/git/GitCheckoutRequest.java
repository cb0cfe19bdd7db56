package io.daytona.model.toolbox.git;

/**
 * The body of {@code POST /git/checkout}.
 *
 * @param path the repository
 * @param branch a local branch, a branch of exactly one remote (a local branch tracking it is
 *     created), or a commit (HEAD is then detached)
 */
public record GitCheckoutRequest(String path, String branch) {}
