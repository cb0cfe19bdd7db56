package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daytona.model.toolbox.lsp.CompletionItem;
import io.daytona.model.toolbox.lsp.LspPosition;
import io.daytona.model.toolbox.lsp.LspSymbol;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.DaytonaConfig;
import io.daytona.sdk.DaytonaNotFoundException;
import io.daytona.sdk.DaytonaValidationException;
import io.daytona.sdk.ExecuteResponse;
import io.daytona.sdk.LspServer;
import io.daytona.sdk.Sandbox;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Java SDK's {@link LspServer} and {@code codeRun} in a TypeScript sandbox. */
@ExtendWith(PlatformExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class JavaSdkLspTest {
    private Daytona daytona;
    private Sandbox sandbox;

    @BeforeAll
    void createSandbox(Platform platform) {
        daytona = new Daytona(DaytonaConfig.builder().apiKey(platform.adminKey()).apiUrl(platform.apiUrl().toString()).build());
        sandbox = daytona.create(p -> p.labels(Map.of(Daytona.LANGUAGE_LABEL, "typescript")));
        sandbox.getFs().uploadFile(LspApiTest.PYTHON_SOURCE.getBytes(StandardCharsets.UTF_8), LspApiTest.PYTHON_FILE);
        sandbox.getFs().uploadFile(LspApiTest.TS_SOURCE.getBytes(StandardCharsets.UTF_8), LspApiTest.TS_FILE);
    }

    @AfterAll
    void deleteSandbox() {
        try {
            if (sandbox != null) {
                sandbox.delete();
            }
        } finally {
            daytona.close();
        }
    }

    @Test
    void pythonServerAnswersAboutAnOpenDocument() {
        LspServer lsp = sandbox.createLspServer("python", LspApiTest.PYTHON_PROJECT);
        lsp.start();
        try {
            lsp.didOpen(LspApiTest.PYTHON_FILE);
            assertThat(lsp.documentSymbols(LspApiTest.PYTHON_FILE)).extracting(LspSymbol::name)
                    .contains("Greeter", "greet", "make_greeter");
            assertThat(lsp.workspaceSymbols("make")).extracting(LspSymbol::name).containsExactly("make_greeter");
            assertThat(lsp.completions(LspApiTest.PYTHON_FILE, new LspPosition(10, 10)).items())
                    .extracting(CompletionItem::label).anyMatch(label -> label.startsWith("greet"));
            lsp.didClose(LspApiTest.PYTHON_FILE);
            assertThatThrownBy(() -> lsp.didOpen(LspApiTest.PYTHON_PROJECT + "/missing.py"))
                    .isInstanceOf(DaytonaNotFoundException.class);
        } finally {
            lsp.stop();
        }
        assertThatThrownBy(lsp::stop).isInstanceOf(DaytonaValidationException.class).hasMessageContaining("no python language server");
    }

    @Test
    void typescriptServerSearchesTheProjectAndCompletes() {
        LspServer lsp = sandbox.createLspServer("typescript", LspApiTest.TS_PROJECT);
        lsp.start();
        try {
            lsp.didOpen(LspApiTest.TS_FILE);
            List<LspSymbol> symbols = lsp.documentSymbols(LspApiTest.TS_FILE);
            assertThat(symbols).extracting(LspSymbol::name).contains("Greeter", "makeGreeter");
            LspSymbol greeter = symbols.stream().filter(symbol -> symbol.name().equals("Greeter")).findFirst().orElseThrow();
            assertThat(greeter.kind()).isEqualTo(5);
            assertThat(greeter.location().uri()).isEqualTo("file://" + LspApiTest.TS_FILE);
            assertThat(lsp.sandboxSymbols("makeGreet")).extracting(LspSymbol::name).contains("makeGreeter");
            assertThat(lsp.completions(LspApiTest.TS_FILE, new LspPosition(11, 10)).items())
                    .extracting(CompletionItem::label).contains("greet");
        } finally {
            lsp.stop();
        }
    }

    @Test
    void unknownLanguagesAreRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> sandbox.createLspServer("ruby", "/home/daytona"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("python");
    }

    @Test
    void codeRunUsesTheSandboxLanguage() {
        ExecuteResponse run = sandbox.getProcess().codeRun(
                "const who: string = process.env.WHO ?? '';\nconsole.log(process.argv.slice(2).join('+'), who);\nprocess.exit(5);",
                List.of("x", "y"), Map.of("WHO", "java"), Duration.ofSeconds(60));

        assertThat(run.exitCode()).as(run.result()).isEqualTo(5);
        assertThat(run.result()).isEqualTo("x+y java\n");
        assertThat(run.artifacts().charts()).isEmpty();
    }
}
