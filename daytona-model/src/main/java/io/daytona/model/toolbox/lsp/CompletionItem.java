package io.daytona.model.toolbox.lsp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One completion proposal, as the language server made it.
 *
 * @param label what to show, and to insert unless {@code insertText} says otherwise
 * @param kind the LSP {@code CompletionItemKind}; may be null
 * @param detail e.g. the type or signature; may be null
 * @param documentation a string or an LSP {@code MarkupContent} object; may be null
 * @param sortText how to sort it among the others; may be null
 * @param filterText what to match typed text against; may be null
 * @param insertText what to insert; may be null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompletionItem(
        String label, Integer kind, String detail, JsonNode documentation, String sortText, String filterText, String insertText) {}
