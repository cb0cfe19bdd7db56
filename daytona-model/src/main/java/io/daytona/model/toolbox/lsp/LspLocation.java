package io.daytona.model.toolbox.lsp;

/** Where a symbol is: its document's URI and its span in it. */
public record LspLocation(String uri, LspRange range) {}
