package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.daytona.examples.AsyncQuickstart;
import io.daytona.examples.Charts;
import io.daytona.examples.CodeInterpreterExample;
import io.daytona.examples.DeclarativeImage;
import io.daytona.examples.ComputerUseExample;
import io.daytona.examples.FileOperations;
import io.daytona.examples.GitOperations;
import io.daytona.examples.LanguageServer;
import io.daytona.examples.Quickstart;
import io.daytona.examples.Sessions;
import io.daytona.examples.Snapshots;
import io.daytona.examples.Terminal;
import io.daytona.examples.Volumes;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.DaytonaAsync;
import io.daytona.sdk.DaytonaConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The Java SDK's examples ({@code examples/}) run against the platform and do what they say. */
@ExtendWith(PlatformExtension.class)
class ExamplesTest {
    private static Daytona daytona;

    @BeforeAll
    static void connect(Platform platform) {
        daytona = new Daytona(DaytonaConfig.builder().apiKey(platform.adminKey()).apiUrl(platform.apiUrl().toString()).build());
    }

    @AfterAll
    static void close() {
        daytona.close();
    }

    @Test
    void quickstart() {
        assertThat(Quickstart.run(daytona)).startsWith("Hello from Daytona\n").contains("Python 3.");
    }

    @Test
    void fileOperations() {
        assertThat(FileOperations.run(daytona))
                .contains("files: config.json, main.py")
                .containsPattern("TODOs: .*/project/main.py:2")
                .endsWith("print('hello, world')\n# TODO: greet by name\n");
    }

    @Test
    void codeInterpreter() {
        assertThat(CodeInterpreterExample.run(daytona))
                .startsWith("step 0, x = 10\nstep 1, x = 10\nstep 2, x = 10\n")
                .contains("default context: 3 lines")
                .endsWith("isolated context sees x: False");
    }

    @Test
    void sessions() {
        assertThat(Sessions.run(daytona))
                .contains("compile 1 in /tmp/app", "compile 3 in /tmp/app")
                .endsWith("stderr: done\n");
    }

    @Test
    void computerUse(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("desktop.png");
        assertThat(ComputerUseExample.run(daytona, png)).matches("screenshot 1024x768 PNG \\(\\d+ bytes\\), typed: hello from Java");
        assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void terminal() {
        assertThat(Terminal.run(daytona)).contains("size: 40 100").endsWith("exit code: 7");
    }

    @Test
    void gitOperations() throws Exception {
        try (GitServer git = GitServer.start()) {
            assertThat(GitOperations.run(daytona, git.url(), GitServer.USERNAME, git.password()))
                    .matches("branch main, commit [0-9a-f]{40}, ahead 1");
        }
    }

    @Test
    void snapshots() {
        StringBuilder logs = new StringBuilder();
        assertThat(Snapshots.run(daytona, "localhost/daytona/sandbox:0.1.0", logs::append)).isEqualTo("built by Daytona\n");
        assertThat(logs).as("the build's output streamed").isNotEmpty();
    }

    @Test
    void volumes() {
        assertThat(Volumes.run(daytona)).isEqualTo("hello from the writer\n");
    }

    @Test
    void charts() {
        assertThat(Charts.run(daytona)).isEqualTo("""
                line 'Growth': step vs size, 4 points of square (PNG: true)
                bar 'Fruit sold': 3 bars (PNG: true)""");
    }

    @Test
    void declarativeImage() {
        StringBuilder logs = new StringBuilder();
        assertThat(DeclarativeImage.run(daytona, "localhost/daytona/sandbox:0.1.0", logs::append))
                .isEqualTo("Hello from a declarative image\napples, pears\n");
        assertThat(logs).as("the build's output streamed").isNotEmpty();
    }

    @Test
    void languageServer() {
        assertThat(LanguageServer.run(daytona)).startsWith("symbols: Greeter, greet, greeter\ncompletions: ").contains("greet");
    }

    @Test
    void asyncQuickstart() {
        try (DaytonaAsync async = new DaytonaAsync(daytona.config())) {
            assertThat(AsyncQuickstart.run(async)).isEqualTo("one\ntwo\nthree\n");
        }
    }
}
