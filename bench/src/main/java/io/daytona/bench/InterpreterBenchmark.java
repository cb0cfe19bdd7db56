package io.daytona.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import io.daytona.model.toolbox.interpreter.InterpreterContext;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.DaytonaConfig;
import io.daytona.sdk.ExecutionResult;
import io.daytona.sdk.RunCodeOptions;
import io.daytona.sdk.Sandbox;
import io.daytona.server.DaytonaServer;
import io.daytona.server.ServerConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code print(1+1)} in a warm code-interpreter context (Java SDK, proxy, daemon, WebSocket,
 * the context's Python process) against two baselines in the same run, alternating:
 * <ul>
 *   <li>{@code python3 -c 'print(1+1)'} through the engine's exec into the same container: what
 *       a caller without a toolbox would do to run a statement in the sandbox;</li>
 *   <li>a warm local Python process fed the statement over a pipe: the floor, Python's own cost
 *       with no network, container or protocol in the way.</li>
 * </ul>
 *
 * <p>Arguments: {@code [iterations] [warm-up iterations]} (default 200 and 30).
 */
public final class InterpreterBenchmark {
    private static final String STATEMENT = "print(1+1)";

    private InterpreterBenchmark() {}

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        var data = Files.createTempDirectory("daytona-bench");
        Process python = new ProcessBuilder("python3", "-u", "-c",
                "import sys\nfor line in sys.stdin:\n    exec(line)\n    sys.stdout.flush()").start();
        try (DaytonaServer server = DaytonaServer.start(ServerConfig.defaults(data).withPorts(0, 0));
             Daytona daytona = new Daytona(DaytonaConfig.builder().apiKey(server.adminKey()).apiUrl(server.apiUrl().toString()).build());
             DockerClient docker = CreateExecBenchmark.docker();
             Writer toPython = new OutputStreamWriter(python.getOutputStream(), StandardCharsets.UTF_8);
             BufferedReader fromPython = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))) {
            Sandbox sandbox = daytona.create();
            try {
                InterpreterContext context = sandbox.getCodeInterpreter().createContext();
                RunCodeOptions options = RunCodeOptions.builder().context(context).build();
                List<Long> ours = new ArrayList<>();
                List<Long> engine = new ArrayList<>();
                List<Long> local = new ArrayList<>();
                for (int i = 0; i < warmup + iterations; i++) {
                    long start = System.nanoTime();
                    ExecutionResult result = sandbox.getCodeInterpreter().runCode(STATEMENT, options);
                    long interpreter = System.nanoTime() - start;
                    check(result.stdout());
                    start = System.nanoTime();
                    engineExec(docker, sandbox.getId());
                    long raw = System.nanoTime() - start;
                    start = System.nanoTime();
                    toPython.write(STATEMENT + "\n");
                    toPython.flush();
                    check(fromPython.readLine());
                    long floor = System.nanoTime() - start;
                    if (i >= warmup) {
                        ours.add(interpreter);
                        engine.add(raw);
                        local.add(floor);
                    }
                }
                System.out.printf("%n'%s' (%d iterations after %d warm-up, alternating)%n", STATEMENT, iterations, warmup);
                System.out.printf("%-52s %10s %10s%n", "", "p50", "p99");
                row("engine exec python3 -c (docker-java -> Podman)", engine);
                row("daytona warm context (Java SDK -> proxy -> daemon)", ours);
                row("warm local python3 over a pipe (floor)", local);
                System.out.printf("%-52s %8.1fx %8.1fx%n", "engine / daytona (higher is better)",
                        CreateExecBenchmark.percentile(engine, 50) / CreateExecBenchmark.percentile(ours, 50),
                        CreateExecBenchmark.percentile(engine, 99) / CreateExecBenchmark.percentile(ours, 99));
            } finally {
                sandbox.delete();
            }
        } finally {
            python.destroy();
        }
        System.exit(0);
    }

    private static void row(String label, List<Long> nanos) {
        System.out.printf("%-52s %7.1f ms %7.1f ms%n", label,
                CreateExecBenchmark.percentile(nanos, 50), CreateExecBenchmark.percentile(nanos, 99));
    }

    private static void check(String output) {
        if (output == null || !output.strip().equals("2")) {
            throw new IllegalStateException("expected 2, got " + output);
        }
    }

    private static void engineExec(DockerClient docker, String container) throws InterruptedException {
        String exec = docker.execCreateCmd(container).withCmd("python3", "-c", STATEMENT)
                .withAttachStdout(true).withAttachStderr(true).exec().getId();
        docker.execStartCmd(exec).exec(new ResultCallback.Adapter<Frame>()).awaitCompletion(30, TimeUnit.SECONDS);
    }
}
