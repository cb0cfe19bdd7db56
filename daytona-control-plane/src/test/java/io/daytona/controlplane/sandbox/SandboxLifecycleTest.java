package io.daytona.controlplane.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daytona.controlplane.auth.Caller;
import io.daytona.controlplane.auth.Permission;
import io.daytona.controlplane.organization.Bootstrap;
import io.daytona.controlplane.persistence.Database;
import io.daytona.controlplane.persistence.TestDatabases;
import io.daytona.http.ErrorCode;
import io.daytona.http.ServiceException;
import io.daytona.model.json.Json;
import io.daytona.model.sandbox.CreateSandbox;
import io.daytona.model.sandbox.ResizeSandbox;
import io.daytona.model.sandbox.SandboxDesiredState;
import io.daytona.model.sandbox.SandboxState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Predicate;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archive, restore, resize and recover through the service and the reconciler, with a fake runner. */
class SandboxLifecycleTest {
    @TempDir
    Path data;
    private Database database;
    private Reconciler reconciler;
    private SandboxService service;
    private SandboxRepository repository;
    private final FakeRuntime runtime = new FakeRuntime();
    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T12:00:00Z"));
    private Caller caller;

    @BeforeEach
    void start() throws Exception {
        database = Database.open(TestDatabases.fresh(data));
        Bootstrap.ensureAdmin(database.jdbi(), data, clock);
        String organization = database.jdbi().withHandle(h -> h.createQuery("SELECT id FROM organization").mapTo(String.class).one());
        caller = new Caller("user", organization, Set.of(Permission.values()), "test");
        repository = new SandboxRepository(database.jdbi(), Json.newMapper());
        reconciler = new Reconciler(repository, runtime, clock, Duration.ofMillis(50));
        service = new SandboxService(repository, reconciler, runtime,
                new SandboxDefaults("image:1", "us", "http://proxy/toolbox", 4, 8, 10, "http", "localhost:4000", SandboxDefaults.DEFAULT_MAX_AUTO_ARCHIVE),
                new SandboxActivity(repository, clock), clock);
        reconciler.start();
    }

    @AfterEach
    void stop() {
        reconciler.close();
        database.close();
    }

    @Test
    void archivesOnlyAStoppedSandboxAndStartRestoresIt() throws Exception {
        SandboxRecord box = service.create(caller, CreateSandbox.builder().name("box").build());
        assertConflict(() -> service.archive(caller, "box"), "only a stopped sandbox can be archived");

        service.stop(caller, "box");
        await(box.id(), s -> s.state() == SandboxState.STOPPED);
        SandboxRecord archiving = service.archive(caller, "box");
        assertThat(SandboxViews.shownState(archiving)).isIn(SandboxState.ARCHIVING, SandboxState.ARCHIVED);
        SandboxRecord archived = await(box.id(), s -> s.state() == SandboxState.ARCHIVED);
        assertThat(archived.runnerId()).isNull();
        assertThat(archived.backupState()).isEqualTo("Completed");
        assertThat(archived.backupCreatedAt()).isNotNull();
        assertThat(runtime.archived).contains(box.id());
        assertThat(service.archive(caller, "box").state()).as("archiving again changes nothing").isEqualTo(SandboxState.ARCHIVED);
        assertConflict(() -> service.stop(caller, "box"), "state change in progress");

        service.start(caller, "box");
        SandboxRecord restored = await(box.id(), s -> s.state() == SandboxState.STARTED);
        assertThat(restored.runnerId()).isEqualTo("fake");
        assertThat(runtime.archived).doesNotContain(box.id());
    }

    @Test
    void aSecondCallDuringATransitionIsAConflict() throws Exception {
        SandboxRecord box = service.create(caller, CreateSandbox.builder().build());
        repository.requestStop(box.id(), SandboxState.STARTED, SandboxDesiredState.STARTED, false, clock.instant());
        // Held in "stopping" for the calls below: the row says started, wants stopped.
        SandboxRecord stopping = repository.findById(box.id()).orElseThrow();
        assertThat(SandboxViews.shownState(stopping)).isIn(SandboxState.STOPPING, SandboxState.STOPPED);
        await(box.id(), s -> s.state() == SandboxState.STOPPED);
        runtime.archiveGate = new java.util.concurrent.CountDownLatch(1);
        service.archive(caller, box.id());
        await(box.id(), s -> s.state() == SandboxState.ARCHIVING);
        assertConflict(() -> service.start(caller, box.id()), "state change in progress");
        assertConflict(() -> service.archive(caller, box.id()), "only a stopped sandbox");
        assertConflict(() -> service.stop(caller, box.id()), "state change in progress");
        assertConflict(() -> service.resize(caller, box.id(), new ResizeSandbox(2, null, null)), "resize a started or stopped sandbox");
        runtime.archiveGate.countDown();
        await(box.id(), s -> s.state() == SandboxState.ARCHIVED);
    }

    @Test
    void anAutoArchiveTimerArchivesAStoppedSandboxIdleForItsInterval() throws Exception {
        SandboxRecord box = service.create(caller, CreateSandbox.builder().autoArchiveInterval(60).build());
        service.stop(caller, box.id());
        await(box.id(), s -> s.state() == SandboxState.STOPPED);
        clock.advance(Duration.ofMinutes(59));
        Thread.sleep(300);
        assertThat(repository.findById(box.id()).orElseThrow().state()).isEqualTo(SandboxState.STOPPED);
        clock.advance(Duration.ofMinutes(2));
        await(box.id(), s -> s.state() == SandboxState.ARCHIVED);
    }

    @Test
    void resizesCpuAndMemoryLiveAndDiskOnlyWhenStoppedAndUpwards() throws Exception {
        SandboxRecord box = service.create(caller, CreateSandbox.builder().build());
        SandboxRecord resizing = service.resize(caller, box.id(), new ResizeSandbox(2, 3, null));
        assertThat(resizing.state()).isIn(SandboxState.RESIZING, SandboxState.STARTED);
        SandboxRecord resized = await(box.id(), s -> s.state() == SandboxState.STARTED && s.cpu() == 2);
        assertThat(resized.memory()).isEqualTo(3);
        assertThat(runtime.resources).containsEntry(box.id(), "2/3");

        assertBadRequest(() -> service.resize(caller, box.id(), new ResizeSandbox(null, null, 5)), "only change while the sandbox is stopped");
        assertBadRequest(() -> service.resize(caller, box.id(), new ResizeSandbox(1, null, null)), "can only grow");
        assertBadRequest(() -> service.resize(caller, box.id(), new ResizeSandbox(0, null, null)), "cpu must be from 1 to 4");
        assertBadRequest(() -> service.resize(caller, box.id(), new ResizeSandbox(null, 9, null)), "memory must be from 1 to 8");
        assertBadRequest(() -> service.resize(caller, box.id(), new ResizeSandbox(null, null, null)), "at least one of");

        service.stop(caller, box.id());
        await(box.id(), s -> s.state() == SandboxState.STOPPED);
        assertBadRequest(() -> service.resize(caller, box.id(), new ResizeSandbox(null, null, 2)), "disk can only grow");
        service.resize(caller, box.id(), new ResizeSandbox(null, null, 6));
        SandboxRecord grown = await(box.id(), s -> s.state() == SandboxState.STOPPED && s.disk() == 6);
        assertThat(grown.cpu()).isEqualTo(2);
    }

    @Test
    void recoversOnlyARecoverableErrorBackToItsLastStableState() throws Exception {
        SandboxRecord box = service.create(caller, CreateSandbox.builder().build());
        assertConflict(() -> service.recover(caller, box.id(), false), "not in a recoverable error state");
        service.stop(caller, box.id());
        await(box.id(), s -> s.state() == SandboxState.STOPPED);

        runtime.failArchives = true;
        service.archive(caller, box.id());
        SandboxRecord failed = await(box.id(), s -> s.state() == SandboxState.ERROR);
        assertThat(failed.recoverable()).isTrue();
        assertThat(failed.errorReason()).isEqualTo("archive store full");
        assertBadRequest(() -> service.start(caller, box.id()), "recover it with POST");

        runtime.failArchives = false;
        service.recover(caller, box.id(), true);
        SandboxRecord back = await(box.id(), s -> s.state() == SandboxState.STOPPED);
        assertThat(back.errorReason()).isNull();
        assertThat(back.recoverable()).isFalse();

        // An unrecoverable error: the archive is gone.
        service.archive(caller, box.id());
        await(box.id(), s -> s.state() == SandboxState.ARCHIVED);
        runtime.archived.clear();
        service.start(caller, box.id());
        SandboxRecord lost = await(box.id(), s -> s.state() == SandboxState.ERROR);
        assertThat(lost.recoverable()).isFalse();
        assertConflict(() -> service.recover(caller, box.id(), false), "cannot be recovered");

        // A system administrator who brought the archive back recovers it anyway.
        runtime.archived.add(box.id());
        service.adminRecover(box.id());
        SandboxRecord recovered = await(box.id(), s -> s.state() == SandboxState.STARTED);
        assertThat(recovered.errorReason()).isNull();
        assertConflict(() -> service.adminRecover(box.id()), "not in a recoverable error state");
    }

    @Test
    void aVanishedContainerIsARecoverableErrorAndRecoverCreatesItAgain() throws Exception {
        SandboxRecord box = service.create(caller, CreateSandbox.builder().build());
        runtime.running.remove(box.id());
        // The runner is observed every ten seconds of the clock; a scan already under way when the
        // container vanished may have moved the next observation on, so the clock moves until one sees it.
        SandboxRecord vanished = null;
        for (int i = 0; i < 5 && vanished == null; i++) {
            clock.advance(Duration.ofSeconds(11));
            vanished = awaitOrNull(box.id(), s -> s.state() == SandboxState.ERROR, 80);
        }
        assertThat(vanished).as("the vanished container is noticed").isNotNull();
        assertThat(vanished.recoverable()).isTrue();
        assertThat(vanished.errorReason()).contains("removed outside the platform");

        service.recover(caller, box.id(), false);
        await(box.id(), s -> s.state() == SandboxState.STARTED);
        assertThat(runtime.running).containsEntry(box.id(), true);
    }

    private SandboxRecord awaitOrNull(String id, Predicate<SandboxRecord> reached, int polls) throws InterruptedException {
        for (int i = 0; i < polls; i++) {
            SandboxRecord current = repository.findById(id).orElseThrow();
            if (reached.test(current)) {
                return current;
            }
            Thread.sleep(25);
        }
        return null;
    }

    private SandboxRecord await(String id, Predicate<SandboxRecord> reached) throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            SandboxRecord current = repository.findById(id).orElseThrow();
            if (reached.test(current)) {
                return current;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("never reached the expected state: " + repository.findById(id).orElseThrow());
    }

    private static void assertConflict(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                .hasMessageContaining(message);
    }

    private static void assertBadRequest(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST))
                .hasMessageContaining(message);
    }
}
