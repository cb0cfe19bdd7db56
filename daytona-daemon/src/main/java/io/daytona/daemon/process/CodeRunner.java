package io.daytona.daemon.process;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.http.ErrorCode;
import io.daytona.http.ServiceException;
import io.daytona.model.toolbox.CodeRunArtifacts;
import io.daytona.model.toolbox.CodeRunRequest;
import io.daytona.model.toolbox.CodeRunResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code POST /process/code-run}: runs a program from source with the interpreter of its language
 * and returns its output; Python that imports matplotlib runs under a wrapper that captures the
 * figures it shows as charts.
 *
 * <p>The source goes to a file in a private scratch directory, deleted after the run, rather than
 * on the command line, whose length the kernel limits.
 */
public final class CodeRunner {
    static final String CHART_CAPTURE = "chart_capture.py";
    /** Keeps process.argv as a script's would be when node reads the program from stdin ({@code node - a b}). */
    static final String NODE_ARGV_FIX = "process.argv.splice(1, 1); ";

    private final CommandRunner runner;
    private final Path scratchRoot;
    private final Predicate<String> installed;
    private final ChartArtifacts artifacts;
    private final byte[] chartCapture;

    /**
     * @param runner runs the interpreter
     * @param scratchRoot where each run gets its directory for the source file
     * @param installed whether a command (e.g. {@code node}) can be run in the sandbox
     * @param mapper reads the charts the capture wrapper prints
     */
    public CodeRunner(CommandRunner runner, Path scratchRoot, Predicate<String> installed, ObjectMapper mapper) {
        this.runner = requireNonNull(runner, "runner is null");
        this.scratchRoot = requireNonNull(scratchRoot, "scratchRoot is null");
        this.installed = requireNonNull(installed, "installed is null");
        this.artifacts = new ChartArtifacts(mapper);
        this.chartCapture = loadChartCapture();
    }

    /** Whether {@code command} is an executable file in one of the directories of {@code path}. */
    public static Predicate<String> onPath(String path) {
        List<Path> directories = path == null ? List.of() : Arrays.stream(path.split(":"))
                .filter(directory -> !directory.isEmpty())
                .map(Path::of)
                .toList();
        return command -> directories.stream().anyMatch(directory -> Files.isExecutable(directory.resolve(command)));
    }

    public CodeRunResponse run(CodeRunRequest request) throws InterruptedException {
        if (request.code() == null) {
            throw ServiceException.badRequest("code is required: send {\"code\": \"print('hello')\", \"language\": \"python\"}");
        }
        CodeLanguage language = CodeLanguage.parse(request.language());
        Optional<Duration> timeout = timeout(request.timeout());
        requireInstalled(language);
        validateArgv(request.argv());
        CommandRunner.Result result = runInScratch(request, language, timeout);
        if (result.timedOut()) {
            throw new ServiceException(ErrorCode.REQUEST_TIMEOUT, "Code run timed out after %d seconds".formatted(request.timeout()));
        }
        ChartArtifacts.Extracted extracted = artifacts.extract(result.output());
        CodeRunArtifacts found = extracted.charts().isEmpty() ? null : new CodeRunArtifacts(extracted.charts());
        return new CodeRunResponse(result.exitCode(), extracted.output(), found);
    }

    private static Optional<Duration> timeout(Integer seconds) {
        if (seconds != null && seconds < 0) {
            throw ServiceException.badRequest("timeout must be zero (no limit) or a positive number of seconds, got %d", seconds);
        }
        return seconds == null || seconds == 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    }

    private static void validateArgv(List<String> argv) {
        // A program's arguments are C strings: a NUL would silently cut one short.
        if (argv.stream().anyMatch(argument -> argument.indexOf('\0') >= 0)) {
            throw ServiceException.badRequest("argv entries cannot contain NUL characters (\\u0000): remove them");
        }
    }

    private void requireInstalled(CodeLanguage language) {
        List<String> missing = language.requiredCommands().stream().filter(installed.negate()).toList();
        if (!missing.isEmpty()) {
            throw ServiceException.badRequest(
                    "cannot run %s: this sandbox's image lacks %s (not found on PATH); use an image that has %s installed",
                    language.wireName(), String.join(" and ", missing), String.join(" and ", language.requiredCommands()));
        }
    }

    private CommandRunner.Result runInScratch(CodeRunRequest request, CodeLanguage language, Optional<Duration> timeout)
            throws InterruptedException {
        Path scratch;
        try {
            scratch = Files.createTempDirectory(scratchRoot, "code-run-");
        } catch (IOException e) {
            throw new ServiceException(ErrorCode.INTERNAL_SERVER_ERROR,
                    "could not create a scratch directory in %s for the code: %s".formatted(scratchRoot, e.getMessage()), e);
        }
        try {
            String command = prepare(scratch, request.code(), language, request.argv());
            return runner.run(command, null, request.envs(), timeout);
        } catch (IOException e) {
            throw new ServiceException(ErrorCode.INTERNAL_SERVER_ERROR,
                    "could not write the code to %s: %s".formatted(scratch, e.getMessage()), e);
        } finally {
            deleteQuietly(scratch);
        }
    }

    /** Writes the files the run needs to {@code scratch} and returns the shell command that runs it. */
    String prepare(Path scratch, String code, CodeLanguage language, List<String> argv) throws IOException {
        return switch (language) {
            case PYTHON -> {
                Path source = write(scratch.resolve("code.py"), code.getBytes(StandardCharsets.UTF_8));
                List<String> python = MatplotlibImports.in(code)
                        ? List.of("python3", "-u", write(scratch.resolve(CHART_CAPTURE), chartCapture).toString())
                        : List.of("python3", "-u", "-");
                yield shellCommand(python, argv, Optional.of(source));
            }
            // On the first line, so that line numbers in errors stay the user's.
            case JAVASCRIPT -> shellCommand(List.of("node", "-"), argv,
                    Optional.of(write(scratch.resolve("code.js"), (NODE_ARGV_FIX + code).getBytes(StandardCharsets.UTF_8))));
            case TYPESCRIPT -> {
                Path source = write(scratch.resolve("code.ts"), code.getBytes(StandardCharsets.UTF_8));
                yield shellCommand(
                        List.of("ts-node", "-T", "--ignore-diagnostics", "5107", "-O", "{\"module\":\"CommonJS\"}", source.toString()),
                        argv, Optional.empty());
            }
        };
    }

    private static String shellCommand(List<String> program, List<String> argv, Optional<Path> stdin) {
        String words = Stream.concat(program.stream(), argv.stream()).map(CodeRunner::quote).collect(Collectors.joining(" "));
        return "exec " + words + stdin.map(file -> " < " + quote(file.toString())).orElse("");
    }

    private static Path write(Path file, byte[] content) throws IOException {
        return Files.write(file, content);
    }

    /** Quotes one word for {@code /bin/sh}: inside single quotes only the quote itself needs care. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a leftover scratch directory in the temp dir is harmless
        }
    }

    private static byte[] loadChartCapture() {
        try (InputStream in = CodeRunner.class.getResourceAsStream(CHART_CAPTURE)) {
            if (in == null) {
                throw new IllegalStateException(CHART_CAPTURE + " is missing from the daemon jar: rebuild daytona-daemon");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + CHART_CAPTURE + " from the daemon jar", e);
        }
    }
}
