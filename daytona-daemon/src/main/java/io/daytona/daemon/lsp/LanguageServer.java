package io.daytona.daemon.lsp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.daytona.model.toolbox.lsp.CompletionContext;
import io.daytona.model.toolbox.lsp.CompletionItem;
import io.daytona.model.toolbox.lsp.CompletionList;
import io.daytona.model.toolbox.lsp.LspLocation;
import io.daytona.model.toolbox.lsp.LspPosition;
import io.daytona.model.toolbox.lsp.LspRange;
import io.daytona.model.toolbox.lsp.LspSymbol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One language server process for one project, spoken to over its stdin and stdout.
 *
 * <p>Documents are opened from disk: {@link #didOpen} reads the file as it is now, and opening an
 * open document again sends its new content. Asking about a document that is not open opens it
 * for the duration of the question, since some servers (tsserver) know only open files.
 */
final class LanguageServer implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);
    private static final int LOG_TAIL_LINES = 20;

    private final LspLanguage language;
    private final Path project;
    private final Process process;
    private final JsonRpcConnection rpc;
    private final ObjectMapper mapper;
    private final Path log;
    private final Map<String, Integer> openVersions = new HashMap<>();
    /** Documents opened only for the questions being asked about them, and how many there are. */
    private final Map<String, Integer> heldOpen = new HashMap<>();
    private JsonNode capabilities;

    private LanguageServer(LspLanguage language, Path project, Process process, ObjectMapper mapper, Path log) {
        this.language = language;
        this.project = project;
        this.process = process;
        this.mapper = mapper;
        this.log = log;
        this.rpc = new JsonRpcConnection(mapper, process.getInputStream(), process.getOutputStream(),
                language.wireName() + "-" + process.pid());
    }

    /**
     * Starts the server and completes the LSP handshake.
     *
     * @param command the server's command line
     * @param initializationOptions server-specific options sent with {@code initialize}; may be null
     */
    static LanguageServer start(LspLanguage language, Path project, List<String> command, JsonNode initializationOptions,
            ObjectMapper mapper) throws IOException, InterruptedException {
        Path log = Files.createTempFile("lsp-" + language.wireName() + "-", ".log");
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(project.toFile())
                    .redirectError(log.toFile())
                    .start();
        } catch (IOException e) {
            Files.deleteIfExists(log);
            throw new IOException("could not run %s: %s".formatted(command.getFirst(), e.getMessage()), e);
        }
        LanguageServer server = new LanguageServer(language, project, process, mapper, log);
        try {
            server.initialize(initializationOptions);
            return server;
        } catch (IOException | RuntimeException e) {
            String tail = server.logTail();
            server.close();
            throw new IOException(e.getMessage() + (tail.isEmpty() ? "" : "; its error output ends with: " + tail), e);
        }
    }

    private void initialize(JsonNode initializationOptions) throws IOException, InterruptedException {
        String rootUri = project.toUri().toString();
        ObjectNode params = mapper.createObjectNode();
        params.put("processId", ProcessHandle.current().pid());
        params.put("rootUri", rootUri);
        params.put("rootPath", project.toString());
        params.putArray("workspaceFolders").addObject().put("uri", rootUri).put("name", nameOf(project));
        params.set("capabilities", clientCapabilities());
        if (initializationOptions != null) {
            params.set("initializationOptions", initializationOptions);
        }
        JsonNode result = rpc.request("initialize", params, START_TIMEOUT);
        capabilities = result.path("capabilities");
        rpc.notify("initialized", mapper.createObjectNode());
    }

    /** Flat symbols (no hierarchy) and plain completion text: what the toolbox API hands on. */
    private ObjectNode clientCapabilities() {
        ObjectNode capabilities = mapper.createObjectNode();
        ObjectNode textDocument = capabilities.putObject("textDocument");
        textDocument.putObject("synchronization").put("didSave", false).put("dynamicRegistration", false);
        ObjectNode completion = textDocument.putObject("completion").put("contextSupport", true);
        completion.putObject("completionItem").put("snippetSupport", false)
                .putArray("documentationFormat").add("markdown").add("plaintext");
        textDocument.putObject("documentSymbol").put("hierarchicalDocumentSymbolSupport", false);
        ObjectNode workspace = capabilities.putObject("workspace").put("workspaceFolders", true).put("configuration", false);
        workspace.putObject("symbol").put("dynamicRegistration", false);
        return capabilities;
    }

    LspLanguage language() {
        return language;
    }

    Path project() {
        return project;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Process process() {
        return process;
    }

    /**
     * Opens {@code file} with its current content, or sends the new content if it is open already.
     * The caller owns it from then on, even if a question had opened it for a moment.
     */
    synchronized void didOpen(Path file) throws IOException {
        heldOpen.remove(uriOf(file));
        openOrChange(file);
    }

    private synchronized void openOrChange(Path file) throws IOException {
        String uri = uriOf(file);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Integer version = openVersions.get(uri);
        if (version == null) {
            ObjectNode document = mapper.createObjectNode().put("uri", uri)
                    .put("languageId", language.documentLanguage(file.toString())).put("version", 1).put("text", text);
            rpc.notify("textDocument/didOpen", Map.of("textDocument", document));
            openVersions.put(uri, 1);
            return;
        }
        int next = version + 1;
        ObjectNode params = mapper.createObjectNode();
        params.putObject("textDocument").put("uri", uri).put("version", next);
        params.putArray("contentChanges").addObject().put("text", text);
        rpc.notify("textDocument/didChange", params);
        openVersions.put(uri, next);
    }

    /** Closes {@code file}; closing a document that is not open does nothing. */
    synchronized void didClose(Path file) throws IOException {
        heldOpen.remove(uriOf(file));
        close(uriOf(file));
    }

    private synchronized void close(String uri) throws IOException {
        if (openVersions.remove(uri) != null) {
            rpc.notify("textDocument/didClose", Map.of("textDocument", Map.of("uri", uri)));
        }
    }

    List<LspSymbol> documentSymbols(Path file) throws IOException, InterruptedException {
        String uri = uriOf(file);
        JsonNode result = whileOpen(file,
                () -> rpc.request("textDocument/documentSymbol", Map.of("textDocument", Map.of("uri", uri)), REQUEST_TIMEOUT));
        List<LspSymbol> symbols = new ArrayList<>();
        result.forEach(symbol -> addSymbol(symbol, uri, symbols));
        return symbols;
    }

    /**
     * Symbols of the whole project matching {@code query}. A server without {@code workspace/symbol}
     * (pylsp) is asked for the symbols of each open document instead, filtered by name.
     */
    List<LspSymbol> workspaceSymbols(String query) throws IOException, InterruptedException {
        JsonNode provider = capabilities.path("workspaceSymbolProvider");
        if (provider.isObject() || provider.asBoolean(false)) {
            JsonNode result = rpc.request("workspace/symbol", Map.of("query", query), REQUEST_TIMEOUT);
            List<LspSymbol> symbols = new ArrayList<>();
            result.forEach(symbol -> addSymbol(symbol, null, symbols));
            return symbols;
        }
        String needle = query.toLowerCase(Locale.ROOT);
        List<LspSymbol> symbols = new ArrayList<>();
        for (String uri : openUris()) {
            JsonNode result = rpc.request("textDocument/documentSymbol", Map.of("textDocument", Map.of("uri", uri)), REQUEST_TIMEOUT);
            List<LspSymbol> found = new ArrayList<>();
            result.forEach(symbol -> addSymbol(symbol, uri, found));
            found.stream().filter(symbol -> symbol.name().toLowerCase(Locale.ROOT).contains(needle)).forEach(symbols::add);
        }
        return symbols;
    }

    /** The documents the caller opened (not those opened only for a question in flight). */
    private synchronized List<String> openUris() {
        return openVersions.keySet().stream().filter(uri -> !heldOpen.containsKey(uri)).toList();
    }

    CompletionList completions(Path file, LspPosition position, CompletionContext context)
            throws IOException, InterruptedException {
        ObjectNode params = mapper.createObjectNode();
        params.putObject("textDocument").put("uri", uriOf(file));
        params.set("position", mapper.valueToTree(position));
        if (context != null) {
            ObjectNode trigger = params.putObject("context").put("triggerKind", context.triggerKind());
            if (context.triggerCharacter() != null) {
                trigger.put("triggerCharacter", context.triggerCharacter());
            }
        }
        JsonNode result = whileOpen(file, () -> rpc.request("textDocument/completion", params, REQUEST_TIMEOUT));
        JsonNode items = result.isArray() ? result : result.path("items");
        List<CompletionItem> completions = new ArrayList<>();
        items.forEach(item -> completions.add(completionItem(item)));
        return new CompletionList(result.path("isIncomplete").asBoolean(false), completions);
    }

    private CompletionItem completionItem(JsonNode item) {
        JsonNode documentation = item.get("documentation");
        String insertText = text(item, "insertText").orElseGet(() -> text(item.path("textEdit"), "newText").orElse(null));
        return new CompletionItem(item.path("label").asText(),
                item.path("kind").isInt() ? item.path("kind").asInt() : null,
                text(item, "detail").orElse(null),
                documentation == null || documentation.isNull() ? null : documentation,
                text(item, "sortText").orElse(null),
                text(item, "filterText").orElse(null),
                insertText);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? Optional.empty() : Optional.of(value.asText());
    }

    /**
     * Adds a {@code SymbolInformation}/{@code WorkspaceSymbol} (which has a location) or a
     * {@code DocumentSymbol} (which has a range in {@code documentUri}, and children) to {@code symbols}.
     */
    private void addSymbol(JsonNode symbol, String documentUri, List<LspSymbol> symbols) {
        JsonNode location = symbol.get("location");
        String uri = location != null ? location.path("uri").asText(documentUri) : documentUri;
        JsonNode range = location != null ? location.path("range") : symbol.path("range");
        symbols.add(new LspSymbol(symbol.path("kind").asInt(), symbol.path("name").asText(), new LspLocation(uri, range(range))));
        symbol.path("children").forEach(child -> addSymbol(child, documentUri, symbols));
    }

    private LspRange range(JsonNode range) {
        if (range.isMissingNode() || range.isNull()) {
            return new LspRange(new LspPosition(0, 0), new LspPosition(0, 0));
        }
        return mapper.convertValue(range, LspRange.class);
    }

    private interface Question {
        JsonNode ask() throws IOException, InterruptedException;
    }

    /**
     * Asks a question about {@code file}, opening it for the time of the question if the caller has
     * not opened it. Concurrent questions share the temporary opening; the last one closes it.
     */
    private JsonNode whileOpen(Path file, Question question) throws IOException, InterruptedException {
        String uri = uriOf(file);
        boolean held;
        synchronized (this) {
            held = heldOpen.containsKey(uri) || !openVersions.containsKey(uri);
            if (held) {
                if (!openVersions.containsKey(uri)) {
                    openOrChange(file);
                }
                heldOpen.merge(uri, 1, Integer::sum);
            }
        }
        try {
            return question.ask();
        } finally {
            if (held) {
                release(uri);
            }
        }
    }

    private synchronized void release(String uri) throws IOException {
        Integer holders = heldOpen.get(uri);
        if (holders == null) {
            return; // the caller opened it meanwhile: it stays open
        }
        if (holders > 1) {
            heldOpen.put(uri, holders - 1);
            return;
        }
        heldOpen.remove(uri);
        close(uri);
    }

    static String uriOf(Path file) {
        return file.toUri().toString();
    }

    private static String nameOf(Path project) {
        Path name = project.getFileName();
        return name == null ? "/" : name.toString();
    }

    /** The last lines the server wrote to its error output, to explain a failure. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())).strip();
        } catch (IOException | java.io.UncheckedIOException e) {
            return "";
        }
    }

    /** Asks the server to shut down, then ends the process, forcibly if it does not exit. */
    @Override
    public void close() {
        // tsserver runs as a child of typescript-language-server: remember it before its parent goes.
        List<ProcessHandle> children = process.descendants().toList();
        if (process.isAlive()) {
            try {
                rpc.request("shutdown", null, SHUTDOWN_TIMEOUT);
                rpc.notify("exit", null);
            } catch (IOException e) {
                // not answering: it is ended below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        rpc.close();
        end();
        children.stream().filter(ProcessHandle::isAlive).forEach(LanguageServer::kill);
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a leftover log in the temp dir is harmless
        }
    }

    /** Kills a child the server left behind and waits (briefly) until it is gone, so stop means stopped. */
    private static void kill(ProcessHandle child) {
        child.destroyForcibly();
        try {
            child.onExit().get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // a process that will not die of SIGKILL is the kernel's business
        }
    }

    private void end() {
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
