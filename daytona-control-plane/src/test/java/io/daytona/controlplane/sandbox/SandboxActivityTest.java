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
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxActivityTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @TempDir
    Path data;
    private Database database;
    private SandboxRepository repository;
    private TestClock clock;
    private SandboxActivity activity;
    private String id;

    @BeforeEach
    void open() throws Exception {
        database = Database.open(TestDatabases.fresh(data));
        clock = new TestClock(T0);
        Bootstrap.ensureAdmin(database.jdbi(), data, clock);
        String organization = database.jdbi().withHandle(h -> h.createQuery("SELECT id FROM organization").mapTo(String.class).one());
        repository = new SandboxRepository(database.jdbi(), Json.newMapper());
        activity = new SandboxActivity(repository, clock);
        id = UUID.randomUUID().toString();
        repository.insert(new SandboxRecord(id, organization, "box", "image:1", "daytona", Map.of(), Map.of(), false, false, null, "us",
                1, 0, 1, 3, SandboxState.STARTED, SandboxDesiredState.STARTED, null, false, 15, 60, -1, null, null, "token", T0, T0, T0,
                false));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void trafficIsWrittenAtMostOncePerWindow() {
        clock.advance(Duration.ofSeconds(10));
        activity.recordTraffic(id);
        assertThat(lastActivity()).isEqualTo(T0.plusSeconds(10));

        clock.advance(Duration.ofSeconds(4));
        activity.recordTraffic(id);
        assertThat(lastActivity()).as("within the window: not written").isEqualTo(T0.plusSeconds(10));

        clock.advance(Duration.ofSeconds(1));
        activity.recordTraffic(id);
        assertThat(lastActivity()).as("the window has passed").isEqualTo(T0.plusSeconds(15));
    }

    @Test
    void anExplicitRefreshIsAlwaysWritten() {
        clock.advance(Duration.ofSeconds(10));
        activity.recordTraffic(id);
        clock.advance(Duration.ofSeconds(1));
        activity.refresh(id);
        assertThat(lastActivity()).isEqualTo(T0.plusSeconds(11));
    }

    @Test
    void lastActivityNeverMovesBack() {
        clock.advance(Duration.ofSeconds(10));
        activity.refresh(id);
        repository.recordActivity(id, T0.plusSeconds(5));
        assertThat(lastActivity()).isEqualTo(T0.plusSeconds(10));
    }

    private Instant lastActivity() {
        return repository.findById(id).orElseThrow().lastActivityAt();
    }
}
