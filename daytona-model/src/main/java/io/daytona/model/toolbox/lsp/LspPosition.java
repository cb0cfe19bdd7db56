package io.daytona.model.toolbox.lsp;

/**
 * A place in a text document, both counted from zero.
 *
 * @param line the line
 * @param character the offset in the line, in UTF-16 code units as LSP counts them
 */
public record LspPosition(int line, int character) {}
