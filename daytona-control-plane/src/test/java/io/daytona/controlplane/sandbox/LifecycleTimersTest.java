package io.daytona.controlplane.sandbox;

import io.daytona.controlplane.persistence.TestDatabases;
import static org.assertj.core.api.Assertions.assertThat;

import io.daytona.controlplane.organization.Bootstrap;
import io.daytona.controlplane.persistence.Database;
import io.daytona.model.json.Json;
import io.daytona.model.sandbox.SandboxDesiredState;
import io.daytona.model.sandbox.SandboxState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The auto-stop and auto-delete rules, alone and against a real embedded database with a clock the test moves. */
class LifecycleTimersTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @TempDir
    Path data;
    private Database database;
    private SandboxRepository repository;
    private TestClock clock;
    private LifecycleTimers timers;
    private String organization;

    @BeforeEach
    void open() throws Exception {
        database = Database.open(TestDatabases.fresh(data));
        clock = new TestClock(T0);
        Bootstrap.ensureAdmin(database.jdbi(), data, clock);
        organization = database.jdbi().withHandle(h -> h.createQuery("SELECT id FROM organization").mapTo(String.class).one());
        repository = new SandboxRepository(database.jdbi(), Json.newMapper());
        timers = new LifecycleTimers(repository, clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    // The rules alone.

    @Test
    void autoStopsAStartedSandboxIdleForItsIntervalAndNotBefore() {
        SandboxRecord idle = sandbox(SandboxState.STARTED, SandboxDesiredState.STARTED, 15, -1, T0);
        assertThat(LifecycleTimers.decide(idle, T0.plus(Duration.ofMinutes(15)).minusMillis(1))).isEmpty();
        LifecycleTimers.Decision decision = LifecycleTimers.decide(idle, T0.plus(Duration.ofMinutes(15))).orElseThrow();
        assertThat(decision.desired()).isEqualTo(SandboxDesiredState.STOPPED);
        assertThat(decision.idleSince()).isEqualTo(T0);
    }

    @Test
    void deletesAnIdleEphemeralSandboxInsteadOfStoppingIt() {
        SandboxRecord ephemeral = sandbox(SandboxState.STARTED, SandboxDesiredState.STARTED, 5, 0, T0);
        assertThat(LifecycleTimers.decide(ephemeral, T0.plus(Duration.ofMinutes(5))).orElseThrow().desired())
                .isEqualTo(SandboxDesiredState.DESTROYED);
    }

    @Test
    void autoStopZeroNeverStopsAndOnlySettledStartedSandboxesAreStopped() {
        Instant muchLater = T0.plus(Duration.ofDays(365));
        assertThat(LifecycleTimers.decide(sandbox(SandboxState.STARTED, SandboxDesiredState.STARTED, 0, -1, T0), muchLater)).isEmpty();
        assertThat(LifecycleTimers.decide(sandbox(SandboxState.STARTED, SandboxDesiredState.STOPPED, 1, -1, T0), muchLater)).isEmpty();
        assertThat(LifecycleTimers.decide(sandbox(SandboxState.STARTING, SandboxDesiredState.STARTED, 1, -1, T0), muchLater)).isEmpty();
        assertThat(LifecycleTimers.decide(sandbox(SandboxState.ERROR, SandboxDesiredState.STARTED, 1, -1, T0), muchLater)).isEmpty();
    }

    @Test
    void autoDeletesAStoppedSandboxAfterItsIntervalAndNeverWhenNegative() {
        SandboxRecord stopped = sandbox(SandboxState.STOPPED, SandboxDesiredState.STOPPED, 15, 60, T0);
        assertThat(LifecycleTimers.decide(stopped, T0.plus(Duration.ofMinutes(59)))).isEmpty();
        assertThat(LifecycleTimers.decide(stopped, T0.plus(Duration.ofMinutes(60))).orElseThrow().desired())
                .isEqualTo(SandboxDesiredState.DESTROYED);
        SandboxRecord kept = sandbox(SandboxState.STOPPED, SandboxDesiredState.STOPPED, 15, -1, T0);
        assertThat(LifecycleTimers.decide(kept, T0.plus(Duration.ofDays(365))).orElseThrow().desired())
                .as("never deleted, archived instead").isEqualTo(SandboxDesiredState.ARCHIVED);
        SandboxRecord starting = sandbox(SandboxState.STOPPED, SandboxDesiredState.STARTED, 15, 0, T0);
        assertThat(LifecycleTimers.decide(starting, T0.plus(Duration.ofDays(1)))).as("a start was asked").isEmpty();
    }

    @Test
    void autoDeleteZeroDeletesAsSoonAsTheSandboxIsStopped() {
        SandboxRecord justStopped = sandbox(SandboxState.STOPPED, SandboxDesiredState.STOPPED, 15, 0, T0);
        assertThat(LifecycleTimers.decide(justStopped, T0).orElseThrow().desired()).isEqualTo(SandboxDesiredState.DESTROYED);
    }

    @Test
    void autoArchivesAStoppedSandboxAfterItsIntervalUnlessItIsDeletedFirst() {
        SandboxRecord stopped = sandbox(SandboxState.STOPPED, SandboxDesiredState.STOPPED, 15, -1, T0);
        assertThat(stopped.autoArchiveInterval()).isEqualTo(60);
        assertThat(LifecycleTimers.decide(stopped, T0.plus(Duration.ofMinutes(59)))).isEmpty();
        assertThat(LifecycleTimers.decide(stopped, T0.plus(Duration.ofMinutes(60))).orElseThrow().desired())
                .isEqualTo(SandboxDesiredState.ARCHIVED);
        SandboxRecord deletedFirst = sandbox(SandboxState.STOPPED, SandboxDesiredState.STOPPED, 15, 60, T0);
        assertThat(LifecycleTimers.decide(deletedFirst, T0.plus(Duration.ofMinutes(60))).orElseThrow().desired())
                .isEqualTo(SandboxDesiredState.DESTROYED);
        SandboxRecord started = sandbox(SandboxState.STARTED, SandboxDesiredState.STARTED, 0, -1, T0);
        assertThat(LifecycleTimers.decide(started, T0.plus(Duration.ofDays(60)))).as("only stopped sandboxes are archived").isEmpty();
    }

    // Against the database.

    @Test
    void stopsAnIdleSandboxOnceTheClockPassesItsInterval() {
        SandboxRecord box = insert(SandboxState.STARTED, SandboxDesiredState.STARTED, 1, -1);
        clock.advance(Duration.ofSeconds(59));
        assertThat(timers.apply()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(timers.apply()).containsExactly(box.id());
        SandboxRecord after = repository.findById(box.id()).orElseThrow();
        assertThat(after.desiredState()).isEqualTo(SandboxDesiredState.STOPPED);
        assertThat(after.state()).as("the reconciler, not the timer, stops it").isEqualTo(SandboxState.STARTED);
        assertThat(timers.apply()).as("a decided sandbox is not decided again").isEmpty();
    }

    @Test
    void activityDefersAutoStop() {
        SandboxRecord box = insert(SandboxState.STARTED, SandboxDesiredState.STARTED, 1, -1);
        clock.advance(Duration.ofSeconds(50));
        repository.recordActivity(box.id(), clock.instant());
        clock.advance(Duration.ofSeconds(50));
        assertThat(timers.apply()).isEmpty();
        clock.advance(Duration.ofSeconds(10));
        assertThat(timers.apply()).containsExactly(box.id());
    }

    @Test
    void aSandboxUsedAfterTheTimerReadItIsLeftAlone() {
        SandboxRecord box = insert(SandboxState.STARTED, SandboxDesiredState.STARTED, 1, -1);
        clock.advance(Duration.ofMinutes(2));
        SandboxRecord seen = repository.findById(box.id()).orElseThrow();
        LifecycleTimers.Decision decision = LifecycleTimers.decide(seen, clock.instant()).orElseThrow();
        repository.recordActivity(box.id(), clock.instant());
        assertThat(repository.applyTimer(seen, decision.desired(), decision.idleSince(), clock.instant())).isFalse();
        assertThat(repository.findById(box.id()).orElseThrow().desiredState()).isEqualTo(SandboxDesiredState.STARTED);
    }

    @Test
    void anIntervalChangedAfterTheTimerReadItIsLeftAlone() {
        SandboxRecord box = insert(SandboxState.STARTED, SandboxDesiredState.STARTED, 1, -1);
        clock.advance(Duration.ofMinutes(2));
        SandboxRecord seen = repository.findById(box.id()).orElseThrow();
        LifecycleTimers.Decision decision = LifecycleTimers.decide(seen, clock.instant()).orElseThrow();
        repository.setInterval(box.id(), LifecycleInterval.AUTO_STOP, 0, clock.instant());
        assertThat(repository.applyTimer(seen, decision.desired(), decision.idleSince(), clock.instant())).isFalse();
    }

    @Test
    void deletesAnIdleEphemeralSandboxAndFreesItsName() {
        SandboxRecord box = insert(SandboxState.STARTED, SandboxDesiredState.STARTED, 1, 0);
        clock.advance(Duration.ofMinutes(1));
        assertThat(timers.apply()).containsExactly(box.id());
        assertThat(repository.findById(box.id()).orElseThrow().desiredState()).isEqualTo(SandboxDesiredState.DESTROYED);
        assertThat(repository.nameTaken(organization, box.name())).isFalse();
    }

    @Test
    void deletesAStoppedSandboxAfterItsAutoDeleteIntervalAndFreesItsName() {
        SandboxRecord box = insert(SandboxState.STOPPED, SandboxDesiredState.STOPPED, 15, 30);
        SandboxRecord kept = insert(SandboxState.STOPPED, SandboxDesiredState.STOPPED, 15, -1);
        clock.advance(Duration.ofMinutes(29));
        assertThat(timers.apply()).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(timers.apply()).containsExactly(box.id());
        assertThat(repository.findLive(organization, box.name())).isEmpty();
        assertThat(repository.nameTaken(organization, box.name())).isFalse();
        assertThat(repository.findById(kept.id()).orElseThrow().desiredState()).isEqualTo(SandboxDesiredState.STOPPED);
    }

    @Test
    void stoppingCountsAsActivitySoAutoDeleteCountsTheTimeStopped() {
        SandboxRecord box = insert(SandboxState.STARTED, SandboxDesiredState.STARTED, 0, 10);
        clock.advance(Duration.ofHours(5));
        repository.recordStopped(box.id(), clock.instant());
        repository.requestState(box.id(), SandboxState.STOPPED, SandboxDesiredState.STARTED, SandboxDesiredState.STOPPED, clock.instant());
        assertThat(timers.apply()).as("idle for hours while running, but stopped just now").isEmpty();
        clock.advance(Duration.ofMinutes(10));
        assertThat(timers.apply()).containsExactly(box.id());
    }

    private SandboxRecord insert(SandboxState state, SandboxDesiredState desired, int autoStop, int autoDelete) {
        SandboxRecord record = sandbox(state, desired, autoStop, autoDelete, clock.instant());
        repository.insert(record);
        return record;
    }

    private SandboxRecord sandbox(SandboxState state, SandboxDesiredState desired, int autoStop, int autoDelete, Instant lastActivity) {
        String id = UUID.randomUUID().toString();
        return new SandboxRecord(id, Optional.ofNullable(organization).orElse("org"), "box-" + id.substring(0, 8), "image:1", "daytona",
                Map.of(), Map.of(), false, false, null, "us", 1, 0, 1, 3, state, desired, null, false, autoStop, 60, autoDelete,
                null, null, "token", lastActivity, lastActivity, lastActivity, false);
    }
}
