package io.daytona.daemon.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daytona.http.ServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandRunnerTest {
    @TempDir
    Path workDir;

    @Test
    void combinesStdoutAndStderrAndReportsTheExitCode() throws Exception {
        var result = new CommandRunner(workDir).run("echo out; echo err >&2; exit 42", null, Map.of(), Optional.empty());
        assertThat(result.exitCode()).isEqualTo(42);
        assertThat(result.output()).contains("out\n").contains("err\n");
        assertThat(result.timedOut()).isFalse();
    }

    @Test
    void runsInTheWorkDirOrARelativeCwdAndSeesTheGivenEnvironment() throws Exception {
        Files.createDirectory(workDir.resolve("sub"));
        var runner = new CommandRunner(workDir);
        assertThat(runner.run("pwd", null, Map.of(), Optional.empty()).output().strip()).isEqualTo(workDir.toRealPath().toString());
        assertThat(runner.run("pwd", "sub", Map.of(), Optional.empty()).output().strip()).endsWith("/sub");
        assertThat(runner.run("echo $GREETING", null, Map.of("GREETING", "hi"), Optional.empty()).output()).isEqualTo("hi\n");
    }

    @Test
    void killsACommandThatOutlivesItsTimeout() throws Exception {
        long start = System.nanoTime();
        var result = new CommandRunner(workDir).run("echo started; sleep 30", null, Map.of(), Optional.of(Duration.ofMillis(300)));
        assertThat(result.timedOut()).isTrue();
        assertThat(result.output()).contains("started");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void rejectsAMissingCwdAndBadEnvironmentNames() {
        var runner = new CommandRunner(workDir);
        assertThatThrownBy(() -> runner.run("true", "nope", Map.of(), Optional.empty()))
                .isInstanceOf(ServiceException.class).hasMessageContaining("not a directory");
        assertThatThrownBy(() -> runner.run("true", null, Map.of("1BAD", "x"), Optional.empty()))
                .isInstanceOf(ServiceException.class).hasMessageContaining("1BAD");
    }
}
