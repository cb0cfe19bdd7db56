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

    /** Returns the blocking view of the same server. */
    public LspServer sync() {
        return server;
    }

    public String languageId() {
        return server.languageId();
    }

    public String pathToProject() {
        return server.pathToProject();
    }

    /** See {@link LspServer#start()}. */
    public CompletableFuture<Void> start() {
        return calls.run(server::start);
    }

    /** See {@link LspServer#stop()}. */
    public CompletableFuture<Void> stop() {
        return calls.run(server::stop);
    }

    /** See {@link LspServer#didOpen(String)}. */
    public CompletableFuture<Void> didOpen(String path) {
        return calls.run(() -> server.didOpen(path));
    }

    /** See {@link LspServer#didClose(String)}. */
    public CompletableFuture<Void> didClose(String path) {
        return calls.run(() -> server.didClose(path));
    }

    /** See {@link LspServer#documentSymbols(String)}. */
    public CompletableFuture<List<LspSymbol>> documentSymbols(String path) {
        return calls.supply(() -> server.documentSymbols(path));
    }

    /** See {@link LspServer#workspaceSymbols(String)}. */
    public CompletableFuture<List<LspSymbol>> workspaceSymbols(String query) {
        return calls.supply(() -> server.workspaceSymbols(query));
    }

    /** See {@link LspServer#sandboxSymbols(String)}. */
    public CompletableFuture<List<LspSymbol>> sandboxSymbols(String query) {
        return calls.supply(() -> server.sandboxSymbols(query));
    }

    /** See {@link LspServer#completions(String, LspPosition)}. */
    public CompletableFuture<CompletionList> completions(String path, LspPosition position) {
        return calls.supply(() -> server.completions(path, position));
    }

    @Override
    public String toString() {
        return server.toString();
    }
}
