package io.daytona.daemon.lsp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.http.ErrorCode;
import io.daytona.http.ServiceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The running language servers, one per language and project. A server that exits on its own is
 * forgotten as soon as it does; {@link #close()} stops them all when the daemon stops.
 */
public final class LanguageServers implements AutoCloseable {
    private final ObjectMapper mapper;
    private final Function<LspLanguage, Optional<List<String>>> commands;
    private final Function<LspLanguage, JsonNode> initializationOptions;
    private final Map<Key, LanguageServer> running = new ConcurrentHashMap<>();
    /** Starts and stops are rare and slow; one at a time keeps two starts of one server from racing. */
    private final ReentrantLock lifecycle = new ReentrantLock();

    record Key(LspLanguage language, Path project) {}

    /**
     * @param mapper JSON for the JSON-RPC messages
     * @param commands the command line of a language's server, empty when it is not installed
     * @param initializationOptions server-specific {@code initialize} options, or null
     */
    LanguageServers(ObjectMapper mapper, Function<LspLanguage, Optional<List<String>>> commands,
            Function<LspLanguage, JsonNode> initializationOptions) {
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.commands = requireNonNull(commands, "commands is null");
        this.initializationOptions = requireNonNull(initializationOptions, "initializationOptions is null");
    }

    /** Language servers as the sandbox's PATH finds them. */
    public static LanguageServers fromPath(String path, ObjectMapper mapper) {
        ServerCommands installed = new ServerCommands(path, mapper);
        return new LanguageServers(mapper, installed::command, installed::initializationOptions);
    }

    /** Starts the server of {@code language} for {@code project}; one that runs already is kept. */
    void start(LspLanguage language, Path project) throws InterruptedException {
        if (!Files.isDirectory(project)) {
            throw ServiceException.badRequest("pathToProject %s is not a directory in the sandbox: create it first", project);
        }
        List<String> command = commands.apply(language).orElseThrow(() -> ServiceException.badRequest(
                "cannot start a %s language server: this sandbox's image lacks %s (not found on PATH)",
                language.wireName(), language.command().getFirst()));
        Key key = new Key(language, project);
        lifecycle.lock();
        try {
            LanguageServer existing = running.get(key);
            if (existing != null && existing.isAlive()) {
                return;
            }
            LanguageServer server;
            try {
                server = LanguageServer.start(language, project, command, initializationOptions.apply(language), mapper);
            } catch (IOException e) {
                throw new ServiceException(ErrorCode.INTERNAL_SERVER_ERROR,
                        "the %s language server for %s did not start: %s".formatted(language.wireName(), project, e.getMessage()), e);
            }
            running.put(key, server);
            server.process().onExit().thenRun(() -> running.remove(key, server));
        } finally {
            lifecycle.unlock();
        }
    }

    /** Stops the server of {@code language} for {@code project}. */
    void stop(LspLanguage language, Path project) {
        lifecycle.lock();
        try {
            LanguageServer server = running.remove(new Key(language, project));
            if (server == null) {
                throw notStarted(language, project);
            }
            server.close();
        } finally {
            lifecycle.unlock();
        }
    }

    /** The running server of {@code language} for {@code project}. */
    LanguageServer get(LspLanguage language, Path project) {
        LanguageServer server = running.get(new Key(language, project));
        if (server == null || !server.isAlive()) {
            throw notStarted(language, project);
        }
        return server;
    }

    int size() {
        return running.size();
    }

    private static ServiceException notStarted(LspLanguage language, Path project) {
        return ServiceException.badRequest("no %s language server runs for %s: start one with POST /lsp/start "
                + "{\"languageId\": \"%s\", \"pathToProject\": \"%s\"}", language.wireName(), project, language.wireName(), project);
    }

    @Override
    public void close() {
        lifecycle.lock();
        try {
            List<LanguageServer> servers = List.copyOf(running.values());
            running.clear();
            servers.parallelStream().forEach(LanguageServer::close);
        } finally {
            lifecycle.unlock();
        }
    }
}
