package io.daytona.runner.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts Podman's Docker-compatible API service when nothing answers on the engine socket. */
public final class PodmanService {
    private static final Logger LOG = LoggerFactory.getLogger(PodmanService.class);

    private PodmanService() {}

    /**
     * Returns once {@code engine} answers, starting {@code podman system service} on {@code socket}
     * if needed. The service is left running on exit so that sandboxes stay reachable.
     */
    public static void ensureRunning(ContainerEngine engine, Path socket, Path logFile) throws IOException, InterruptedException {
        if (engine.ping()) {
            return;
        }
        LOG.info("no container engine answers on {}; starting podman system service", socket);
        Files.createDirectories(socket.getParent());
        Files.createDirectories(logFile.getParent());
        new ProcessBuilder("podman", "system", "service", "--time=0", "unix://" + socket)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!engine.ping()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("Podman's API service did not answer on " + socket + " within 30 s; see " + logFile
                        + " (is podman installed? run ./scripts/setup.sh)");
            }
            Thread.sleep(100);
        }
    }
}
