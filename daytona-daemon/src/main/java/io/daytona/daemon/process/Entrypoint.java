package io.daytona.daemon.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The image's own entrypoint, run in the background with its output in {@code ~/.daytona/entrypoint.log}. */
public final class Entrypoint {
    private static final Logger LOG = LoggerFactory.getLogger(Entrypoint.class);

    private Entrypoint() {}

    public static void start(List<String> command, Path homeDir) {
        try {
            Path logDir = homeDir.resolve(".daytona");
            Files.createDirectories(logDir);
            Path log = logDir.resolve("entrypoint.log");
            new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            LOG.warn("could not start the image entrypoint {}", command, e);
        }
    }
}
