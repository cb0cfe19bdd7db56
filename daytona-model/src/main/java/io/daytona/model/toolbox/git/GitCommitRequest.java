package io.daytona.model.toolbox.git;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /git/commit}.
 *
 * @param path the repository
 * @param message the commit message, stored verbatim
 * @param author the author's and committer's name
 * @param email the author's and committer's email
 * @param allowEmpty whether a commit without changes is made; optional
 */
public record GitCommitRequest(String path, String message, String author, String email,
                               @JsonProperty("allow_empty") Boolean allowEmpty) {}
