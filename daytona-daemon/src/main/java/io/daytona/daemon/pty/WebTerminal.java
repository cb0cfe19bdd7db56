package io.daytona.daemon.pty;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.http.Exchange;
import io.daytona.http.HttpServer;
import io.daytona.http.Router;
import io.daytona.http.ServiceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * The web terminal on port 22222: a page with xterm.js (packaged from npm at build time) and a
 * WebSocket at {@code /ws} that gives every connection a shell of its own in a new terminal. Who
 * may open it is the proxy's decision (members of the sandbox's organization only).
 */
public final class WebTerminal {
    public static final int PORT = 22222;
    private static final String RESOURCES = "/io/daytona/daemon/pty/web/";
    private static final Map<String, String> ASSETS = Map.of(
            "/", "index.html|text/html; charset=utf-8",
            "/xterm.js", "lib/xterm.js|text/javascript; charset=utf-8",
            "/xterm.css", "css/xterm.css|text/css; charset=utf-8");

    private final Path workDir;
    private final Clock clock;
    private final ObjectMapper mapper;

    public WebTerminal(Path workDir, Clock clock, ObjectMapper mapper) {
        this.workDir = requireNonNull(workDir, "workDir is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    /** Listens on all interfaces, since the proxy reaches the sandbox over the engine's network. */
    public HttpServer start(int port) throws Exception {
        Router router = new Router(mapper);
        ASSETS.forEach((path, asset) -> router.get(path, ex -> serve(ex, asset.split("\\|", 2))));
        router.get("/ws", ex -> {
            if (!ex.isWebSocketUpgrade()) {
                throw ServiceException.badRequest("/ws is the terminal's WebSocket; open / in a browser");
            }
            PtySession session = new PtySession("web-" + UUID.randomUUID(), workDir, Map.of(),
                    size(ex, "cols", 80), size(ex, "rows", 24), true, clock.instant());
            ex.upgrade((request, response, callback) -> new WebTerminalClient(session, mapper));
        });
        return HttpServer.start("web-terminal", "0.0.0.0", port, router, mapper);
    }

    private static void serve(Exchange ex, String[] asset) throws IOException {
        try (InputStream in = WebTerminal.class.getResourceAsStream(RESOURCES + asset[0])) {
            if (in == null) {
                throw ServiceException.notFound("%s is missing from the daemon's build", asset[0]);
            }
            ex.setHeader("Content-Type", asset[1]);
            ex.setHeader("Cache-Control", "no-cache");
            ex.setStatus(200);
            try (OutputStream out = ex.outputStream()) {
                in.transferTo(out);
            }
        }
    }

    private static int size(Exchange ex, String name, int fallback) {
        return ex.query(name).map(value -> {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                return fallback;
            }
        }).filter(value -> value >= 1 && value <= 1000).orElse(fallback);
    }
}
