package io.daytona.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.daytona.runner.SandboxRunner;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.DaytonaConfig;
import io.daytona.sdk.ExecuteResponse;
import io.daytona.sdk.Sandbox;
import io.daytona.server.DaytonaServer;
import io.daytona.server.ServerConfig;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Create a sandbox with default parameters (plus an environment variable, applied at claim) and
 * run {@code echo $GREETING} in it, served from the warm pool: through the Java SDK and the whole
 * platform, against the container engine alone creating, starting and exec'ing a container, in
 * the same run. Before each platform iteration the pool is left to refill, so every measured
 * create is a pool hit; an iteration that was not is reported and left out.
 *
 * <p>Arguments: {@code [iterations] [warm-up iterations] [pool size]} (default 30, 3 and 2).
 */
public final class WarmPoolBenchmark {
    private WarmPoolBenchmark() {}

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int poolSize = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        var data = Files.createTempDirectory("daytona-bench-pool");
        try (DaytonaServer server = DaytonaServer.start(ServerConfig.defaults(data).withPorts(0, 0).withWarmPoolSize(poolSize));
             Daytona daytona = new Daytona(DaytonaConfig.builder().apiKey(server.adminKey()).apiUrl(server.apiUrl().toString()).build());
             DockerClient docker = CreateExecBenchmark.docker()) {
            String runnerId = Files.readString(data.resolve("runner-id")).strip();
            List<Long> platform = new ArrayList<>();
            List<Long> engine = new ArrayList<>();
            List<Long> createOnly = new ArrayList<>();
            int misses = 0;
            for (int i = 0; i < warmup + iterations; i++) {
                Set<String> pooled = awaitFullPool(docker, runnerId, poolSize);
                long start = System.nanoTime();
                Sandbox sandbox = daytona.create(p -> p.env(Map.of("GREETING", "hello")));
                long created = System.nanoTime() - start;
                ExecuteResponse response = sandbox.getProcess().executeCommand("echo $GREETING");
                long ours = System.nanoTime() - start;
                CreateExecBenchmark.check(response.result());
                boolean hit = pooled.contains(sandbox.getId());
                sandbox.delete();
                CreateExecBenchmark.awaitRemoved(docker, sandbox.getId());
                long raw = CreateExecBenchmark.throughEngine(docker);
                if (i >= warmup) {
                    if (hit) {
                        platform.add(ours);
                        createOnly.add(created);
                    } else {
                        misses++;
                    }
                    engine.add(raw);
                }
            }
            System.out.printf("%ncreate -> first 'echo $GREETING' result, warm pool of %d (%d iterations after %d warm-up; %d pool misses left out)%n",
                    poolSize, iterations, warmup, misses);
            System.out.printf("%-40s %10s %10s%n", "", "p50", "p99");
            double engineP50 = CreateExecBenchmark.percentile(engine, 50);
            double engineP99 = CreateExecBenchmark.percentile(engine, 99);
            double oursP50 = CreateExecBenchmark.percentile(platform, 50);
            double oursP99 = CreateExecBenchmark.percentile(platform, 99);
            System.out.printf("%-40s %7.1f ms %7.1f ms%n", "raw engine (create+start+exec)", engineP50, engineP99);
            System.out.printf("%-40s %7.1f ms %7.1f ms%n", "daytona, warm pool hit (SDK, API, proxy)", oursP50, oursP99);
            System.out.printf("%-40s %9.2fx %9.2fx%n", "ratio daytona / raw engine", oursP50 / engineP50, oursP99 / engineP99);
            System.out.printf("%-40s %7.1f ms %7.1f ms%n", "  of which create (claim) alone",
                    CreateExecBenchmark.percentile(createOnly, 50), CreateExecBenchmark.percentile(createOnly, 99));
        }
        removeContainersOf(Files.readString(data.resolve("runner-id")).strip());
        System.exit(0);
    }

    /** The pool's sandboxes (and the hold of their image) outlive a stopped server, as users' do; a benchmark's go. */
    private static void removeContainersOf(String runnerId) {
        try (DockerClient docker = CreateExecBenchmark.docker()) {
            for (Container container : docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(SandboxRunner.LABEL_RUNNER, runnerId)).exec()) {
                docker.removeContainerCmd(container.getId()).withForce(true).exec();
            }
        } catch (Exception e) {
            System.err.println("could not remove the benchmark's containers: " + e.getMessage());
        }
    }

    /**
     * Waits until the pool has {@code size} running sandboxes and gives their daemons time to
     * answer (the pool counts a sandbox once its daemon does); returns their ids.
     */
    private static Set<String> awaitFullPool(DockerClient docker, String runnerId, int size) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            List<Container> running = docker.listContainersCmd()
                    .withLabelFilter(Map.of(SandboxRunner.LABEL_WARM_POOL, "true", SandboxRunner.LABEL_RUNNER, runnerId)).exec();
            if (running.size() >= size) {
                Thread.sleep(1500);
                return running.stream().map(c -> c.getNames()[0].replaceFirst("^/", "")).collect(Collectors.toSet());
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the warm pool did not refill within a minute");
    }
}
