package io.daytona.model.toolbox.git;

/**
 * The body of {@code DELETE /git/branches}.
 *
 * @param path the repository
 * @param name the branch to delete; not the one checked out
 */
public record GitDeleteBranchRequest(String path, String name) {}
