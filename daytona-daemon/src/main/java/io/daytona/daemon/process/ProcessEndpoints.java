package io.daytona.daemon.process;

import static java.util.Objects.requireNonNull;

import io.daytona.http.ErrorCode;
import io.daytona.http.Router;
import io.daytona.http.ServiceException;
import io.daytona.model.toolbox.CodeRunRequest;
import io.daytona.model.toolbox.ExecuteRequest;
import io.daytona.model.toolbox.ExecuteResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code POST /process/execute}: one shell command, its combined output and exit code;
 * {@code POST /process/code-run}: a program from source, its output and charts.
 */
public final class ProcessEndpoints {
    private final CommandRunner runner;
    private final CodeRunner codeRunner;

    public ProcessEndpoints(CommandRunner runner, CodeRunner codeRunner) {
        this.runner = requireNonNull(runner, "runner is null");
        this.codeRunner = requireNonNull(codeRunner, "codeRunner is null");
    }

    public void register(Router router) {
        router.post("/process/execute", ex -> {
            ExecuteRequest request = ex.body(ExecuteRequest.class);
            ex.json(200, execute(request));
        });
        router.post("/process/code-run", ex -> ex.json(200, codeRunner.run(ex.body(CodeRunRequest.class))));
    }

    ExecuteResponse execute(ExecuteRequest request) throws InterruptedException {
        if (request.command() == null || request.command().isBlank()) {
            throw ServiceException.badRequest("command is required: send {\"command\": \"echo hello\"}");
        }
        if (request.timeout() != null && request.timeout() < 0) {
            throw ServiceException.badRequest("timeout must be zero (no limit) or a positive number of seconds, got %d", request.timeout());
        }
        Optional<Duration> timeout = request.timeout() == null || request.timeout() == 0
                ? Optional.empty()
                : Optional.of(Duration.ofSeconds(request.timeout()));
        CommandRunner.Result result = runner.run(request.command(), request.cwd(), request.envs(), timeout);
        if (result.timedOut()) {
            throw new ServiceException(ErrorCode.REQUEST_TIMEOUT,
                    "Command timed out after %d seconds".formatted(request.timeout()));
        }
        return new ExecuteResponse(result.exitCode(), result.output());
    }
}
