package io.daytona.model.toolbox.lsp;

/**
 * The body of {@code POST /lsp/did-open} and {@code POST /lsp/did-close}.
 *
 * @param languageId the language of the server the document belongs to
 * @param pathToProject the project the server was started for
 * @param uri the document, {@code file://} followed by its path
 */
public record LspDocumentRequest(String languageId, String pathToProject, String uri) {}
