package io.daytona.daemon.computeruse;

import io.daytona.http.ErrorCode;
import io.daytona.http.ServiceException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the image's X11 command-line tools ({@code xdotool}, {@code wmctrl}) against the
 * desktop's display, as the sandbox user. Each call is one short process: they start in a few
 * milliseconds and keep the daemon free of an X11 client library.
 */
final class X11Tools {
    private static final long TIMEOUT_SECONDS = 30;

    private X11Tools() {}

    /** What a tool did. */
    record Result(int exitCode, String stdout, String stderr) {}

    /** Runs a tool and returns its output; a tool that cannot start or hangs is a 500. */
    static Result run(DesktopConfig config, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(config.environment());
        try {
            Process process = builder.start();
            // Outputs are a few lines: stdout cannot fill the pipe while stderr waits.
            String stdout = read(process.getInputStream());
            String stderr = read(process.getErrorStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new ServiceException(ErrorCode.INTERNAL_SERVER_ERROR, command.getFirst() + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), stdout, stderr);
        } catch (IOException e) {
            throw new ServiceException(ErrorCode.INTERNAL_SERVER_ERROR, "could not run " + command.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException(ErrorCode.INTERNAL_SERVER_ERROR, "interrupted while running " + command.getFirst(), e);
        }
    }

    /** Runs a tool that must succeed and say nothing on stderr; returns its stdout. */
    static String check(DesktopConfig config, List<String> command) {
        Result result = run(config, command);
        if (result.exitCode() != 0) {
            throw new ServiceException(ErrorCode.INTERNAL_SERVER_ERROR, "%s failed (exit %d): %s".formatted(
                    command.getFirst(), result.exitCode(), result.stderr().strip()));
        }
        return result.stdout();
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
