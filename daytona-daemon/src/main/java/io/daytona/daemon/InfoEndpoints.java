package io.daytona.daemon;

import static java.util.Objects.requireNonNull;

import io.daytona.http.Router;
import io.daytona.model.toolbox.DirResponse;
import io.daytona.model.toolbox.VersionResponse;

/**
 * {@code /version}, {@code /user-home-dir} (and its legacy alias {@code /project-dir}), {@code /work-dir},
 * and {@code POST /daytona/environment}, which adds variables to the environment of processes started later.
 */
final class InfoEndpoints {
    private final DaemonConfig config;

    InfoEndpoints(DaemonConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    void register(Router router) {
        router.get("/version", ex -> ex.json(200, new VersionResponse(config.version())));
        router.get("/user-home-dir", ex -> ex.json(200, new DirResponse(config.homeDir().toString())));
        router.get("/project-dir", ex -> ex.json(200, new DirResponse(config.homeDir().toString())));
        router.get("/work-dir", ex -> ex.json(200, new DirResponse(config.workDir().toString())));
        // The runner hands a warm-pool sandbox its owner's environment when it is claimed. Only
        // the sandbox's own processes are affected, so the sandbox user may call it too.
        router.post("/daytona/environment", ex -> {
            java.util.Map<String, String> variables = new java.util.HashMap<>();
            for (java.util.Map.Entry<?, ?> entry : ((java.util.Map<?, ?>) ex.body(java.util.Map.class)).entrySet()) {
                if (!(entry.getValue() instanceof String value) || !String.valueOf(entry.getKey()).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw io.daytona.http.ServiceException.badRequest("send a JSON object of environment variable names to string values");
                }
                variables.put(String.valueOf(entry.getKey()), value);
            }
            io.daytona.daemon.process.ProcessEnvironment.putAll(variables);
            ex.status(204);
        });
    }
}
