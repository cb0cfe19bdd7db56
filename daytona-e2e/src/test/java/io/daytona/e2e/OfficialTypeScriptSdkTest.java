package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the conformance suite in {@code conformance/}: the official {@code @daytonaio/sdk} from
 * npm, at the pinned version, against the platform started with the README's command,
 * {@code ./daytona server} (with its defaults, a warm pool included), plus an {@code authenticated}
 * rate limit so the rate-limit scenario has something to hit (the admin key is never throttled).
 *
 * <p>With the wire check ({@code conformance/wire-check.mjs}) preloaded: every response the SDK's
 * generated clients decode is validated against their declared schema, as the Python SDK's
 * pydantic models would; any violation not listed in {@code wire-exceptions.json} fails the test.
 */
class OfficialTypeScriptSdkTest {
    private static final Path CONFORMANCE = Path.of(System.getProperty("daytona.conformance.dir", "../conformance"));
    private static final Path WIRE_REPORT = Path.of("target", "wire-report.jsonl").toAbsolutePath();

    @Test
    void officialTypeScriptSdkPassesTheConformanceSuite() throws Exception {
        try (LaunchedServer server = LaunchedServer.start(List.of("--rate-limit", "authenticated=40/600"))) {
            runSuite(server.platform());
        }
    }

    private static void runSuite(Platform platform) throws Exception {
        run(List.of("npm", "ci", "--no-audit", "--no-fund"), platform, Map.of(), 300);
        // git.test.mjs clones from and pushes to this server; starting it takes about a second.
        try (GitServer git = GitServer.start()) {
            Map<String, String> gitServer = Map.of(
                    "DAYTONA_CONFORMANCE_GIT_URL", git.url(),
                    "DAYTONA_CONFORMANCE_GIT_USERNAME", GitServer.USERNAME,
                    "DAYTONA_CONFORMANCE_GIT_PASSWORD", git.password());
            Files.deleteIfExists(WIRE_REPORT);
            Result result = run(nodeTestCommand(), platform, gitServer, 1200);
            Result wire = run(List.of("node", "wire-report.mjs", WIRE_REPORT.toString()), platform, Map.of(), 60);
            writeSummary(result.output(), wire.output());
            assertThat(wire.exitCode()).as("responses the Python SDK would reject (%s):%n%s", WIRE_REPORT, wire.output()).isZero();
            assertThat(result.exitCode()).as("node --test output:%n%s", result.output()).isZero();
            // Expected failures (tests marked todo, waiting for an issue) print a cross but do not count as failures.
            assertThat(result.output()).contains("ℹ fail 0");
        }
    }

    /**
     * Leaves the suite's counts and the wire check's first line in {@code target/conformance-summary.txt},
     * which the test command prints before its final line, so a run shows the official SDK's true coverage.
     */
    private static void writeSummary(String output, String wireOutput) throws IOException {
        Map<String, String> counts = new HashMap<>();
        Matcher matcher = Pattern.compile("(?m)^ℹ (tests|pass|fail|cancelled|skipped|todo) (\\d+)$").matcher(output);
        while (matcher.find()) {
            counts.put(matcher.group(1), matcher.group(2));
        }
        String line = "conformance (official @daytonaio/sdk): %s passed, %s failed, %s cancelled, %s skipped, %s expected failures (todo)".formatted(
                counts.getOrDefault("pass", "?"), counts.getOrDefault("fail", "?"), counts.getOrDefault("cancelled", "?"),
                counts.getOrDefault("skipped", "?"), counts.getOrDefault("todo", "?"));
        String wire = wireOutput.lines().findFirst().orElse("wire check: no report");
        Files.writeString(Path.of("target", "conformance-summary.txt"), line + System.lineSeparator() + wire + System.lineSeparator());
    }

    /** {@code -Ddaytona.conformance.files=git.test.mjs,pty.test.mjs} runs only those files. */
    private static List<String> nodeTestCommand() {
        List<String> command = new java.util.ArrayList<>(List.of("node", "--import", "./wire-check.mjs", "--test", "--test-reporter=spec"));
        String files = System.getProperty("daytona.conformance.files", "").strip();
        if (!files.isEmpty()) {
            command.addAll(List.of(files.split(",")));
        }
        return command;
    }

    private record Result(int exitCode, String output) {}

    private static Result run(List<String> command, Platform platform, Map<String, String> environment, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("conformance", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(CONFORMANCE.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("DAYTONA_API_URL", platform.apiUrl().toString());
        builder.environment().put("DAYTONA_API_KEY", platform.adminKey());
        builder.environment().put("CONFORMANCE_WIRE_REPORT", WIRE_REPORT.toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s:\n" + Files.readString(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        if (process.exitValue() != 0 && command.get(0).equals("npm")) {
            throw new AssertionError(command + " failed:\n" + output);
        }
        return new Result(process.exitValue(), output);
    }
}
