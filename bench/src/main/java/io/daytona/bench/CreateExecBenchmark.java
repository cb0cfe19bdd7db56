package io.daytona.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.daytona.runner.engine.ContainerEngine;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.DaytonaConfig;
import io.daytona.sdk.ExecuteResponse;
import io.daytona.sdk.Sandbox;
import io.daytona.server.DaytonaServer;
import io.daytona.server.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Create a sandbox, then run {@code echo hello} in it: through the Java SDK and the whole
 * platform, against the container engine alone doing the same (create, start, exec) with the
 * same image and limits. Both are measured alternately in one run; the ratio is what counts.
 *
 * <p>Arguments: {@code [iterations] [warm-up iterations]} (default 20 and 3).
 */
public final class CreateExecBenchmark {
    private static final String IMAGE = "localhost/" + ServerConfig.DEFAULT_SNAPSHOT;

    private CreateExecBenchmark() {}

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        var data = Files.createTempDirectory("daytona-bench");
        try (DaytonaServer server = DaytonaServer.start(ServerConfig.defaults(data).withPorts(0, 0));
             Daytona daytona = new Daytona(DaytonaConfig.builder().apiKey(server.adminKey()).apiUrl(server.apiUrl().toString()).build());
             DockerClient docker = docker()) {
            List<Long> platform = new ArrayList<>();
            List<Long> engine = new ArrayList<>();
            for (int i = 0; i < warmup + iterations; i++) {
                long ours = throughPlatform(daytona, docker);
                long raw = throughEngine(docker);
                if (i >= warmup) {
                    platform.add(ours);
                    engine.add(raw);
                }
            }
            report(iterations, warmup, engine, platform);
        }
        System.exit(0);
    }

    private static long throughPlatform(Daytona daytona, DockerClient docker) throws InterruptedException {
        long start = System.nanoTime();
        Sandbox sandbox = daytona.create();
        ExecuteResponse response = sandbox.getProcess().executeCommand("echo hello");
        long elapsed = System.nanoTime() - start;
        check(response.result());
        sandbox.delete();
        awaitRemoved(docker, sandbox.getId());
        return elapsed;
    }

    static long throughEngine(DockerClient docker) throws InterruptedException {
        String name = "bench-" + UUID.randomUUID();
        long start = System.nanoTime();
        docker.createContainerCmd(IMAGE)
                .withName(name)
                .withUser("daytona")
                .withEntrypoint("sleep", "infinity")
                .withHostConfig(HostConfig.newHostConfig()
                        .withInit(true)
                        .withCpuPeriod(100_000L)
                        .withCpuQuota(100_000L)
                        .withMemory(1L << 30)
                        .withMemorySwap(1L << 30)
                        .withPidsLimit(4096L))
                .exec();
        docker.startContainerCmd(name).exec();
        String exec = docker.execCreateCmd(name).withCmd("sh", "-c", "echo hello").withAttachStdout(true).withAttachStderr(true).exec().getId();
        StringBuilder output = new StringBuilder();
        docker.execStartCmd(exec).exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                output.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
            }
        }).awaitCompletion(30, TimeUnit.SECONDS);
        long elapsed = System.nanoTime() - start;
        check(output.toString());
        docker.removeContainerCmd(name).withForce(true).exec();
        return elapsed;
    }

    static void check(String output) {
        if (!output.equals("hello\n")) {
            throw new IllegalStateException("expected 'hello', got: " + output);
        }
    }

    /** Deletion is asynchronous; waiting keeps one run's teardown out of the next run's numbers. */
    static void awaitRemoved(DockerClient docker, String name) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            try {
                docker.inspectContainerCmd(name).exec();
            } catch (NotFoundException gone) {
                return;
            } catch (DockerException e) {
                if (ContainerEngine.isNoSuchContainer(e)) {
                    return;
                }
                throw e;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("sandbox " + name + " was not removed within 30 s");
    }

    private static void report(int iterations, int warmup, List<Long> engine, List<Long> platform) {
        double engineMedian = percentile(engine, 50);
        double engineP99 = percentile(engine, 99);
        double platformMedian = percentile(platform, 50);
        double platformP99 = percentile(platform, 99);
        System.out.printf("%ncreate -> first 'echo hello' result (%d iterations after %d warm-up, alternating)%n", iterations, warmup);
        System.out.printf("%-36s %10s %10s%n", "", "median", "p99");
        System.out.printf("%-36s %8.0f ms %8.0f ms%n", "raw engine (create+start+exec)", engineMedian, engineP99);
        System.out.printf("%-36s %8.0f ms %8.0f ms%n", "daytona (Java SDK, API, proxy)", platformMedian, platformP99);
        System.out.printf("%-36s %9.2fx %9.2fx%n", "ratio daytona / raw engine", platformMedian / engineMedian, platformP99 / engineP99);
    }

    static double percentile(List<Long> nanos, int percentile) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1e6;
    }

    static DockerClient docker() {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost("unix://" + ServerConfig.DEFAULT_ENGINE_SOCKET)
                .withApiVersion(ContainerEngine.API_VERSION)
                .build();
        var http = new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(5)).responseTimeout(Duration.ofMinutes(2)).build();
        return DockerClientImpl.getInstance(config, http);
    }
}
