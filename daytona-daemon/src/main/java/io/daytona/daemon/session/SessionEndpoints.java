package io.daytona.daemon.session;

import static java.util.Objects.requireNonNull;

import io.daytona.http.Exchange;
import io.daytona.http.Router;
import io.daytona.http.ServiceException;
import io.daytona.model.toolbox.session.CreateSessionRequest;
import io.daytona.model.toolbox.session.Session;
import io.daytona.model.toolbox.session.SessionCommandLogsResponse;
import io.daytona.model.toolbox.session.SessionExecuteRequest;
import io.daytona.model.toolbox.session.SessionExecuteResponse;
import io.daytona.model.toolbox.session.SessionSendInputRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** {@code /process/session}: long-lived shells, their commands, input and logs. */
public final class SessionEndpoints {
    static final String SDK_VERSION_HEADER = "X-Daytona-SDK-Version";
    static final String SPLIT_OUTPUT_HEADER = "X-Daytona-Split-Output";

    private final SessionManager sessions;

    public SessionEndpoints(SessionManager sessions) {
        this.sessions = requireNonNull(sessions, "sessions is null");
    }

    public void register(Router router) {
        router.get("/process/session", ex -> ex.json(200, sessions.list().stream().map(SessionEndpoints::describe).toList()));
        router.post("/process/session", ex -> {
            sessions.create(ex.body(CreateSessionRequest.class).sessionId());
            ex.status(201);
        });
        router.get("/process/session/{sessionId}", ex -> ex.json(200, describe(sessions.get(ex.pathParam("sessionId")))));
        router.delete("/process/session/{sessionId}", ex -> {
            sessions.delete(ex.pathParam("sessionId"));
            ex.status(204);
        });
        router.post("/process/session/{sessionId}/exec", this::execute);
        router.get("/process/session/{sessionId}/command/{commandId}", ex -> ex.json(200, command(ex).describe()));
        router.post("/process/session/{sessionId}/command/{commandId}/input", this::input);
        router.get("/process/session/{sessionId}/command/{commandId}/logs", this::logs);
    }

    private void execute(Exchange ex) throws Exception {
        io.daytona.daemon.session.Session session = sessions.get(ex.pathParam("sessionId"));
        SessionExecuteRequest request = ex.body(SessionExecuteRequest.class);
        if (request.command() == null || request.command().isBlank()) {
            throw ServiceException.badRequest("command is required: send {\"command\": \"...\"}");
        }
        SessionCommand command = session.execute(request.command(), request.isAsync());
        if (request.isAsync()) {
            ex.json(202, new SessionExecuteResponse(command.id(), null, null, null, null));
            return;
        }
        int exitCode = command.exit().get();
        CommandLog.Demuxed log = CommandLog.demux(command.log());
        ex.json(200, switch (mode(ex)) {
            case COMBINED -> new SessionExecuteResponse(command.id(), log.output(), null, null, exitCode);
            case FRAMED -> new SessionExecuteResponse(command.id(), new String(command.log(), StandardCharsets.UTF_8), null, null, exitCode);
            case DEMUXED -> new SessionExecuteResponse(command.id(), log.output(), log.stdout(), log.stderr(), exitCode);
        });
    }

    private void input(Exchange ex) throws IOException {
        SessionCommand command = command(ex);
        SessionSendInputRequest request = ex.body(SessionSendInputRequest.class);
        if (request.data() == null) {
            throw ServiceException.badRequest("data is required: send {\"data\": \"text\\n\"}");
        }
        try {
            command.sendInput(request.data());
        } catch (IllegalStateException e) {
            throw ServiceException.badRequest("%s", e.getMessage());
        }
        ex.status(204);
    }

    private void logs(Exchange ex) throws IOException {
        SessionCommand command = command(ex);
        if (ex.isWebSocketUpgrade()) {
            follow(ex, command);
            return;
        }
        byte[] log = command.log();
        OutputMode mode = mode(ex);
        if (mode == OutputMode.DEMUXED) {
            CommandLog.Demuxed demuxed = CommandLog.demux(log);
            ex.json(200, new SessionCommandLogsResponse(demuxed.output(), demuxed.stdout(), demuxed.stderr()));
            return;
        }
        byte[] body = mode == OutputMode.FRAMED ? log : CommandLog.demux(log).output().getBytes(StandardCharsets.UTF_8);
        ex.setStatus(200);
        ex.setHeader("Content-Type", "text/plain; charset=utf-8");
        ex.setHeader("Content-Length", Integer.toString(body.length));
        try (OutputStream out = ex.outputStream()) {
            out.write(body);
        }
    }

    /**
     * Follows the log over a WebSocket. Clients that cannot send headers (browsers) announce their
     * SDK version as the subprotocol {@code X-Daytona-SDK-Version~<version>}, which is accepted.
     */
    private static void follow(Exchange ex, SessionCommand command) {
        ex.upgrade((request, response, callback) -> {
            Optional<String> version = ex.header(SDK_VERSION_HEADER);
            for (String protocol : request.getSubProtocols()) {
                if (protocol.startsWith(SDK_VERSION_HEADER + "~")) {
                    response.setAcceptedSubProtocol(protocol);
                    version = Optional.of(protocol.substring(SDK_VERSION_HEADER.length() + 1));
                }
            }
            boolean split = ex.header(SPLIT_OUTPUT_HEADER).map("true"::equalsIgnoreCase).orElse(false);
            return new LogFollower(command, OutputMode.of(version, split) == OutputMode.COMBINED);
        });
    }

    private SessionCommand command(Exchange ex) {
        String commandId = ex.pathParam("commandId");
        return sessions.get(ex.pathParam("sessionId")).command(commandId)
                .orElseThrow(() -> ServiceException.notFound("command %s not found in session %s", commandId, ex.pathParam("sessionId")));
    }

    private static OutputMode mode(Exchange ex) {
        return OutputMode.of(ex.header(SDK_VERSION_HEADER), ex.header(SPLIT_OUTPUT_HEADER).map("true"::equalsIgnoreCase).orElse(false));
    }

    private static Session describe(io.daytona.daemon.session.Session session) {
        return new Session(session.id(), session.describe());
    }
}
