package io.daytona.daemon.git;

import static java.util.Objects.requireNonNull;

import io.daytona.http.ErrorCode;
import io.daytona.http.ServiceException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the {@code git} command of the sandbox image as the sandbox user. Each call is one process
 * with a controlled environment: no terminal prompts, English messages (they are classified),
 * no inherited tracing that could print an {@code Authorization} header, and credentials only
 * through a credential helper that reads this one process's environment.
 */
final class GitCli {
    /**
     * Answers git's {@code get} from the environment and ignores {@code store} and {@code erase},
     * so nothing is persisted. It is configuration text without any secret in it.
     */
    static final String CREDENTIAL_HELPER =
            "!f() { test \"$1\" = get && printf 'username=%s\\npassword=%s\\n' \"$DAYTONA_GIT_USERNAME\" \"$DAYTONA_GIT_PASSWORD\"; }; f";
    private static final int MAX_STDERR = 16 * 1024;
    private static final List<String> INHERITED_GIT_VARIABLES_REMOVED = List.of(
            "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_ASKPASS", "SSH_ASKPASS", "GIT_CURL_VERBOSE",
            "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT", "GIT_TERMINAL_PROMPT", "DAYTONA_GIT_USERNAME", "DAYTONA_GIT_PASSWORD");

    private final String executable;
    private final Path scratch;

    GitCli(String executable, Path scratch) {
        this.executable = requireNonNull(executable, "executable is null");
        this.scratch = requireNonNull(scratch, "scratch is null");
    }

    /**
     * What a git process did.
     *
     * @param exitCode its exit code
     * @param stdout what it wrote to stdout, for small outputs
     * @param stderr the end of what it wrote to stderr (at most 16 KiB)
     */
    record Result(int exitCode, String stdout, String stderr) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    /**
     * One git command.
     *
     * @param directory where it runs; git finds the repository from there
     * @param arguments everything after {@code git}; never a secret
     * @param credentials handed to git through the credential helper, if any
     * @param environment extra variables, e.g. the commit identity
     * @param stdin what git reads on its standard input, if anything
     */
    record Call(Path directory, List<String> arguments, Optional<Credentials> credentials, Map<String, String> environment,
                Optional<String> stdin) {
        Call {
            requireNonNull(directory, "directory is null");
            arguments = List.copyOf(arguments);
            requireNonNull(credentials, "credentials is null");
            environment = Map.copyOf(environment);
            requireNonNull(stdin, "stdin is null");
        }

        static Call in(Path directory, String... arguments) {
            return new Call(directory, List.of(arguments), Optional.empty(), Map.of(), Optional.empty());
        }

        static Call in(Path directory, List<String> arguments) {
            return new Call(directory, arguments, Optional.empty(), Map.of(), Optional.empty());
        }

        Call withCredentials(Optional<Credentials> value) {
            return new Call(directory, arguments, value, environment, stdin);
        }

        Call withEnvironment(Map<String, String> value) {
            return new Call(directory, arguments, credentials, value, stdin);
        }

        Call withStdin(String value) {
            return new Call(directory, arguments, credentials, environment, Optional.of(value));
        }
    }

    /** Reads a process's stdout while it runs. */
    @FunctionalInterface
    interface OutputReader {
        void read(InputStream stdout) throws IOException;
    }

    /** Runs {@code call} and collects its output. */
    Result run(Call call) {
        StringBuilder stdout = new StringBuilder();
        try {
            Result result = stream(call, in -> stdout.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            return new Result(result.exitCode(), stdout.toString(), result.stderr());
        } catch (IOException e) {
            throw new ServiceException(ErrorCode.INTERNAL_SERVER_ERROR, "could not talk to git: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code call}, handing its stdout to {@code reader} as it comes; {@link Result#stdout()}
     * is empty. An {@link IOException} of the reader (a client gone) ends git and is rethrown.
     */
    Result stream(Call call, OutputReader reader) throws IOException {
        // stderr goes to a file, so no second reader thread is needed and git never blocks on it.
        Path stderrFile = Files.createTempFile(scratch, "git-", ".stderr");
        Process process = null;
        try {
            process = start(call, stderrFile);
            try (OutputStream in = process.getOutputStream()) {
                if (call.stdin().isPresent()) {
                    in.write(call.stdin().get().getBytes(StandardCharsets.UTF_8));
                }
            }
            try (InputStream out = process.getInputStream()) {
                reader.read(out);
                out.transferTo(OutputStream.nullOutputStream());
            }
            int exitCode = process.waitFor();
            return new Result(exitCode, "", tail(stderrFile));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException(ErrorCode.INTERNAL_SERVER_ERROR, "interrupted while git was running", e);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            deleteQuietly(stderrFile);
        }
    }

    private Process start(Call call, Path stderrFile) {
        try {
            return processBuilder(call, stderrFile).start();
        } catch (IOException e) {
            throw new ServiceException(ErrorCode.INTERNAL_SERVER_ERROR,
                    "could not run git (" + executable + "): " + e.getMessage() + "; the sandbox image must have git installed", e);
        }
    }

    private ProcessBuilder processBuilder(Call call, Path stderrFile) {
        List<String> command = new ArrayList<>();
        command.add(executable);
        if (call.credentials().isPresent()) {
            // The empty value first clears helpers from the user's configuration (a "store" helper
            // would otherwise write the password to ~/.git-credentials after a success).
            command.addAll(List.of("-c", "credential.helper=", "-c", "credential.helper=" + CREDENTIAL_HELPER));
        }
        command.addAll(call.arguments());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(call.directory().toFile())
                .redirectError(stderrFile.toFile());
        if (call.stdin().isEmpty()) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("GIT_TRACE") || name.startsWith("GIT_CONFIG_KEY_")
                || name.startsWith("GIT_CONFIG_VALUE_") || INHERITED_GIT_VARIABLES_REMOVED.contains(name));
        environment.put("LC_ALL", "C");
        environment.put("GIT_TERMINAL_PROMPT", "0");
        environment.put("GIT_ASKPASS", "");
        environment.putAll(call.environment());
        call.credentials().ifPresent(credentials -> {
            environment.put("DAYTONA_GIT_USERNAME", credentials.username());
            environment.put("DAYTONA_GIT_PASSWORD", credentials.password());
        });
        return builder;
    }

    private static String tail(Path file) throws IOException {
        long size = Files.size(file);
        try (var channel = Files.newByteChannel(file)) {
            channel.position(Math.max(0, size - MAX_STDERR));
            return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a small temporary file left behind is harmless
        }
    }

    static Map<String, String> identity(String name, String email) {
        Map<String, String> environment = new HashMap<>();
        environment.put("GIT_AUTHOR_NAME", name);
        environment.put("GIT_AUTHOR_EMAIL", email);
        environment.put("GIT_COMMITTER_NAME", name);
        environment.put("GIT_COMMITTER_EMAIL", email);
        return environment;
    }
}
