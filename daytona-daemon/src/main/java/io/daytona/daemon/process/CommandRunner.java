package io.daytona.daemon.process;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import io.daytona.http.ServiceException;

/** Runs shell commands as the sandbox user, with stdout and stderr combined. */
public final class CommandRunner {
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Path workDir;

    public CommandRunner(Path workDir) {
        this.workDir = requireNonNull(workDir, "workDir is null");
    }

    /**
     * The outcome of a command.
     *
     * @param exitCode the exit code, -1 if the command could not start
     * @param output stdout and stderr, interleaved as written
     * @param timedOut whether the command was killed for running too long
     */
    public record Result(int exitCode, String output, boolean timedOut) {}

    public Result run(String command, String cwd, Map<String, String> envs, Optional<Duration> timeout) throws InterruptedException {
        Path directory = resolveDirectory(cwd);
        validateEnv(envs);
        ProcessBuilder builder = new ProcessBuilder(List.of("/bin/sh", "-c", command))
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(envs);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Result(-1, "Failed to start command: " + e.getMessage(), false);
        }
        OutputCollector collector = new OutputCollector(process.getInputStream());
        Thread reader = Thread.ofVirtual().name("execute-output").start(collector);
        boolean finished = timeout.isEmpty() ? waitFor(process) : process.waitFor(timeout.get().toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            killTree(process);
            reader.join(Duration.ofSeconds(2));
            return new Result(-1, collector.text(), true);
        }
        // Background children may keep the pipe open; their output after exit is not the command's.
        reader.join(Duration.ofSeconds(1));
        return new Result(process.exitValue(), collector.text(), false);
    }

    private static boolean waitFor(Process process) throws InterruptedException {
        process.waitFor();
        return true;
    }

    private Path resolveDirectory(String cwd) {
        if (cwd == null || cwd.isBlank()) {
            return workDir;
        }
        Path resolved = workDir.resolve(cwd).normalize();
        if (!Files.isDirectory(resolved)) {
            throw ServiceException.badRequest("cwd %s is not a directory in the sandbox", resolved);
        }
        return resolved;
    }

    private static void validateEnv(Map<String, String> envs) {
        for (String name : envs.keySet()) {
            if (!ENV_NAME.matcher(name).matches()) {
                throw ServiceException.badRequest(
                        "invalid environment variable name '%s': use letters, digits and underscores, not starting with a digit", name);
            }
        }
    }

    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static final class OutputCollector implements Runnable {
        private final InputStream in;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        OutputCollector(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] chunk = new byte[8192];
            try (in) {
                int read;
                while ((read = in.read(chunk)) >= 0) {
                    synchronized (buffer) {
                        buffer.write(chunk, 0, read);
                    }
                }
            } catch (IOException ignored) {
                // the process ended or was killed; what was read is the output
            }
        }

        String text() {
            synchronized (buffer) {
                return buffer.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
