package io.daytona.daemon.lsp;

import io.daytona.http.ServiceException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The languages {@code /lsp} serves and the language server each runs over stdio. */
enum LspLanguage {
    PYTHON(List.of("pylsp")),
    TYPESCRIPT(List.of("typescript-language-server", "--stdio")),
    JAVASCRIPT(List.of("typescript-language-server", "--stdio"));

    private final List<String> command;

    LspLanguage(List<String> command) {
        this.command = command;
    }

    List<String> command() {
        return command;
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static LspLanguage parse(String languageId) {
        if (languageId == null || languageId.isBlank()) {
            throw ServiceException.badRequest("languageId is required: send \"python\", \"typescript\" or \"javascript\"");
        }
        return Arrays.stream(values())
                .filter(value -> value.wireName().equals(languageId.strip().toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> ServiceException.badRequest(
                        "unsupported languageId '%s': send \"python\", \"typescript\" or \"javascript\"", languageId));
    }

    /**
     * The LSP language identifier of one document: from its extension, so that a TypeScript server
     * reads the JavaScript files of its project as JavaScript and the other way round.
     */
    String documentLanguage(String path) {
        String name = path.toLowerCase(Locale.ROOT);
        if (name.endsWith(".py") || name.endsWith(".pyi")) {
            return "python";
        }
        if (name.endsWith(".tsx")) {
            return "typescriptreact";
        }
        if (name.endsWith(".jsx")) {
            return "javascriptreact";
        }
        if (name.endsWith(".ts") || name.endsWith(".mts") || name.endsWith(".cts")) {
            return "typescript";
        }
        if (name.endsWith(".js") || name.endsWith(".mjs") || name.endsWith(".cjs")) {
            return "javascript";
        }
        return wireName();
    }
}
