package io.daytona.runner.disk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a host tool (mount, mkfs.ext4, resize2fs) and fails with its output when it fails. */
final class HostCommand {
    private static final long TIMEOUT_SECONDS = 120;

    private HostCommand() {}

    /** A command that exited with a status other than 0. */
    static final class Failure extends IOException {
        private final int exitCode;

        Failure(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }

    /** Runs {@code command}; returns its output (stdout and stderr together). */
    static String run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (InputStream in = process.getInputStream()) {
            in.transferTo(output);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.getFirst(), e);
        }
        String text = output.toString(StandardCharsets.UTF_8).strip();
        if (process.exitValue() != 0) {
            throw new Failure(String.join(" ", command) + " exited with " + process.exitValue() + (text.isEmpty() ? "" : ": " + text),
                    process.exitValue());
        }
        return text;
    }
}
