package io.daytona.cli.mcp;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The MCP server's log: one line per tool call, appended to the file the agent configuration names
 * ({@code logFile}) and copied to stderr, which agents keep in their own logs. Never stdout: that
 * is the protocol's channel.
 */
final class McpLog {
    private final Path file;
    private final PrintStream stderr;
    private final Object lock = new Object();

    McpLog(Path file, PrintStream stderr) {
        this.file = file;
        this.stderr = Objects.requireNonNull(stderr, "stderr is null");
    }

    void info(String message) {
        String line = Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + message + "\n";
        synchronized (lock) {
            stderr.print("[daytona-mcp] " + line);
            stderr.flush();
            if (file == null) {
                return;
            }
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                // A log that cannot be written must not stop the tools; stderr still has the line.
                stderr.println("[daytona-mcp] cannot write " + file + ": " + e.getMessage());
            }
        }
    }
}
