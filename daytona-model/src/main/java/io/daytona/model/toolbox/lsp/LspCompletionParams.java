package io.daytona.model.toolbox.lsp;

/**
 * The body of {@code POST /lsp/completions}.
 *
 * @param languageId the language of the server to ask
 * @param pathToProject the project the server was started for
 * @param uri the document, {@code file://} followed by its path
 * @param position where the cursor is
 * @param context why completion was asked for; optional
 */
public record LspCompletionParams(
        String languageId, String pathToProject, String uri, LspPosition position, CompletionContext context) {}
