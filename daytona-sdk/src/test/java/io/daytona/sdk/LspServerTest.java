package io.daytona.sdk;

import static io.daytona.sdk.FakeServer.ok;
import static io.daytona.sdk.TestSandboxes.sandbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.daytona.model.sandbox.SandboxState;
import io.daytona.model.toolbox.CodeRunResponse;
import io.daytona.model.toolbox.lsp.CompletionItem;
import io.daytona.model.toolbox.lsp.CompletionList;
import io.daytona.model.toolbox.lsp.LspLocation;
import io.daytona.model.toolbox.lsp.LspPosition;
import io.daytona.model.toolbox.lsp.LspRange;
import io.daytona.model.toolbox.lsp.LspSymbol;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link LspServer} and {@code codeRun} put on the wire, as the official SDKs do. */
class LspServerTest {
    private FakeServer server;
    private Daytona daytona;
    private Sandbox sandbox;

    @BeforeEach
    void setUp() {
        server = new FakeServer();
        daytona = new Daytona(DaytonaConfig.builder().apiKey("dtn_test").apiUrl(server.apiUrl()).build());
        server.on("GET", "/api/sandbox/sb-1", request -> ok(sandbox("sb-1", SandboxState.STARTED, server.toolboxProxyUrl())));
        sandbox = daytona.get("sb-1");
    }

    @AfterEach
    void tearDown() {
        daytona.close();
        server.close();
    }

    @Test
    void documentCallsSendFileUrisBuiltFromThePathAsGiven() throws Exception {
        server.on("POST", "/toolbox/sb-1/lsp/start", request -> new FakeServer.Response(200, ""));
        server.on("POST", "/toolbox/sb-1/lsp/did-open", request -> new FakeServer.Response(200, ""));
        LspSymbol symbol = new LspSymbol(5, "Greeter",
                new LspLocation("file:///p/a b.py", new LspRange(new LspPosition(0, 0), new LspPosition(2, 3))));
        server.on("GET", "/toolbox/sb-1/lsp/document-symbols", request -> ok(List.of(symbol)));

        LspServer lsp = sandbox.createLspServer("python", "/p");
        lsp.start();
        lsp.didOpen("/p/a b.py");
        List<LspSymbol> symbols = lsp.documentSymbols("/p/a b.py");

        assertThat(symbols).containsExactly(symbol);
        JsonNode start = FakeServer.MAPPER.readTree(server.requests("POST", "/toolbox/sb-1/lsp/start").getFirst().body());
        assertThat(start.path("languageId").asText()).isEqualTo("python");
        assertThat(start.path("pathToProject").asText()).isEqualTo("/p");
        JsonNode open = FakeServer.MAPPER.readTree(server.requests("POST", "/toolbox/sb-1/lsp/did-open").getFirst().body());
        assertThat(open.path("uri").asText()).isEqualTo("file:///p/a b.py");
        assertThat(server.requests("GET", "/toolbox/sb-1/lsp/document-symbols").getFirst().query())
                .containsExactlyInAnyOrderEntriesOf(Map.of("languageId", "python", "pathToProject", "/p", "uri", "file:///p/a b.py"));
    }

    @Test
    void workspaceSymbolsAndCompletionsUseTheUpstreamPathsAndShapes() throws Exception {
        server.on("GET", "/toolbox/sb-1/lsp/workspacesymbols", request -> ok(List.of()));
        server.on("POST", "/toolbox/sb-1/lsp/completions", request -> ok(Map.of("isIncomplete", true,
                "items", List.of(Map.of("label", "greet", "kind", 2, "documentation", Map.of("kind", "markdown", "value", "Says hi"))))));

        LspServer lsp = sandbox.createLspServer("typescript", "/p");
        assertThat(lsp.sandboxSymbols("Gre")).isEmpty();
        CompletionList completions = lsp.completions("/p/a.ts", new LspPosition(11, 10));

        assertThat(server.requests("GET", "/toolbox/sb-1/lsp/workspacesymbols").getFirst().query())
                .containsEntry("query", "Gre").containsEntry("languageId", "typescript");
        assertThat(completions.isIncomplete()).isTrue();
        CompletionItem item = completions.items().getFirst();
        assertThat(item.label()).isEqualTo("greet");
        assertThat(item.kind()).isEqualTo(2);
        assertThat(item.documentation().path("value").asText()).isEqualTo("Says hi");
        JsonNode body = FakeServer.MAPPER.readTree(server.requests("POST", "/toolbox/sb-1/lsp/completions").getFirst().body());
        assertThat(body.path("uri").asText()).isEqualTo("file:///p/a.ts");
        assertThat(body.path("position").path("line").asInt()).isEqualTo(11);
        assertThat(body.path("position").path("character").asInt()).isEqualTo(10);
    }

    @Test
    void unknownLanguagesAreRefusedWithoutACall() {
        assertThatThrownBy(() -> sandbox.createLspServer("go", "/p")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[python, typescript, javascript]");
        assertThat(server.requests()).extracting(FakeServer.Request::path).containsOnly("/api/sandbox/sb-1");
    }

    @Test
    void codeRunSendsTheSandboxLanguageFromItsLabel() throws Exception {
        server.on("POST", "/toolbox/sb-1/process/code-run", request -> ok(new CodeRunResponse(0, "hi\n", null)));

        ExecuteResponse response = sandbox.getProcess().codeRun("print('hi')", List.of("a"), Map.of("K", "v"), null);

        assertThat(response.result()).isEqualTo("hi\n");
        assertThat(response.artifacts().stdout()).isEqualTo("hi\n");
        assertThat(response.artifacts().charts()).isEmpty();
        JsonNode body = FakeServer.MAPPER.readTree(server.requests("POST", "/toolbox/sb-1/process/code-run").getFirst().body());
        assertThat(body.path("language").asText()).isEqualTo("python");
        assertThat(body.path("code").asText()).isEqualTo("print('hi')");
        assertThat(body.path("argv").get(0).asText()).isEqualTo("a");
        assertThat(body.path("envs").path("K").asText()).isEqualTo("v");
    }
}
