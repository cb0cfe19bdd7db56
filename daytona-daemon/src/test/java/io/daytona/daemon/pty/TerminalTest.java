package io.daytona.daemon.pty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A real pseudo-terminal on the build host. */
class TerminalTest {
    @Test
    void aShellSeesATerminalOfTheRequestedSizeAndItsOutputComesBack() throws Exception {
        try (Terminal terminal = Terminal.open(100, 30)) {
            Process shell = new ProcessBuilder(List.of("setsid", "--wait", "--ctty", "/bin/sh", "-c", "stty size; test -t 0 && echo tty; exit 3"))
                    .redirectInput(ProcessBuilder.Redirect.from(terminal.slave().toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(terminal.slave().toFile()))
                    .redirectError(ProcessBuilder.Redirect.appendTo(terminal.slave().toFile()))
                    .start();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            int read;
            while ((read = terminal.read(buffer)) > 0) {
                output.write(buffer, 0, read);
            }
            assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(shell.exitValue()).isEqualTo(3);
            assertThat(output.toString(StandardCharsets.UTF_8)).contains("30 100").contains("tty");
        }
    }

    @Test
    void namesHowAShellEnded() {
        assertThat(PtySession.exitReason(130)).isEqualTo("Ctrl+C");
        assertThat(PtySession.exitReason(137)).isEqualTo("SIGKILL");
        assertThat(PtySession.exitReason(143)).isEqualTo("SIGTERM");
        assertThat(PtySession.exitReason(129)).isEqualTo("signal 1");
        assertThat(PtySession.exitReason(3)).isEqualTo("non-zero exit");
    }
}
