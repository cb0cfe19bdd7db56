package io.daytona.controlplane.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.daytona.controlplane.auth.Caller;
import io.daytona.controlplane.auth.Permission;
import io.daytona.controlplane.organization.Bootstrap;
import io.daytona.controlplane.persistence.Database;
import io.daytona.controlplane.persistence.TestDatabases;
import io.daytona.model.json.Json;
import io.daytona.model.sandbox.CreateSandbox;
import io.daytona.model.sandbox.SandboxState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warm pool against a real embedded database and a fake runner. */
class WarmPoolTest {
    @TempDir
    Path data;
    private Database database;
    private Reconciler reconciler;
    private SandboxService service;
    private SandboxRepository repository;
    private final FakeRuntime runtime = new FakeRuntime();
    private Caller caller;

    @BeforeEach
    void start() throws Exception {
        database = Database.open(TestDatabases.fresh(data));
        Bootstrap.ensureAdmin(database.jdbi(), data, Clock.systemUTC());
        String organization = database.jdbi().withHandle(h -> h.createQuery("SELECT id FROM organization").mapTo(String.class).one());
        caller = new Caller("user", organization, Set.of(Permission.values()), "test");
        repository = new SandboxRepository(database.jdbi(), Json.newMapper());
        SandboxDefaults defaults = new SandboxDefaults("image:1", "us", "http://proxy/toolbox", 4, 8, 10, "http", "localhost:4000",
                SandboxDefaults.DEFAULT_MAX_AUTO_ARCHIVE);
        WarmPool pool = new WarmPool(repository, defaults, 2, Clock.systemUTC());
        reconciler = new Reconciler(repository, runtime, Clock.systemUTC(), Duration.ofMillis(50), pool);
        service = new SandboxService(repository, reconciler, runtime, defaults, new SandboxActivity(repository, Clock.systemUTC()),
                Clock.systemUTC(), pool);
        reconciler.start();
    }

    @AfterEach
    void stop() {
        reconciler.close();
        database.close();
    }

    @Test
    void aDefaultCreateClaimsAStartedPoolSandboxWithItsSettingsAndThePoolRefills() throws Exception {
        List<String> pooled = awaitPool(2);
        assertThat(service.list(caller)).as("pool sandboxes belong to nobody").isEmpty();

        SandboxRecord claimed = service.create(caller, CreateSandbox.builder().name("fast").env(Map.of("K", "v"))
                .labels(Map.of("team", "core")).cpu(2).build());
        assertThat(pooled).contains(claimed.id());
        assertThat(claimed.state()).isEqualTo(SandboxState.STARTED);
        assertThat(claimed.organizationId()).isEqualTo(caller.organizationId());
        assertThat(claimed.name()).isEqualTo("fast");
        assertThat(claimed.labels()).containsEntry("team", "core");
        assertThat(claimed.cpu()).isEqualTo(2);
        assertThat(claimed.autoStopInterval()).isEqualTo(SandboxDefaults.DEFAULT_AUTO_STOP);
        assertThat(runtime.claims).containsExactly(claimed.id() + " {K=v}");
        assertThat(runtime.resources).containsEntry(claimed.id(), "2/1");
        assertThat(service.get(caller, "fast").id()).isEqualTo(claimed.id());

        List<String> refilled = awaitPool(2);
        assertThat(refilled).doesNotContain(claimed.id());
    }

    @Test
    void aCreateThePoolCannotServeStartsItsOwnSandbox() throws Exception {
        List<String> pooled = awaitPool(2);
        SandboxRecord own = service.create(caller, CreateSandbox.builder().user("root").build());
        assertThat(pooled).doesNotContain(own.id());
        assertThat(own.state()).isEqualTo(SandboxState.STARTED);
        assertThat(runtime.claims).isEmpty();
    }

    private List<String> awaitPool(int size) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            List<String> started = database.jdbi().withHandle(h -> h.createQuery(
                    "SELECT id FROM sandbox WHERE organization_id IS NULL AND state = 'started'").mapTo(String.class).list());
            if (started.size() == size) {
                return started;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("the warm pool never had " + size + " started sandboxes");
    }
}
