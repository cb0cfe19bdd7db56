package io.daytona.daemon.lsp;

import static java.util.Objects.requireNonNull;

import io.daytona.http.ErrorCode;
import io.daytona.http.Exchange;
import io.daytona.http.Router;
import io.daytona.http.ServiceException;
import io.daytona.model.toolbox.lsp.LspCompletionParams;
import io.daytona.model.toolbox.lsp.LspDocumentRequest;
import io.daytona.model.toolbox.lsp.LspServerRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code /lsp}: language servers (pylsp for Python, typescript-language-server for TypeScript and
 * JavaScript) started per project, asked about documents by their {@code file://} URIs.
 */
public final class LspEndpoints {
    static final long MAX_DOCUMENT_BYTES = 4L * 1024 * 1024;

    private final LanguageServers servers;
    private final Path workDir;

    /** @param workDir what relative project and document paths are relative to */
    public LspEndpoints(LanguageServers servers, Path workDir) {
        this.servers = requireNonNull(servers, "servers is null");
        this.workDir = requireNonNull(workDir, "workDir is null");
    }

    public void register(Router router) {
        router.post("/lsp/start", ex -> {
            LspServerRequest request = ex.body(LspServerRequest.class);
            servers.start(LspLanguage.parse(request.languageId()), project(request.pathToProject()));
            ex.status(200);
        });
        router.post("/lsp/stop", ex -> {
            LspServerRequest request = ex.body(LspServerRequest.class);
            servers.stop(LspLanguage.parse(request.languageId()), project(request.pathToProject()));
            ex.status(200);
        });
        router.post("/lsp/did-open", ex -> {
            LspDocumentRequest request = ex.body(LspDocumentRequest.class);
            LanguageServer server = server(request.languageId(), request.pathToProject());
            Path document = readableDocument(request.uri());
            call(server, "textDocument/didOpen", () -> {
                server.didOpen(document);
                return null;
            });
            ex.status(200);
        });
        router.post("/lsp/did-close", ex -> {
            LspDocumentRequest request = ex.body(LspDocumentRequest.class);
            LanguageServer server = server(request.languageId(), request.pathToProject());
            Path document = document(request.uri());
            call(server, "textDocument/didClose", () -> {
                server.didClose(document);
                return null;
            });
            ex.status(200);
        });
        router.get("/lsp/document-symbols", ex -> {
            LanguageServer server = server(required(ex, "languageId"), required(ex, "pathToProject"));
            Path document = readableDocument(required(ex, "uri"));
            ex.json(200, call(server, "textDocument/documentSymbol", () -> server.documentSymbols(document)));
        });
        router.get("/lsp/workspacesymbols", ex -> {
            LanguageServer server = server(required(ex, "languageId"), required(ex, "pathToProject"));
            String query = ex.query("query").orElseThrow(() -> ServiceException.badRequest(
                    "query is required: add ?query=<part of a symbol's name> (it may be empty)"));
            ex.json(200, call(server, "workspace/symbol", () -> server.workspaceSymbols(query)));
        });
        router.post("/lsp/completions", ex -> {
            LspCompletionParams request = ex.body(LspCompletionParams.class);
            LanguageServer server = server(request.languageId(), request.pathToProject());
            Path document = readableDocument(request.uri());
            if (request.position() == null) {
                throw ServiceException.badRequest("position is required: send \"position\": {\"line\": 0, \"character\": 0} (both from zero)");
            }
            if (request.position().line() < 0 || request.position().character() < 0) {
                throw ServiceException.badRequest("position line and character count from zero, got line %d, character %d",
                        request.position().line(), request.position().character());
            }
            ex.json(200, call(server, "textDocument/completion",
                    () -> server.completions(document, request.position(), request.context())));
        });
    }

    private LanguageServer server(String languageId, String pathToProject) {
        return servers.get(LspLanguage.parse(languageId), project(pathToProject));
    }

    private Path project(String pathToProject) {
        if (pathToProject == null || pathToProject.isBlank()) {
            throw ServiceException.badRequest("pathToProject is required: send the project's directory, e.g. \"/home/daytona/project\"");
        }
        return resolve(pathToProject);
    }

    private Path resolve(String path) {
        if (path.indexOf('\0') >= 0) {
            throw ServiceException.badRequest("paths cannot contain NUL characters (\\u0000)");
        }
        return workDir.resolve(path).normalize();
    }

    /**
     * The file a {@code file://} URI names. The official SDKs build it as {@code "file://" + path},
     * unencoded and possibly relative ({@code file://src/a.py}), so it is read as text, not parsed
     * as a URI, unless it is a proper absolute {@code file:///} URI with escapes.
     */
    Path document(String uri) {
        if (uri == null || uri.isBlank()) {
            throw ServiceException.badRequest("uri is required: send \"file://\" followed by the document's path");
        }
        if (!uri.startsWith("file://")) {
            throw ServiceException.badRequest("uri must start with file:// followed by the document's path, got '%s'", uri);
        }
        String path = uri.substring("file://".length());
        if (path.startsWith("/") && path.contains("%")) {
            try {
                path = new URI(uri).getPath();
            } catch (URISyntaxException e) {
                // not an escaped URI after all: the text is the path
            }
        }
        if (path.isEmpty()) {
            throw ServiceException.badRequest("uri '%s' names no file: send \"file://\" followed by the document's path", uri);
        }
        return resolve(path);
    }

    private Path readableDocument(String uri) {
        Path document = document(uri);
        if (!Files.exists(document)) {
            throw ServiceException.notFound("file not found: %s", document);
        }
        if (!Files.isRegularFile(document)) {
            throw ServiceException.badRequest("%s is not a regular file", document);
        }
        long size = size(document);
        if (size > MAX_DOCUMENT_BYTES) {
            // The whole text goes through the daemon's small heap into the server.
            throw ServiceException.badRequest("%s has %d bytes; language servers are given documents of at most %d bytes",
                    document, size, MAX_DOCUMENT_BYTES);
        }
        return document;
    }

    private static long size(Path document) {
        try {
            return Files.size(document);
        } catch (IOException e) {
            throw ServiceException.badRequest("cannot read %s: %s", document, e.getMessage());
        }
    }

    private static String required(Exchange ex, String name) {
        return ex.query(name).filter(value -> !value.isBlank())
                .orElseThrow(() -> ServiceException.badRequest("query parameter %s is required", name));
    }

    private interface ServerCall<T> {
        T run() throws IOException, InterruptedException;
    }

    /** A failing exchange with the server: its refusal is the caller's to fix, its silence or death is not. */
    private static <T> T call(LanguageServer server, String method, ServerCall<T> call) throws InterruptedException {
        try {
            return call.run();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw ServiceException.badRequest("the document is not UTF-8 text, which is what LSP carries: convert it first");
        } catch (java.nio.file.AccessDeniedException e) {
            throw ServiceException.forbidden("the daemon may not read %s", e.getFile());
        } catch (JsonRpcConnection.JsonRpcException e) {
            throw new ServiceException(e.timedOut() ? ErrorCode.SERVICE_UNAVAILABLE : ErrorCode.BAD_REQUEST,
                    "the %s language server could not answer %s: %s".formatted(server.language().wireName(), method, e.getMessage()), e);
        } catch (IOException e) {
            if (!server.isAlive()) {
                throw new ServiceException(ErrorCode.INTERNAL_SERVER_ERROR,
                        "the %s language server for %s has exited; start it again with POST /lsp/start%s".formatted(
                                server.language().wireName(), server.project(), tail(server)), e);
            }
            throw new ServiceException(ErrorCode.INTERNAL_SERVER_ERROR,
                    "%s failed: %s".formatted(method, e.getMessage()), e);
        }
    }

    private static String tail(LanguageServer server) {
        String tail = server.logTail();
        return tail.isEmpty() ? "" : " (its error output ends with: " + tail + ")";
    }
}
