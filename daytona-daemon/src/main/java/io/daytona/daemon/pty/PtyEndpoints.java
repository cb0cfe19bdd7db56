package io.daytona.daemon.pty;

import static java.util.Objects.requireNonNull;

import io.daytona.http.ErrorCode;
import io.daytona.http.Exchange;
import io.daytona.http.Router;
import io.daytona.http.ServiceException;
import io.daytona.model.toolbox.pty.PtyCreateRequest;
import io.daytona.model.toolbox.pty.PtyCreateResponse;
import io.daytona.model.toolbox.pty.PtyListResponse;
import io.daytona.model.toolbox.pty.PtyResizeRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** {@code /process/pty}: terminals the SDKs and the web terminal attach to over WebSockets. */
public final class PtyEndpoints {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final int MAX_SIZE = 1000;

    private final Path workDir;
    private final Clock clock;
    private final Map<String, PtySession> sessions = new ConcurrentHashMap<>();

    public PtyEndpoints(Path workDir, Clock clock) {
        this.workDir = requireNonNull(workDir, "workDir is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public void register(Router router) {
        router.get("/process/pty", ex -> ex.json(200, new PtyListResponse(sessions.values().stream()
                .map(PtySession::info)
                .sorted(Comparator.comparing(info -> info.createdAt()))
                .toList())));
        router.post("/process/pty", this::create);
        router.get("/process/pty/{sessionId}", ex -> ex.json(200, session(ex).info()));
        router.delete("/process/pty/{sessionId}", ex -> {
            PtySession removed = session(ex);
            sessions.remove(ex.pathParam("sessionId"));
            removed.kill();
            ex.json(200, Map.of("message", "PTY session " + ex.pathParam("sessionId") + " deleted"));
        });
        router.post("/process/pty/{sessionId}/resize", ex -> {
            PtySession session = session(ex);
            PtyResizeRequest request = ex.body(PtyResizeRequest.class);
            if (session.hasExited()) {
                throw new ServiceException(ErrorCode.GONE, "PTY session %s has exited".formatted(ex.pathParam("sessionId")));
            }
            session.resize(size("cols", request.cols(), null), size("rows", request.rows(), null));
            ex.json(200, session.info());
        });
        router.get("/process/pty/{sessionId}/connect", ex -> {
            PtySession session = session(ex);
            ex.upgrade((request, response, callback) -> new PtyClient(session));
        });
    }

    private void create(Exchange ex) throws Exception {
        PtyCreateRequest request = ex.body(PtyCreateRequest.class);
        if (request.id() == null || !ID.matcher(request.id()).matches()) {
            throw ServiceException.badRequest("id must be 1-128 letters, digits, '.', '_' or '-', got '%s'", request.id());
        }
        Path cwd = request.cwd() == null || request.cwd().isBlank() ? workDir : workDir.resolve(request.cwd()).normalize();
        if (!Files.isDirectory(cwd)) {
            throw ServiceException.badRequest("cwd %s is not a directory in the sandbox", cwd);
        }
        boolean lazy = Boolean.TRUE.equals(request.lazyStart());
        PtySession session = new PtySession(request.id(), cwd, request.envs(), size("cols", request.cols(), 80),
                size("rows", request.rows(), 24), lazy, clock.instant());
        if (sessions.putIfAbsent(request.id(), session) != null) {
            throw ServiceException.conflict("PTY session %s already exists; delete it or choose another id", request.id());
        }
        if (!lazy) {
            session.start();
        }
        ex.json(201, new PtyCreateResponse(request.id()));
    }

    private PtySession session(Exchange ex) {
        String id = ex.pathParam("sessionId");
        return Optional.ofNullable(sessions.get(id)).orElseThrow(() -> ServiceException.notFound("PTY session %s not found", id));
    }

    private static int size(String field, Integer value, Integer fallback) {
        if (value == null) {
            if (fallback == null) {
                throw ServiceException.badRequest("%s is required", field);
            }
            return fallback;
        }
        if (value < 1 || value > MAX_SIZE) {
            throw ServiceException.badRequest("%s must be between 1 and %d, got %d", field, MAX_SIZE, value);
        }
        return value;
    }
}
