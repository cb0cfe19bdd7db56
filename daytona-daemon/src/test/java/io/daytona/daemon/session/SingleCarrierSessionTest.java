package io.daytona.daemon.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sandbox limited to one CPU gives the daemon's JVM one carrier thread for virtual threads.
 * A command waiting for input must not stop other requests from being served.
 */
class SingleCarrierSessionTest {
    @TempDir
    Path root;
    @TempDir
    Path workDir;

    @Test
    void aCommandWaitingForInputDoesNotBlockOtherWork() throws Exception {
        try (SessionManager sessions = new SessionManager(root, workDir);
             var singleCarrier = Executors.newFixedThreadPool(1)) {
            Session session = sessions.create("blocking");
            // Everything a request does, done on one thread in turn: prepare a waiting command,
            // then run another command in another session.
            SessionCommand waiting = singleCarrier.submit(() -> session.execute("read line; echo got $line", true)).get(10, TimeUnit.SECONDS);
            Session other = sessions.create("other");
            var quick = singleCarrier.submit(() -> other.execute("echo quick", false).exit().get(10, TimeUnit.SECONDS));
            assertThat(quick.get(10, TimeUnit.SECONDS)).isZero();
            waiting.sendInput("x\n");
            assertThat(waiting.exit().get(10, TimeUnit.SECONDS)).isZero();
        }
    }
}
