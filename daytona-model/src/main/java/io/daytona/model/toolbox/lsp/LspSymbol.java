package io.daytona.model.toolbox.lsp;

/**
 * A named thing in the code: a class, function, variable…
 *
 * @param kind the LSP {@code SymbolKind} (5 class, 6 method, 12 function, 13 variable, …)
 * @param name its name
 * @param location where it is defined
 */
public record LspSymbol(int kind, String name, LspLocation location) {}
