package io.daytona.runner.daemon;

import static java.util.Objects.requireNonNull;

import io.daytona.model.runner.NetworkPolicy;
import io.daytona.model.runner.SandboxSpec;
import java.util.List;
import io.daytona.model.runner.StartedSandbox;
import io.daytona.runner.RunnerConfig;
import io.daytona.runner.SandboxRunner;
import io.daytona.runner.engine.ContainerEngine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import io.daytona.runner.archive.LayerArchiver;
import io.daytona.runner.archive.LocalArchiveStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the daemon's AOT cache by running the daemon once in a real sandbox, exercising the
 * endpoints every sandbox uses first, and keeping what the JVM records when it exits. The cache
 * must be made where it will be used: it is tied to the runtime, the jar and their paths.
 */
public final class AotCacheTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(AotCacheTrainer.class);

    private final ContainerEngine engine;

    public AotCacheTrainer(ContainerEngine engine) {
        this.engine = requireNonNull(engine, "engine is null");
    }

    /**
     * Returns {@code daemon} with an AOT cache, training one in {@code image} if none exists yet.
     * If training fails the daemon still works, only slower to start, so this returns
     * {@code daemon} unchanged and logs why.
     */
    public DaemonRuntime ensureTrained(DaemonRuntime daemon, String image) {
        if (daemon.aotCache().isPresent()) {
            return daemon;
        }
        Path target = daemon.aotCachePath();
        try {
            Path output = Files.createTempDirectory(target.getParent(), "aot-training",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
            // The umask may have narrowed the mode; the sandbox user must be able to write here.
            Files.setPosixFilePermissions(output, PosixFilePermissions.fromString("rwxrwxrwx"));
            try {
                train(daemon.training(output), image);
                Path trained = output.resolve(DaemonRuntime.TRAINED_FILE);
                if (!Files.exists(trained)) {
                    LOG.warn("the daemon's AOT training wrote no cache; sandboxes will start without it");
                    return daemon;
                }
                Files.setPosixFilePermissions(trained, PosixFilePermissions.fromString("rw-r--r--"));
                Files.move(trained, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                LOG.info("trained the daemon's AOT cache ({} MB)", Files.size(target) >> 20);
                return daemon.withAotCache(target);
            } finally {
                try (var files = Files.list(output)) {
                    for (Path file : files.toList()) {
                        Files.deleteIfExists(file);
                    }
                }
                Files.deleteIfExists(output);
            }
        } catch (Exception e) {
            LOG.warn("could not train the daemon's AOT cache; sandboxes will start without it: {}", e.getMessage());
            return daemon;
        }
    }

    private void train(DaemonRuntime training, String image) throws Exception {
        RunnerConfig config = RunnerConfig.defaults("aot-training");
        // The training sandbox is never archived; its archive directory only satisfies the runner.
        Path archives = Files.createTempDirectory("daytona-aot-archives");
        SandboxRunner runner = new SandboxRunner(config, engine, training,
                new LayerArchiver(new LocalArchiveStore(archives), archives));
        String id = "daytona-aot-training-" + UUID.randomUUID();
        try {
            LOG.info("training the daemon's AOT cache in a sandbox of {} (once per daemon version)", image);
            StartedSandbox started = runner.ensureStarted(new SandboxSpec(id, "daytona", image, "daytona", Map.of(), 1, 1, 1,
                    new NetworkPolicy(true, List.of())));
            exercise(started.daemonUri());
            runner.ensureStopped(id);
        } finally {
            runner.ensureDestroyed(id);
            Files.deleteIfExists(archives);
        }
    }

    /** The calls every SDK makes first: enough to load the classes a sandbox's first minutes need. */
    private static void exercise(URI daemon) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            for (int i = 0; i < 5; i++) {
                send(http, HttpRequest.newBuilder(daemon.resolve("/process/execute"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"command\":\"echo hello\",\"envs\":{\"A\":\"b\"},\"timeout\":10}")));
                send(http, HttpRequest.newBuilder(daemon.resolve("/process/execute"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"command\":\"exit 3\"}")));
                send(http, HttpRequest.newBuilder(daemon.resolve("/process/execute"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"command\": ")));
                send(http, HttpRequest.newBuilder(daemon.resolve("/work-dir")).GET());
                send(http, HttpRequest.newBuilder(daemon.resolve("/user-home-dir")).GET());
                send(http, HttpRequest.newBuilder(daemon.resolve("/version")).GET());
                send(http, HttpRequest.newBuilder(daemon.resolve("/daytona/environment"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"DAYTONA_AOT_TRAINING\":\"1\"}")));
                send(http, HttpRequest.newBuilder(daemon.resolve("/no-such-path")).GET());
            }
        }
    }

    private static void send(HttpClient http, HttpRequest.Builder request) throws IOException, InterruptedException {
        http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
    }
}
