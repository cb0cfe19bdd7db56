package io.daytona.model.toolbox;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /process/code-run}.
 *
 * @param code the source to run
 * @param language {@code python}, {@code javascript} or {@code typescript}
 * @param argv arguments the program sees after its own name; optional
 * @param envs extra environment variables; optional
 * @param timeout seconds before the program is killed and the call answers 408; optional, 0 means no limit
 */
public record CodeRunRequest(String code, String language, List<String> argv, Map<String, String> envs, Integer timeout) {
    public CodeRunRequest {
        argv = argv == null ? List.of() : List.copyOf(argv);
        envs = envs == null ? Map.of() : Map.copyOf(envs);
    }
}
