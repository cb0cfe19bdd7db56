package io.daytona.daemon.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daytona.http.ServiceException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real shells and real named pipes. */
class SessionManagerTest {
    @TempDir
    Path root;
    @TempDir
    Path workDir;
    private SessionManager sessions;

    @BeforeEach
    void create() {
        sessions = new SessionManager(root, workDir);
    }

    @AfterEach
    void close() {
        sessions.close();
    }

    @Test
    void keepsTheWorkingDirectoryAndExportedVariablesBetweenCommands() throws Exception {
        Session session = sessions.create("state");
        assertThat(run(session, "mkdir -p sub && cd sub && export GREETING=hi")).isZero();
        SessionCommand pwd = session.execute("pwd; echo $GREETING; echo problem >&2", false);
        assertThat(pwd.exit().get(10, TimeUnit.SECONDS)).isZero();
        CommandLog.Demuxed log = CommandLog.demux(pwd.log());
        assertThat(log.stdout()).isEqualTo(workDir.toRealPath().resolve("sub") + "\nhi\n");
        assertThat(log.stderr()).isEqualTo("problem\n");
        assertThat(session.describe()).hasSize(2).allSatisfy(c -> assertThat(c.exitCode()).isZero());
    }

    @Test
    void reportsExitCodesAndSurvivesCommandsThatReadStdin() throws Exception {
        Session session = sessions.create("codes");
        assertThat(run(session, "false")).isEqualTo(1);
        assertThat(run(session, "cat")).as("a sync command's stdin is empty").isZero();
        assertThat(run(session, "(exit 42)")).isEqualTo(42);
        assertThat(run(session, "echo still alive")).isZero();
    }

    @Test
    void feedsInputToAnAsyncCommand() throws Exception {
        Session session = sessions.create("input");
        SessionCommand reader = session.execute("read name; echo hello $name", true);
        assertThat(reader.exitCode()).isEmpty();
        reader.sendInput("ada\n");
        assertThat(reader.exit().get(10, TimeUnit.SECONDS)).isZero();
        assertThat(CommandLog.demux(reader.log()).stdout()).isEqualTo("hello ada\n");
    }

    @Test
    void aCommandThatExitsTheShellEndsWithItsCodeAndTheNextOneGetsANewShell() throws Exception {
        Session session = sessions.create("exit");
        // Repeated: whether the status pipe's reader opened before the shell died is a race.
        for (int i = 0; i < 25; i++) {
            assertThat(run(session, "exit " + (3 + i % 5))).isEqualTo(3 + i % 5);
            assertThat(run(session, "echo again")).isZero();
        }
    }

    @Test
    void deletingASessionKillsWhatItRuns() throws Exception {
        Session session = sessions.create("kill");
        SessionCommand sleeper = session.execute("sleep 300", true);
        Thread.sleep(200);
        sessions.delete("kill");
        assertThat(sleeper.exit().get(10, TimeUnit.SECONDS)).isNotZero();
        assertThatThrownBy(() -> sessions.get("kill")).isInstanceOf(ServiceException.class);
    }

    @Test
    void rejectsDuplicateReservedAndMalformedIds() {
        sessions.create("one");
        assertThatThrownBy(() -> sessions.create("one")).hasMessageContaining("already exists");
        assertThatThrownBy(() -> sessions.create("entrypoint")).hasMessageContaining("reserved");
        assertThatThrownBy(() -> sessions.create("a/b")).hasMessageContaining("sessionId");
    }

    private static int run(Session session, String command) throws Exception {
        return session.execute(command, false).exit().get(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
    }
}
