package io.daytona.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.daytona.cli.CliContext;
import io.daytona.cli.DaytonaCli;
import io.daytona.cli.config.ConfigStore;
import io.daytona.cli.config.Profile;
import io.daytona.model.json.Json;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.DaytonaConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code daytona} command line of one user: in-process (picocli, as {@code io.daytona.server.Main}
 * installs it) or as a separate JVM running the server's main class, with its own home directory.
 */
final class Cli {
    private final Path home;

    Cli(Path home) {
        this.home = home;
    }

    record Run(int exitCode, String out, String err) {
        JsonNode json() {
            try {
                return Json.newMapper().readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + out, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    Path home() {
        return home;
    }

    Map<String, String> environment() {
        return Map.of("HOME", home.toString());
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = DaytonaCli.commandLine(CliContext.of(environment()));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Runs {@code io.daytona.server.Main} in a new JVM: for commands that hand the terminal to a child (ssh). */
    Run runProcess(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("DAYTONA_"));
        builder.environment().put("HOME", home.toString());
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process = builder.start();
        var out = process.getInputStream();
        var err = process.getErrorStream();
        var errText = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(err));
        String outText = read(out);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("daytona " + String.join(" ", args) + " did not finish in 2 minutes");
        }
        return new Run(process.exitValue(), outText, errText.join());
    }

    /** {@code java -cp <this JVM's class path> io.daytona.server.Main}: the server jar's command, without building the jar. */
    static List<String> javaCommand() {
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "io.daytona.server.Main");
    }

    /** {@return the profile {@code daytona login} stored} */
    Profile profile() {
        return new ConfigStore(ConfigStore.location(environment(), home, "Linux")).load().active().orElseThrow();
    }

    Path configFile() {
        return ConfigStore.location(environment(), home, "Linux");
    }

    /** A Java SDK client with the key the CLI uses now (its active organization's), to check what the CLI did. */
    Daytona sdk() {
        Profile profile = profile();
        return new Daytona(DaytonaConfig.builder().apiKey(profile.activeKey()).apiUrl(profile.api().url()).build());
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
