package io.daytona.examples;

import io.daytona.model.toolbox.lsp.CompletionItem;
import io.daytona.model.toolbox.lsp.LspPosition;
import io.daytona.model.toolbox.lsp.LspSymbol;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.LspServer;
import io.daytona.sdk.Sandbox;
import java.nio.charset.StandardCharsets;

/**
 * A language server in a sandbox: the symbols of a file and completions at a position, as the
 * documentation's LSP page shows with {@code create_lsp_server}.
 */
public final class LanguageServer {
    private LanguageServer() {}

    public static void main(String[] args) {
        try (Daytona daytona = new Daytona()) {
            System.out.println(run(daytona));
        }
    }

    /** Returns the file's symbols and the completions of {@code greeter.}. */
    public static String run(Daytona daytona) {
        Sandbox sandbox = daytona.create();
        try {
            String project = sandbox.getWorkDir() + "/project";
            String file = project + "/greeting.py";
            sandbox.getFs().uploadFile("""
                    class Greeter:
                        def greet(self, name):
                            return f"Hello, {name}"


                    greeter = Greeter()
                    greeter.
                    """.getBytes(StandardCharsets.UTF_8), file);
            LspServer lsp = sandbox.createLspServer("python", project);
            lsp.start();
            try {
                lsp.didOpen(file);
                String symbols = String.join(", ", lsp.documentSymbols(file).stream().map(LspSymbol::name).toList());
                // Zero-based: line 6 is "greeter.", character 8 is just after the dot.
                String completions = String.join(", ", lsp.completions(file, new LspPosition(6, 8)).items().stream()
                        .map(CompletionItem::label).filter(label -> !label.startsWith("_")).toList());
                return "symbols: " + symbols + "\ncompletions: " + completions;
            } finally {
                lsp.stop();
            }
        } finally {
            sandbox.delete();
        }
    }
}
