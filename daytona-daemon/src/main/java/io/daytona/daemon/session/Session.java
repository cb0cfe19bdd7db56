package io.daytona.daemon.session;

import static java.util.Objects.requireNonNull;

import io.daytona.model.toolbox.session.Command;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A long-lived shell: commands run one after another in the same shell process, so the working
 * directory and exported variables carry over. A command that exits the shell ends it; the next
 * command starts a fresh one.
 */
final class Session implements AutoCloseable {
    private final String id;
    private final Path directory;
    private final Path workDir;
    private final Map<String, SessionCommand> commands = new LinkedHashMap<>();
    private Process shell;
    private OutputStream shellInput;

    Session(String id, Path directory, Path workDir) {
        this.id = requireNonNull(id, "id is null");
        this.directory = requireNonNull(directory, "directory is null");
        this.workDir = requireNonNull(workDir, "workDir is null");
    }

    String id() {
        return id;
    }

    synchronized SessionCommand execute(String command, boolean async) throws IOException {
        String commandId = UUID.randomUUID().toString();
        SessionCommand prepared = SessionCommand.prepare(commandId, command, directory.resolve(commandId), async);
        commands.put(commandId, prepared);
        ensureShell();
        try {
            shellInput.write(prepared.shellLine().getBytes(StandardCharsets.UTF_8));
            shellInput.flush();
        } catch (IOException shellGone) {
            prepared.abandon(-1);
            throw new IOException("the session's shell ended; run the command again to start a new shell", shellGone);
        }
        return prepared;
    }

    synchronized Optional<SessionCommand> command(String commandId) {
        return Optional.ofNullable(commands.get(commandId));
    }

    synchronized List<Command> describe() {
        return commands.values().stream().map(SessionCommand::describe).toList();
    }

    private void ensureShell() throws IOException {
        if (shell != null && shell.isAlive()) {
            return;
        }
        Files.createDirectories(directory);
        Process started = new ProcessBuilder(shellCommand())
                .directory(workDir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        started.onExit().thenAccept(this::shellEnded);
        shell = started;
        shellInput = started.getOutputStream();
    }

    private synchronized void shellEnded(Process ended) {
        commands.values().forEach(command -> command.abandon(ended.exitValue()));
    }

    private static List<String> shellCommand() {
        return Files.isExecutable(Path.of("/bin/bash"))
                ? List.of("/bin/bash", "--noprofile", "--norc", "-s")
                : List.of("/bin/sh", "-s");
    }

    /** Kills the shell and everything it started. */
    @Override
    public synchronized void close() {
        if (shell != null) {
            shell.descendants().forEach(ProcessHandle::destroyForcibly);
            shell.destroyForcibly();
        }
    }
}
