package io.daytona.model.toolbox.git;

/**
 * The answer to {@code POST /git/commit}.
 *
 * @param hash the new commit's full hash
 */
public record GitCommitResponse(String hash) {}
