package io.daytona.daemon;

import static java.util.Objects.requireNonNull;

import io.daytona.http.Router;
import io.daytona.model.toolbox.DirResponse;
import io.daytona.model.toolbox.VersionResponse;

/** {@code /version}, {@code /user-home-dir} (and its legacy alias {@code /project-dir}), {@code /work-dir}. */
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
    }
}
