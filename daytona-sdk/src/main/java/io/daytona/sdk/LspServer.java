package io.daytona.sdk;

import io.daytona.model.toolbox.lsp.CompletionList;
import io.daytona.model.toolbox.lsp.LspCompletionParams;
import io.daytona.model.toolbox.lsp.LspDocumentRequest;
import io.daytona.model.toolbox.lsp.LspPosition;
import io.daytona.model.toolbox.lsp.LspServerRequest;
import io.daytona.model.toolbox.lsp.LspSymbol;
import io.daytona.sdk.internal.HttpTransport;
import io.daytona.sdk.internal.HttpTransport.HttpCall;
import io.daytona.sdk.internal.Urls;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A language server in the sandbox for one project: code intelligence (symbols, completions) for
 * {@code python} (pylsp), {@code typescript} and {@code javascript} (typescript-language-server).
 * Obtained from {@link Sandbox#createLspServer(String, String)}; call {@link #start()} first.
 *
 * <p>Documents are named by their path in the sandbox, absolute or relative to its work
 * directory; the server reads them from disk when they are opened.
 *
 * <pre>{@code
 * LspServer lsp = sandbox.createLspServer("python", "/home/daytona/project");
 * lsp.start();
 * lsp.didOpen("/home/daytona/project/main.py");
 * List<LspSymbol> symbols = lsp.documentSymbols("/home/daytona/project/main.py");
 * CompletionList completions = lsp.completions("/home/daytona/project/main.py", new LspPosition(3, 10));
 * lsp.stop();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class LspServer {
    /** The languages a server can be created for. */
    public static final List<String> LANGUAGES = List.of("python", "typescript", "javascript");

    private final Sandbox sandbox;
    private final HttpTransport transport;
    private final String languageId;
    private final String pathToProject;

    LspServer(Sandbox sandbox, HttpTransport transport, String languageId, String pathToProject) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox is null");
        this.transport = Objects.requireNonNull(transport, "transport is null");
        Objects.requireNonNull(languageId, "languageId is null");
        if (!LANGUAGES.contains(languageId)) {
            throw new IllegalArgumentException("languageId must be one of " + LANGUAGES + ", got " + languageId);
        }
        this.languageId = languageId;
        this.pathToProject = Objects.requireNonNull(pathToProject, "pathToProject is null");
    }

    /** {@return the language this server is for} */
    public String languageId() {
        return languageId;
    }

    /** {@return the project directory this server is for} */
    public String pathToProject() {
        return pathToProject;
    }

    /**
     * Starts the language server; starting one that runs already does nothing.
     *
     * @throws DaytonaValidationException if the project directory does not exist (HTTP 400)
     * @throws DaytonaException if the call fails
     */
    public void start() {
        transport.send(HttpCall.post("start LSP server", sandbox.toolboxUri("/lsp/start"),
                new LspServerRequest(languageId, pathToProject)), Void.class);
    }

    /**
     * Stops the language server.
     *
     * @throws DaytonaValidationException if it is not running (HTTP 400)
     * @throws DaytonaException if the call fails
     */
    public void stop() {
        transport.send(HttpCall.post("stop LSP server", sandbox.toolboxUri("/lsp/stop"),
                new LspServerRequest(languageId, pathToProject)), Void.class);
    }

    /**
     * Tells the server a document is open, with its content as it is on disk now; opening it again
     * sends its new content.
     *
     * @param path the document's path in the sandbox
     * @throws DaytonaNotFoundException if there is no such file (HTTP 404)
     * @throws DaytonaException if the call fails
     */
    public void didOpen(String path) {
        transport.send(HttpCall.post("open file", sandbox.toolboxUri("/lsp/did-open"), document(path)), Void.class);
    }

    /**
     * Tells the server a document is closed.
     *
     * @param path the document's path in the sandbox
     * @throws DaytonaException if the call fails
     */
    public void didClose(String path) {
        transport.send(HttpCall.post("close file", sandbox.toolboxUri("/lsp/did-close"), document(path)), Void.class);
    }

    /**
     * Returns the symbols (classes, functions, variables…) defined in a document, flat.
     *
     * @param path the document's path in the sandbox
     * @return the symbols (classes, functions, variables…) defined in a document, flat
     * @throws DaytonaException if the call fails
     */
    public List<LspSymbol> documentSymbols(String path) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("languageId", languageId);
        query.put("pathToProject", pathToProject);
        query.put("uri", uri(path));
        LspSymbol[] symbols = transport.send(HttpCall.get("get symbols from document",
                sandbox.toolboxUri("/lsp/document-symbols" + Urls.query(query))), LspSymbol[].class);
        return symbols == null ? List.of() : List.of(symbols);
    }

    /**
     * Returns the symbols of the project whose names match {@code query}. A server that cannot search a
     * whole project (pylsp) searches the documents that are open.
     *
     * @param query part of a name; empty for all
     * @return the symbols of the project whose names match {@code query}
     * @throws DaytonaException if the call fails
     */
    public List<LspSymbol> workspaceSymbols(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("query", Objects.requireNonNull(query, "query is null"));
        parameters.put("languageId", languageId);
        parameters.put("pathToProject", pathToProject);
        LspSymbol[] symbols = transport.send(HttpCall.get("get symbols from sandbox",
                sandbox.toolboxUri("/lsp/workspacesymbols" + Urls.query(parameters))), LspSymbol[].class);
        return symbols == null ? List.of() : List.of(symbols);
    }

    /**
     * The same as {@link #workspaceSymbols(String)}, under the official SDKs' other name.
     *
     * @param query the text symbol names must contain
     * @return the matching symbols of the project
     */
    public List<LspSymbol> sandboxSymbols(String query) {
        return workspaceSymbols(query);
    }

    /**
     * Returns the completions the server proposes at a position of a document.
     *
     * @param path the document's path in the sandbox
     * @param position the cursor, line and character counted from zero
     * @return the completions the server proposes at a position of a document
     * @throws DaytonaException if the call fails
     */
    public CompletionList completions(String path, LspPosition position) {
        Objects.requireNonNull(position, "position is null");
        LspCompletionParams params = new LspCompletionParams(languageId, pathToProject, uri(path), position, null);
        CompletionList list = transport.send(HttpCall.post("get completions", sandbox.toolboxUri("/lsp/completions"), params),
                CompletionList.class);
        return list == null ? new CompletionList(false, List.of()) : list;
    }

    private LspDocumentRequest document(String path) {
        return new LspDocumentRequest(languageId, pathToProject, uri(path));
    }

    /** As the official SDKs build it: {@code file://} and the path as given. */
    private static String uri(String path) {
        return "file://" + Objects.requireNonNull(path, "path is null");
    }

    @Override
    public String toString() {
        return "LspServer[" + languageId + " " + pathToProject + "]";
    }
}
