package io.daytona.daemon.interpreter;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.http.Router;
import io.daytona.http.ServiceException;
import io.daytona.model.toolbox.interpreter.CreateContextRequest;
import io.daytona.model.toolbox.interpreter.ListContextsResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** {@code /process/interpreter}: stateful Python contexts and code execution streamed over a WebSocket. */
public final class InterpreterEndpoints {
    private final Contexts contexts;
    private final ObjectMapper json;

    public InterpreterEndpoints(Path workDir, Clock clock, ObjectMapper json) {
        this.contexts = new Contexts(workDir, clock, json);
        this.json = json;
    }

    public void register(Router router) {
        router.post("/process/interpreter/context", ex -> {
            CreateContextRequest request = ex.optionalBody(CreateContextRequest.class).orElse(new CreateContextRequest(null, null));
            if (request.language() != null && !request.language().isBlank() && !request.language().equals("python")) {
                throw ServiceException.badRequest("language %s is not supported; the interpreter runs python", request.language());
            }
            Path cwd = request.cwd() == null || request.cwd().isBlank()
                    ? contexts.workDir()
                    : contexts.workDir().resolve(request.cwd()).normalize();
            if (!Files.isDirectory(cwd)) {
                throw ServiceException.badRequest("cwd %s is not a directory in the sandbox", cwd);
            }
            Context context = contexts.create(cwd);
            context.warmUp();
            ex.json(200, context.describe());
        });
        router.get("/process/interpreter/context", ex ->
                ex.json(200, new ListContextsResponse(contexts.created().stream().map(Context::describe).toList())));
        router.delete("/process/interpreter/context/{contextId}", ex -> {
            String id = ex.pathParam("contextId");
            if (id.equals(Contexts.DEFAULT)) {
                throw ServiceException.badRequest("the default context cannot be deleted");
            }
            if (!contexts.delete(id)) {
                throw ServiceException.notFound("context %s not found", id);
            }
            ex.json(200, Map.of("message", "context " + id + " deleted"));
        });
        router.get("/process/interpreter/execute", ex -> ex.upgrade((request, response, callback) -> new ExecutionSocket(contexts, json)));
    }
}
