package io.daytona.model.toolbox;

/** The answer of {@code GET /user-home-dir} and {@code GET /work-dir}. */
public record DirResponse(String dir) {}
