package io.daytona.model.toolbox.git;

/**
 * The body of {@code POST /git/branches}: creates a branch at HEAD and checks it out.
 *
 * @param path the repository
 * @param name the new branch's name
 */
public record GitBranchRequest(String path, String name) {}
