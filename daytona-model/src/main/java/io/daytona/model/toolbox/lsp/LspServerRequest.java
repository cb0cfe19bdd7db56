package io.daytona.model.toolbox.lsp;

/**
 * The body of {@code POST /lsp/start} and {@code POST /lsp/stop}: which language server, for which project.
 *
 * @param languageId {@code python}, {@code typescript} or {@code javascript}
 * @param pathToProject the project's root directory in the sandbox, absolute or relative to the work directory
 */
public record LspServerRequest(String languageId, String pathToProject) {}
