package io.daytona.sdk;

import io.daytona.model.toolbox.lsp.CompletionList;
import io.daytona.model.toolbox.lsp.LspPosition;
import io.daytona.model.toolbox.lsp.LspSymbol;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A language server in an {@link AsyncSandbox}; each method mirrors {@link LspServer}. */
public final class AsyncLspServer {
    private final LspServer server;
    private final AsyncCalls calls;

    AsyncLspServer(LspServer server, AsyncCalls calls) {
        this.server = server;
        this.calls = calls;
    }

    /** {@return the blocking view of the same server} */
    public LspServer sync() {
        return server;
    }

    /** {@return the language this server is for} */
    public String languageId() {
        return server.languageId();
    }

    /** {@return the project directory this server is for} */
    public String pathToProject() {
        return server.pathToProject();
    }

    /**
     * The asynchronous {@link LspServer#start()}: starts the language server; starting one that runs already
     * does nothing.
     *
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> start() {
        return calls.run(server::start);
    }

    /**
     * The asynchronous {@link LspServer#stop()}: stops the language server.
     *
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> stop() {
        return calls.run(server::stop);
    }

    /**
     * The asynchronous {@link LspServer#didOpen(String)}: tells the server a document is open, with its content
     * as it is on disk now; opening it again sends its new content.
     *
     * @param path the document's path in the sandbox
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> didOpen(String path) {
        return calls.run(() -> server.didOpen(path));
    }

    /**
     * The asynchronous {@link LspServer#didClose(String)}: tells the server a document is closed.
     *
     * @param path the document's path in the sandbox
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> didClose(String path) {
        return calls.run(() -> server.didClose(path));
    }

    /**
     * The asynchronous {@link LspServer#documentSymbols(String)}: returns the symbols (classes, functions,
     * variables…) defined in a document, flat.
     *
     * @param path the document's path in the sandbox
     * @return a future of the symbols (classes, functions, variables…) defined in a document, flat
     */
    public CompletableFuture<List<LspSymbol>> documentSymbols(String path) {
        return calls.supply(() -> server.documentSymbols(path));
    }

    /**
     * The asynchronous {@link LspServer#workspaceSymbols(String)}: returns the symbols of the project whose
     * names match {@code query}.
     *
     * @param query part of a name; empty for all
     * @return a future of the symbols of the project whose names match {@code query}
     */
    public CompletableFuture<List<LspSymbol>> workspaceSymbols(String query) {
        return calls.supply(() -> server.workspaceSymbols(query));
    }

    /**
     * The asynchronous {@link LspServer#sandboxSymbols(String)}: the same as {@link #workspaceSymbols(String)},
     * under the official SDKs' other name.
     *
     * @param query the text symbol names must contain
     * @return a future of the matching symbols of the project
     */
    public CompletableFuture<List<LspSymbol>> sandboxSymbols(String query) {
        return calls.supply(() -> server.sandboxSymbols(query));
    }

    /**
     * The asynchronous {@link LspServer#completions(String, LspPosition)}: returns the completions the server
     * proposes at a position of a document.
     *
     * @param path the document's path in the sandbox
     * @param position the cursor, line and character counted from zero
     * @return a future of the completions the server proposes at a position of a document
     */
    public CompletableFuture<CompletionList> completions(String path, LspPosition position) {
        return calls.supply(() -> server.completions(path, position));
    }

    @Override
    public String toString() {
        return server.toString();
    }
}
