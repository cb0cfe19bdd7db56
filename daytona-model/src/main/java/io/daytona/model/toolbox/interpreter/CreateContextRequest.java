package io.daytona.model.toolbox.interpreter;

/** The body of {@code POST /process/interpreter/context}: where the context starts, and its language (python). */
public record CreateContextRequest(String cwd, String language) {}
