package io.daytona.model.toolbox.lsp;

import java.util.List;

/**
 * The answer of {@code POST /lsp/completions}.
 *
 * @param isIncomplete whether typing more should ask again rather than filter these
 * @param items the proposals
 */
public record CompletionList(boolean isIncomplete, List<CompletionItem> items) {
    public CompletionList {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
