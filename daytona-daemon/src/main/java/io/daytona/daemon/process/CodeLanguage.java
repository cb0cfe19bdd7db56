package io.daytona.daemon.process;

import io.daytona.http.ServiceException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The languages {@code POST /process/code-run} runs, and the programs each needs in the image. */
enum CodeLanguage {
    PYTHON(List.of("python3")),
    JAVASCRIPT(List.of("node")),
    TYPESCRIPT(List.of("node", "ts-node"));

    private final List<String> requiredCommands;

    CodeLanguage(List<String> requiredCommands) {
        this.requiredCommands = requiredCommands;
    }

    List<String> requiredCommands() {
        return requiredCommands;
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static CodeLanguage parse(String language) {
        if (language == null || language.isBlank()) {
            throw ServiceException.badRequest("language is required: send \"python\", \"javascript\" or \"typescript\"");
        }
        return Arrays.stream(values())
                .filter(value -> value.wireName().equals(language.strip().toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> ServiceException.badRequest(
                        "unsupported language '%s': send \"python\", \"javascript\" or \"typescript\"", language));
    }
}
