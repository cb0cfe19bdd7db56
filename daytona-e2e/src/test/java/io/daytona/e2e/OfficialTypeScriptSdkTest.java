package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the conformance suite in {@code conformance/}: the official {@code @daytonaio/sdk} from
 * npm, at the pinned version, against this server.
 */
@ExtendWith(PlatformExtension.class)
class OfficialTypeScriptSdkTest {
    private static final Path CONFORMANCE = Path.of(System.getProperty("daytona.conformance.dir", "../conformance"));

    @Test
    void officialTypeScriptSdkPassesTheConformanceSuite(Platform platform) throws Exception {
        run(List.of("npm", "ci", "--no-audit", "--no-fund"), platform, Map.of(), 300);
        // git.test.mjs clones from and pushes to this server; starting it takes about a second.
        try (GitServer git = GitServer.start()) {
            Map<String, String> gitServer = Map.of(
                    "DAYTONA_CONFORMANCE_GIT_URL", git.url(),
                    "DAYTONA_CONFORMANCE_GIT_USERNAME", GitServer.USERNAME,
                    "DAYTONA_CONFORMANCE_GIT_PASSWORD", git.password());
            Result result = run(nodeTestCommand(), platform, gitServer, 1200);
            assertThat(result.exitCode()).as("node --test output:%n%s", result.output()).isZero();
            assertThat(result.output()).contains("fail 0").doesNotContain("✖");
        }
    }

    /** {@code -Ddaytona.conformance.files=git.test.mjs,pty.test.mjs} runs only those files. */
    private static List<String> nodeTestCommand() {
        List<String> command = new java.util.ArrayList<>(List.of("node", "--test", "--test-reporter=spec"));
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
