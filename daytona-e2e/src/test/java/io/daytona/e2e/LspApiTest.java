package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /lsp}: pylsp and typescript-language-server from the image, driven by the daemon in a real sandbox. */
@ExtendWith(PlatformExtension.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class LspApiTest {
    static final String PYTHON_PROJECT = "/home/daytona/pyproject";
    static final String PYTHON_FILE = PYTHON_PROJECT + "/greeting.py";
    static final String PYTHON_SOURCE = """
            class Greeter:
                def greet(self, name):
                    return "hello " + name


            def make_greeter():
                return Greeter()


            greeter = make_greeter()
            greeter.gr
            """;
    static final String TS_PROJECT = "/home/daytona/tsproject";
    static final String TS_FILE = TS_PROJECT + "/src/greeting.ts";
    static final String TS_SOURCE = """
            export class Greeter {
              greet(name: string): string {
                return `hello ${name}`;
              }
            }

            export function makeGreeter(): Greeter {
              return new Greeter();
            }

            const greeter = makeGreeter();
            greeter.gr
            """;
    static final String JS_FILE = TS_PROJECT + "/lib/tally.js";
    static final String JS_SOURCE = """
            function tally(items) {
              return items.length;
            }
            module.exports = { tally };
            """;

    private static TestSandbox sandbox;
    private static Api toolbox;

    @BeforeAll
    static void createSandbox(Platform platform) {
        sandbox = TestSandbox.create(platform, Map.of());
        toolbox = sandbox.toolbox();
        write(toolbox, PYTHON_FILE, PYTHON_SOURCE);
        write(toolbox, TS_FILE, TS_SOURCE);
        write(toolbox, JS_FILE, JS_SOURCE);
        System.out.println("[measured] daemon " + daemonRss() + " before any language server");
    }

    private static String daemonRss() {
        return toolbox.post("/process/execute", Map.of("command", "grep VmRSS /proc/$(pgrep -o -x java)/status"))
                .json().get("result").asText().strip();
    }

    @AfterAll
    static void deleteSandbox() {
        System.out.println("[measured] daemon " + daemonRss() + " after every test of " + LspApiTest.class.getSimpleName());
        sandbox.close();
    }

    /** Writes a file in the sandbox with Python, the content passed in the environment. */
    static void write(Api toolbox, String path, String content) {
        Api.Reply written = toolbox.post("/process/code-run", Map.of("language", "python",
                "code", "import os, pathlib\np = pathlib.Path(os.environ['FILE'])\np.parent.mkdir(parents=True, exist_ok=True)\n"
                        + "p.write_text(os.environ['CONTENT'])",
                "envs", Map.of("FILE", path, "CONTENT", content)));
        assertThat(written.json().get("exitCode").asInt()).as(written.body()).isZero();
    }

    @Test
    void pythonServerListsSymbolsAndCompletesThenStops() {
        succeeds(post("/lsp/start", server("python", PYTHON_PROJECT)));
        assertThat(post("/lsp/start", server("python", PYTHON_PROJECT)).status()).as("starting again keeps it").isEqualTo(200);
        succeeds(post("/lsp/did-open", document("python", PYTHON_PROJECT, PYTHON_FILE)));

        JsonNode symbols = ok(toolbox.get(documentSymbols("python", PYTHON_PROJECT, PYTHON_FILE)));
        assertThat(names(symbols)).contains("Greeter", "greet", "make_greeter", "greeter");
        JsonNode greeter = find(symbols, "Greeter");
        assertThat(greeter.get("kind").asInt()).as("SymbolKind.Class").isEqualTo(5);
        assertThat(greeter.at("/location/uri").asText()).isEqualTo("file://" + PYTHON_FILE);
        assertThat(greeter.at("/location/range/start/line").asInt()).isZero();
        assertThat(find(symbols, "make_greeter").get("kind").asInt()).as("SymbolKind.Function").isEqualTo(12);

        JsonNode workspace = ok(toolbox.get(workspaceSymbols("python", PYTHON_PROJECT, "greet")));
        assertThat(names(workspace)).contains("Greeter", "greet", "make_greeter").doesNotContain("hello");

        JsonNode completions = ok(post("/lsp/completions", completion("python", PYTHON_PROJECT, PYTHON_FILE, 10, 10)));
        assertThat(completions.get("isIncomplete").isBoolean()).isTrue();
        assertThat(labels(completions)).anyMatch(label -> label.startsWith("greet"));

        succeeds(post("/lsp/did-close", document("python", PYTHON_PROJECT, PYTHON_FILE)));
        succeeds(post("/lsp/stop", server("python", PYTHON_PROJECT)));
        Api.Reply afterStop = toolbox.get(documentSymbols("python", PYTHON_PROJECT, PYTHON_FILE));
        assertThat(afterStop.status()).isEqualTo(400);
        assertThat(afterStop.json().get("message").asText()).contains("no python language server runs", "/lsp/start");
        assertThat(running("pylsp")).as("the stopped server's process is gone").isZero();
    }

    @Test
    void typescriptServerListsSymbolsSearchesTheProjectAndCompletes() {
        succeeds(post("/lsp/start", server("typescript", TS_PROJECT)));
        try {
            succeeds(post("/lsp/did-open", document("typescript", TS_PROJECT, TS_FILE)));

            JsonNode symbols = ok(toolbox.get(documentSymbols("typescript", TS_PROJECT, TS_FILE)));
            assertThat(names(symbols)).contains("Greeter", "greet", "makeGreeter", "greeter");
            assertThat(find(symbols, "Greeter").get("kind").asInt()).isEqualTo(5);
            assertThat(find(symbols, "makeGreeter").at("/location/range/start/line").asInt()).isEqualTo(6);

            JsonNode workspace = ok(toolbox.get(workspaceSymbols("typescript", TS_PROJECT, "Greet")));
            assertThat(names(workspace)).contains("Greeter", "makeGreeter");

            JsonNode completions = ok(post("/lsp/completions", completion("typescript", TS_PROJECT, TS_FILE, 11, 10)));
            assertThat(labels(completions)).contains("greet");

            assertThat(running("tsserver")).as("one tsserver: no separate syntax server").isEqualTo(1);
            assertThat(running("typingsInstaller")).as("no automatic type acquisition").isZero();

            JsonNode javascript = ok(toolbox.get(documentSymbols("typescript", TS_PROJECT, JS_FILE)));
            assertThat(names(javascript)).as("a file never opened is opened for the question").contains("tally");
        } finally {
            post("/lsp/stop", server("typescript", TS_PROJECT));
        }
        assertThat(running("tsserver")).as("tsserver goes with its language server").isZero();
    }

    @Test
    void javascriptServerIsItsOwn() {
        succeeds(post("/lsp/start", server("javascript", TS_PROJECT)));
        try {
            JsonNode symbols = ok(toolbox.get(documentSymbols("javascript", TS_PROJECT, JS_FILE)));
            assertThat(names(symbols)).contains("tally");
            Api.Reply typescript = toolbox.get(documentSymbols("typescript", "/home/daytona/nowhere", JS_FILE));
            assertThat(typescript.status()).isEqualTo(400);
        } finally {
            succeeds(post("/lsp/stop", server("javascript", TS_PROJECT)));
        }
    }

    @Test
    void aServerThatDiesIsForgottenAndCanBeStartedAgain() {
        String project = "/home/daytona";
        succeeds(post("/lsp/start", server("python", project)));
        toolbox.post("/process/execute", Map.of("command", "pkill -KILL -f '[p]ylsp'"));

        // The kill lands a moment after pkill returns.
        Api.Reply afterDeath = toolbox.get(workspaceSymbols("python", project, ""));
        for (int attempt = 0; attempt < 50 && afterDeath.status() == 200; attempt++) {
            sleep(100);
            afterDeath = toolbox.get(workspaceSymbols("python", project, ""));
        }
        assertThat(afterDeath.status()).isEqualTo(400);
        assertThat(afterDeath.json().get("message").asText()).contains("no python language server runs for /home/daytona");

        succeeds(post("/lsp/start", server("python", project)));
        assertThat(ok(toolbox.get(workspaceSymbols("python", project, ""))).isArray()).isTrue();
        succeeds(post("/lsp/stop", server("python", project)));
    }

    @Test
    void badRequestsSayWhatToFix() {
        Api.Reply ruby = post("/lsp/start", server("ruby", PYTHON_PROJECT));
        assertThat(ruby.status()).isEqualTo(400);
        assertThat(ruby.json().get("message").asText()).contains("unsupported languageId 'ruby'", "python", "typescript");

        Api.Reply noProject = post("/lsp/start", server("python", "/home/daytona/does-not-exist"));
        assertThat(noProject.status()).isEqualTo(400);
        assertThat(noProject.json().get("message").asText()).contains("/home/daytona/does-not-exist", "not a directory");

        Api.Reply notStarted = post("/lsp/completions", completion("python", "/home/daytona", PYTHON_FILE, 0, 0));
        assertThat(notStarted.status()).isEqualTo(400);
        assertThat(notStarted.json().get("message").asText()).contains("no python language server runs for /home/daytona");

        Api.Reply stopNotStarted = post("/lsp/stop", server("typescript", "/home/daytona"));
        assertThat(stopNotStarted.status()).isEqualTo(400);

        Api.Reply missingQuery = toolbox.get("/lsp/workspacesymbols?languageId=python&pathToProject=/home/daytona");
        assertThat(missingQuery.status()).isEqualTo(400);

        succeeds(post("/lsp/start", server("python", PYTHON_PROJECT)));
        try {
            Api.Reply missingFile = post("/lsp/did-open", document("python", PYTHON_PROJECT, PYTHON_PROJECT + "/missing.py"));
            assertThat(missingFile.status()).isEqualTo(404);
            assertThat(missingFile.json().get("message").asText()).contains("missing.py");
            toolbox.post("/process/execute", Map.of("command", "printf 'x = \\377\\n' > " + PYTHON_PROJECT + "/latin1.py"));
            Api.Reply notUtf8 = post("/lsp/did-open", document("python", PYTHON_PROJECT, PYTHON_PROJECT + "/latin1.py"));
            assertThat(notUtf8.status()).as(notUtf8.body()).isEqualTo(400);
            assertThat(notUtf8.json().get("message").asText()).contains("not UTF-8");
            toolbox.post("/process/execute", Map.of("command", "truncate -s 5M " + PYTHON_PROJECT + "/huge.py"));
            Api.Reply huge = toolbox.get(documentSymbols("python", PYTHON_PROJECT, PYTHON_PROJECT + "/huge.py"));
            assertThat(huge.status()).as(huge.body()).isEqualTo(400);
            assertThat(huge.json().get("message").asText()).contains("at most 4194304 bytes");
            Api.Reply notFileUri = post("/lsp/did-open", Map.of("languageId", "python", "pathToProject", PYTHON_PROJECT, "uri", PYTHON_FILE));
            assertThat(notFileUri.status()).isEqualTo(400);
            assertThat(notFileUri.json().get("message").asText()).contains("file://");
        } finally {
            post("/lsp/stop", server("python", PYTHON_PROJECT));
        }
    }

    private int running(String program) {
        // [x]yz: the shell running pgrep has the pattern in its own command line, which must not match.
        String pattern = "[" + program.charAt(0) + "]" + program.substring(1);
        JsonNode run = toolbox.post("/process/execute", Map.of("command", "pgrep -c -f '" + pattern + "'")).json();
        return Integer.parseInt(run.get("result").asText().strip());
    }

    private static Api.Reply post(String path, Object body) {
        return toolbox.post(path, body);
    }

    static Map<String, Object> server(String language, String project) {
        return Map.of("languageId", language, "pathToProject", project);
    }

    static Map<String, Object> document(String language, String project, String file) {
        return Map.of("languageId", language, "pathToProject", project, "uri", "file://" + file);
    }

    static Map<String, Object> completion(String language, String project, String file, int line, int character) {
        return Map.of("languageId", language, "pathToProject", project, "uri", "file://" + file,
                "position", Map.of("line", line, "character", character));
    }

    static String documentSymbols(String language, String project, String file) {
        return "/lsp/document-symbols?languageId=" + language + "&pathToProject=" + encode(project) + "&uri=" + encode("file://" + file);
    }

    static String workspaceSymbols(String language, String project, String query) {
        return "/lsp/workspacesymbols?query=" + encode(query) + "&languageId=" + language + "&pathToProject=" + encode(project);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void succeeds(Api.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    private static JsonNode ok(Api.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static List<String> names(JsonNode symbols) {
        List<String> names = new ArrayList<>();
        symbols.forEach(symbol -> names.add(symbol.get("name").asText()));
        return names;
    }

    private static JsonNode find(JsonNode symbols, String name) {
        for (JsonNode symbol : symbols) {
            if (symbol.get("name").asText().equals(name)) {
                return symbol;
            }
        }
        throw new AssertionError(name + " not among " + symbols);
    }

    private static List<String> labels(JsonNode completions) {
        List<String> labels = new ArrayList<>();
        completions.get("items").forEach(item -> labels.add(item.get("label").asText()));
        return labels;
    }
}
