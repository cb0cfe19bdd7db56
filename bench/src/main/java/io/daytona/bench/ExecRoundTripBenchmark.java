package io.daytona.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.DaytonaConfig;
import io.daytona.sdk.Sandbox;
import io.daytona.server.DaytonaServer;
import io.daytona.server.ServerConfig;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code true} in one started sandbox, over and over: through the Java SDK, the proxy and
 * the daemon, against the engine's own exec into the same container. Also prints the daemon's
 * resident memory once idle.
 *
 * <p>Arguments: {@code [iterations] [warm-up iterations]} (default 200 and 50).
 */
public final class ExecRoundTripBenchmark {
    private ExecRoundTripBenchmark() {}

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        var data = Files.createTempDirectory("daytona-bench");
        try (DaytonaServer server = DaytonaServer.start(ServerConfig.defaults(data).withPorts(0, 0));
             Daytona daytona = new Daytona(DaytonaConfig.builder().apiKey(server.adminKey()).apiUrl(server.apiUrl().toString()).build());
             DockerClient docker = CreateExecBenchmark.docker()) {
            Sandbox sandbox = daytona.create();
            try {
                List<Long> platform = new ArrayList<>();
                List<Long> engine = new ArrayList<>();
                for (int i = 0; i < warmup + iterations; i++) {
                    long start = System.nanoTime();
                    sandbox.getProcess().executeCommand("true");
                    long ours = System.nanoTime() - start;
                    start = System.nanoTime();
                    engineExec(docker, sandbox.getId());
                    long raw = System.nanoTime() - start;
                    if (i >= warmup) {
                        platform.add(ours);
                        engine.add(raw);
                    }
                }
                System.out.printf("%nexec 'true' in a started sandbox (%d iterations after %d warm-up, alternating)%n", iterations, warmup);
                System.out.printf("%-40s %10s %10s%n", "", "p50", "p99");
                System.out.printf("%-40s %7.1f ms %7.1f ms%n", "engine exec (docker-java -> Podman)",
                        CreateExecBenchmark.percentile(engine, 50), CreateExecBenchmark.percentile(engine, 99));
                System.out.printf("%-40s %7.1f ms %7.1f ms%n", "daytona (Java SDK -> proxy -> daemon)",
                        CreateExecBenchmark.percentile(platform, 50), CreateExecBenchmark.percentile(platform, 99));
                System.out.printf("%-40s %8.1fx %8.1fx%n", "engine / daytona (higher is better)",
                        CreateExecBenchmark.percentile(engine, 50) / CreateExecBenchmark.percentile(platform, 50),
                        CreateExecBenchmark.percentile(engine, 99) / CreateExecBenchmark.percentile(platform, 99));
                Thread.sleep(2000);
                // RSS counts the JVM's and the AOT cache's file pages, which every sandbox shares
                // through the page cache; the private (anonymous) part is the cost per sandbox.
                String rss = sandbox.getProcess().executeCommand(
                        "p=$(pgrep -f '^/opt/daytona/jre/bin/java .*daemon.jar'); grep VmRSS /proc/$p/status;"
                                + " grep -E '^(Pss_Anon|Pss_File):' /proc/$p/smaps_rollup").result().strip();
                System.out.printf("daemon memory after the run: %s%n", rss.replaceAll("\\s+", " "));
                startToReady(sandbox);
            } finally {
                sandbox.delete();
            }
        }
        System.exit(0);
    }

    /**
     * Stops and starts the sandbox a few times: the start returns once the daemon answered, so it
     * is the container's start plus the daemon's start to ready, as the platform sees it.
     */
    private static void startToReady(Sandbox sandbox) {
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sandbox.stop();
            long start = System.nanoTime();
            sandbox.start();
            starts.add(System.nanoTime() - start);
        }
        System.out.printf("sandbox start -> daemon ready (Java SDK start(), 3 stop/start cycles): p50 %.0f ms, max %.0f ms%n",
                CreateExecBenchmark.percentile(starts, 50), CreateExecBenchmark.percentile(starts, 100));
    }

    private static void engineExec(DockerClient docker, String container) throws InterruptedException {
        String exec = docker.execCreateCmd(container).withCmd("true").withAttachStdout(true).withAttachStderr(true).exec().getId();
        docker.execStartCmd(exec).exec(new ResultCallback.Adapter<Frame>()).awaitCompletion(30, TimeUnit.SECONDS);
    }
}
