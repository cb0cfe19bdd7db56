package io.daytona.e2e;

import static io.daytona.e2e.ArchiveResizeRecoverTest.CHECKSUMS;
import static io.daytona.e2e.ArchiveResizeRecoverTest.WRITE_FILES;
import static io.daytona.e2e.ArchiveResizeRecoverTest.await;
import static io.daytona.e2e.ArchiveResizeRecoverTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.daytona.model.sandbox.Sandbox;
import io.daytona.server.DaytonaServer;
import io.daytona.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole server is closed in the middle of create, stop, archive and restore (its runner calls
 * interrupted, as in a crash), and a new one on the same data directory converges: the sandbox
 * reaches the state asked for, with its files.
 */
class CrashConvergenceTest {
    @Test
    void aServerClosedMidTransitionIsFollowedByOneThatFinishesTheWorkWithFilesIntact() throws Exception {
        Path data = Files.createTempDirectory("daytona-crash");
        try {
            closeMidTransitions(data);
        } finally {
            // The last delete may still be under way when the server closes.
            LaunchedServer.removeContainersOf(data);
        }
    }

    private static void closeMidTransitions(Path data) throws Exception {
        String key;
        String id;
        String sums;
        List<String> caught = new ArrayList<>();

        try (DaytonaServer server = start(data)) {
            key = server.adminKey();
            Api api = api(server, key);
            java.util.concurrent.atomic.AtomicReference<Object> created = new java.util.concurrent.atomic.AtomicReference<>();
            Thread creator = Thread.ofVirtual().start(() -> {
                try {
                    created.set(api.post("/sandbox", Map.of("name", "crashy", "env", Map.of("K", "v"))));
                } catch (RuntimeException | Error e) {
                    created.set(e);
                }
            });
            try {
                caught.add(closeWhen(api, "crashy", "creating"));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; create answered " + created.get(), e);
            }
            // closing the server ends the create call too
            creator.join(java.time.Duration.ofSeconds(1).toMillis());
        }
        try (DaytonaServer server = start(data)) {
            Api api = api(server, key);
            id = await(api, "crashy", "started").id();
            Api toolbox = api.toolbox(platform(server, key), id);
            run(toolbox, WRITE_FILES);
            sums = run(toolbox, CHECKSUMS);
            assertThat(api.post("/sandbox/" + id + "/stop", null).status()).isEqualTo(200);
            caught.add(closeWhen(api, id, "stopping"));
        }
        try (DaytonaServer server = start(data)) {
            Api api = api(server, key);
            await(api, id, "stopped");
            assertThat(api.post("/sandbox/" + id + "/archive", null).status()).isEqualTo(200);
            caught.add(closeWhen(api, id, "archiving"));
        }
        try (DaytonaServer server = start(data)) {
            Api api = api(server, key);
            await(api, id, "archived");
            assertThat(ArchiveResizeRecoverTest.containerExists(id)).isFalse();
            assertThat(api.post("/sandbox/" + id + "/start", null).status()).isEqualTo(200);
            caught.add(closeWhen(api, id, "restoring"));
        }
        try (DaytonaServer server = start(data)) {
            Api api = api(server, key);
            Sandbox back = await(api, id, "started");
            assertThat(back.env()).containsEntry("K", "v");
            Api toolbox = api.toolbox(platform(server, key), id);
            assertThat(run(toolbox, CHECKSUMS)).isEqualTo(sums);
            assertThat(run(toolbox, "echo $K")).isEqualTo("v\n");
            assertThat(api.delete("/sandbox/" + id).status()).isEqualTo(200);
        }
        System.out.println("states the server was closed in: " + caught);
    }

    /** Polls until the sandbox shows {@code state} (or has moved past it); returns the state it was left in. */
    private static String closeWhen(Api api, String idOrName, String state) throws InterruptedException {
        String last = "absent";
        for (int i = 0; i < 12000; i++) {
            Api.Reply reply = api.get("/sandbox/" + idOrName);
            if (reply.status() == 200) {
                last = reply.as(Sandbox.class).state().wireValue();
                if (!last.equals(previousOf(state))) {
                    return last;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError(idOrName + " never left the state before " + state + "; last: " + last);
    }

    private static String previousOf(String state) {
        return switch (state) {
            case "stopping" -> "started";
            case "archiving" -> "stopped";
            case "restoring" -> "archived";
            default -> "absent";
        };
    }

    private static DaytonaServer start(Path data) throws Exception {
        return DaytonaServer.start(ServerConfig.defaults(data).withPorts(0, 0));
    }

    private static Platform platform(DaytonaServer server, String key) {
        return new Platform(server.apiUrl(), server.proxyUrl(), key);
    }

    private static Api api(DaytonaServer server, String key) {
        return Api.of(platform(server, key));
    }
}
