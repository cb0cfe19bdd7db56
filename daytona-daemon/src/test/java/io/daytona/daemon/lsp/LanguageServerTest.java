package io.daytona.daemon.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import io.daytona.model.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Documents opened for a question, and stopping, against {@link FakeLanguageServer} in its own process. */
class LanguageServerTest {
    @TempDir
    Path project;

    @Test
    void concurrentQuestionsShareOneTemporaryOpening() throws Exception {
        Path file = Files.writeString(project.resolve("a.py"), "x = 1\n");
        Path log = project.resolve("server.log");
        String uri = LanguageServer.uriOf(file);
        LanguageServer server = start(log);
        try {
            Thread first = Thread.ofVirtual().start(() -> symbols(server, file));
            Thread.sleep(100);
            Thread second = Thread.ofVirtual().start(() -> symbols(server, file));
            first.join();
            second.join();
        } finally {
            server.close();
        }

        assertThat(documentMessages(log)).containsExactly("textDocument/didOpen " + uri, "textDocument/documentSymbol " + uri,
                "textDocument/documentSymbol " + uri, "textDocument/didClose " + uri);
        assertThat(Files.readAllLines(log)).endsWith("shutdown ", "exit ");
        assertThat(server.isAlive()).isFalse();
    }

    @Test
    void aDocumentTheCallerOpensDuringAQuestionStaysOpen() throws Exception {
        Path file = Files.writeString(project.resolve("b.py"), "y = 2\n");
        Path log = project.resolve("server.log");
        String uri = LanguageServer.uriOf(file);
        LanguageServer server = start(log);
        try {
            Thread question = Thread.ofVirtual().start(() -> symbols(server, file));
            Thread.sleep(100);
            server.didOpen(file);
            question.join();
        } finally {
            server.close();
        }

        assertThat(documentMessages(log)).containsExactly("textDocument/didOpen " + uri, "textDocument/documentSymbol " + uri,
                "textDocument/didChange " + uri);
    }

    private LanguageServer start(Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"),
                FakeLanguageServer.class.getName(), log.toString());
        return LanguageServer.start(LspLanguage.PYTHON, project, command, null, Json.newMapper());
    }

    private static void symbols(LanguageServer server, Path file) {
        try {
            server.documentSymbols(file);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> documentMessages(Path log) throws Exception {
        return Files.readAllLines(log).stream().filter(line -> line.startsWith("textDocument/")).toList();
    }
}
