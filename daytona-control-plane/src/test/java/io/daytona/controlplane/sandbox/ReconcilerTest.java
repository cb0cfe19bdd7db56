package io.daytona.controlplane.sandbox;

import io.daytona.controlplane.persistence.TestDatabases;
import static org.assertj.core.api.Assertions.assertThat;

import io.daytona.controlplane.auth.Caller;
import io.daytona.controlplane.auth.Permission;
import io.daytona.controlplane.organization.Bootstrap;
import io.daytona.controlplane.persistence.Database;
import io.daytona.model.json.Json;
import io.daytona.model.sandbox.CreateSandbox;
import io.daytona.model.sandbox.SandboxState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reconciler against a real embedded database and a hand-written fake runner. */
class ReconcilerTest {
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
        reconciler = new Reconciler(repository, runtime, Clock.systemUTC(), Duration.ofMillis(50));
        service = new SandboxService(repository, reconciler, runtime,
                new SandboxDefaults("image:1", "us", "http://proxy/toolbox", 4, 8, 10, "http", "localhost:4000", SandboxDefaults.DEFAULT_MAX_AUTO_ARCHIVE),
                new SandboxActivity(repository, Clock.systemUTC()), Clock.systemUTC());
        reconciler.start();
    }

    @AfterEach
    void stop() {
        reconciler.close();
        database.close();
    }

    @Test
    void startsStopsAndDestroysThroughTheRunner() throws Exception {
        SandboxRecord created = service.create(caller, CreateSandbox.builder().name("box").build());
        assertThat(created.state()).isEqualTo(SandboxState.STARTED);
        assertThat(runtime.running).containsKey(created.id());

        service.stop(caller, "box");
        assertThat(reconciler.awaitSettled(created.id(), Duration.ofSeconds(5)).orElseThrow().state()).isEqualTo(SandboxState.STOPPED);
        assertThat(runtime.running.get(created.id())).isFalse();

        service.delete(caller, "box");
        assertThat(reconciler.awaitSettled(created.id(), Duration.ofSeconds(5)).orElseThrow().state()).isEqualTo(SandboxState.DESTROYED);
        assertThat(runtime.running).doesNotContainKey(created.id());
    }

    @Test
    void aRunnerFailureIsRecordedAsAnErrorWithItsReason() throws Exception {
        runtime.failStarts = true;
        SandboxRecord created = service.create(caller, CreateSandbox.builder().build());
        assertThat(created.state()).isEqualTo(SandboxState.ERROR);
        assertThat(created.errorReason()).isEqualTo("engine says no");
    }

    @Test
    void recordsASandboxThatStoppedByItselfAndRemovesUnknownContainers() throws Exception {
        SandboxRecord created = service.create(caller, CreateSandbox.builder().build());
        runtime.running.put(created.id(), false);
        runtime.running.put("orphan", true);
        // The orphan check follows the state change in the same pass: wait for both, not just the first.
        for (int i = 0; i < 300 && (repository.findById(created.id()).orElseThrow().state() != SandboxState.STOPPED
                || runtime.orphanChecks.isEmpty() || !runtime.orphanChecks.getLast().contains(created.id())); i++) {
            Thread.sleep(50);
        }
        SandboxRecord stopped = repository.findById(created.id()).orElseThrow();
        assertThat(stopped.state()).isEqualTo(SandboxState.STOPPED);
        assertThat(stopped.errorReason()).contains("stopped by itself");
        assertThat(runtime.orphanChecks).isNotEmpty();
        assertThat(runtime.orphanChecks.getLast()).contains(created.id()).doesNotContain("orphan");
    }

    @Test
    void aSteadyStreamOfWakeUpsDoesNotStarveTheTimers() throws Exception {
        SandboxRecord created = service.create(caller, CreateSandbox.builder().autoStopInterval(1).build());
        // Idle for two minutes, as if the clock had moved.
        database.jdbi().useHandle(h -> h.createUpdate("UPDATE sandbox SET last_activity_at = :at WHERE id = :id")
                .bind("at", java.time.Instant.now().minus(Duration.ofMinutes(2))).bind("id", created.id()).execute());
        Thread waker = Thread.ofVirtual().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                reconciler.wake("no-such-sandbox");
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        try {
            for (int i = 0; i < 100 && repository.findById(created.id()).orElseThrow().state() != SandboxState.STOPPED; i++) {
                Thread.sleep(50);
            }
        } finally {
            waker.interrupt();
        }
        assertThat(repository.findById(created.id()).orElseThrow().state()).isEqualTo(SandboxState.STOPPED);
    }
    /**
     * A server stopped half-way through a pause, a resume, a fork copy or a backup leaves these
     * rows; the next server's reconciler (a new one on the same database) finishes each.
     */
    @Test
    void aRestartMidPauseResumeForkOrBackupConverges() throws Exception {
        SandboxRecord pausing = service.create(caller, CreateSandbox.builder().name("pausing").build());
        SandboxRecord resuming = service.create(caller, CreateSandbox.builder().name("resuming").build());
        SandboxRecord source = service.create(caller, CreateSandbox.builder().name("source").build());
        SandboxRecord abandoned = service.create(caller, CreateSandbox.builder().name("abandoned").build());
        SandboxRecord backedUp = service.create(caller, CreateSandbox.builder().name("backed-up").build());
        reconciler.close();

        setState(pausing.id(), "pausing", "paused");
        setState(resuming.id(), "resuming", "started");
        runtime.paused.add(resuming.id());
        setState(source.id(), "forking", "started");
        String forkId = java.util.UUID.randomUUID().toString();
        // The fork's row as the API inserts it: waiting for its copy of the source's files.
        database.jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO sandbox (id, organization_id, name, live_name, snapshot, os_user, env, labels, is_public,
                            network_block_all, region, cpu, gpu, memory, disk, state, desired_state, recoverable, auto_stop_interval,
                            auto_archive_interval, auto_delete_interval, runner_id, auth_token, created_at, updated_at, last_activity_at,
                            parent_id, fork_pending)
                        VALUES (:id, :org, 'the-fork', 'the-fork', :snapshot, 'daytona', '{}', '{}', FALSE, FALSE, 'us', 1, 0, 1, 3,
                            'forking', 'started', FALSE, 15, 10080, -1, :runner, 'token', :now, :now, :now, :parent, TRUE)""")
                .bind("id", forkId).bind("org", caller.organizationId()).bind("snapshot", source.snapshot())
                .bind("runner", source.runnerId()).bind("now", java.time.Instant.now()).bind("parent", source.id()).execute());
        // A source left forking whose fork is gone, its container left frozen by the interrupted copy.
        setState(abandoned.id(), "forking", "started");
        runtime.paused.add(abandoned.id());
        database.jdbi().useHandle(h -> h.createUpdate("UPDATE sandbox SET backup_state = 'InProgress' WHERE id = :id")
                .bind("id", backedUp.id()).execute());

        reconciler = new Reconciler(repository, runtime, Clock.systemUTC(), Duration.ofMillis(50));
        reconciler.start();
        awaitState(pausing.id(), SandboxState.PAUSED);
        assertThat(runtime.paused).contains(pausing.id());
        awaitState(resuming.id(), SandboxState.STARTED);
        assertThat(runtime.paused).doesNotContain(resuming.id());
        awaitState(forkId, SandboxState.STARTED);
        assertThat(runtime.forks).containsEntry(forkId, source.id());
        assertThat(repository.findById(forkId).orElseThrow().forkPending()).isFalse();
        awaitState(source.id(), SandboxState.STARTED);
        awaitState(abandoned.id(), SandboxState.STARTED);
        assertThat(runtime.paused).as("the start resumed the frozen container").doesNotContain(abandoned.id());
        for (int i = 0; i < 200 && !repository.findById(backedUp.id()).orElseThrow().backupState().equals("Completed"); i++) {
            Thread.sleep(25);
        }
        assertThat(repository.findById(backedUp.id()).orElseThrow().backupState()).isEqualTo("Completed");
        assertThat(runtime.backups).containsEntry(backedUp.id(), 1);
    }

    private void setState(String id, String state, String desired) {
        database.jdbi().useHandle(h -> h.createUpdate("UPDATE sandbox SET state = :state, desired_state = :desired WHERE id = :id")
                .bind("state", state).bind("desired", desired).bind("id", id).execute());
    }

    private void awaitState(String id, SandboxState state) throws InterruptedException {
        for (int i = 0; i < 200 && repository.findById(id).orElseThrow().state() != state; i++) {
            Thread.sleep(25);
        }
        assertThat(repository.findById(id).orElseThrow().state()).as(id).isEqualTo(state);
    }
}
