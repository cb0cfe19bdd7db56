package io.daytona.model.toolbox.git;

/**
 * One commit of {@code GET /git/history}.
 *
 * @param hash the full hash
 * @param author the author's name
 * @param email the author's email
 * @param message the message, without trailing newlines
 * @param timestamp when it was authored, RFC 3339 with the author's offset, e.g. {@code 2026-01-02T03:04:05+01:00}
 */
public record GitCommitInfo(String hash, String author, String email, String message, String timestamp) {}
