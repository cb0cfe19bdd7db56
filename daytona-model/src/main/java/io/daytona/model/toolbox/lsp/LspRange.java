package io.daytona.model.toolbox.lsp;

/** A span of a text document, {@code end} exclusive. */
public record LspRange(LspPosition start, LspPosition end) {}
