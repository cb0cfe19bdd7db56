package io.daytona.controlplane.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.daytona.controlplane.auth.Caller;
import io.daytona.controlplane.auth.Permission;
import io.daytona.controlplane.organization.Bootstrap;
import io.daytona.controlplane.persistence.Database;
import io.daytona.controlplane.persistence.TestDatabases;
import io.daytona.controlplane.sandbox.FakeRuntime;
import io.daytona.controlplane.sandbox.Reconciler;
import io.daytona.controlplane.sandbox.SandboxActivity;
import io.daytona.controlplane.sandbox.SandboxDefaults;
import io.daytona.controlplane.sandbox.SandboxRecord;
import io.daytona.controlplane.sandbox.SandboxRepository;
import io.daytona.controlplane.sandbox.SandboxService;
import io.daytona.controlplane.sandbox.TestClock;
import io.daytona.model.json.Json;
import io.daytona.model.sandbox.CreateSandbox;
import io.daytona.model.ssh.SshAccess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SSH access tokens against the real schema, with a clock the test moves: a token opens its
 * sandbox until {@code expiresAt} and not a moment after, and revoking one or all ends them.
 * The gateway asks {@link SshAccessService#sandboxFor} on every connection (SshGatewayTest).
 */
class SshAccessServiceTest {
    @TempDir
    Path data;
    private Database database;
    private Reconciler reconciler;
    private SshAccessService access;
    private SandboxService sandboxes;
    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T12:00:00Z"));
    private Caller caller;

    @BeforeEach
    void start() throws Exception {
        database = Database.open(TestDatabases.fresh(data));
        Bootstrap.ensureAdmin(database.jdbi(), data, clock);
        String organization = database.jdbi().withHandle(h -> h.createQuery("SELECT id FROM organization").mapTo(String.class).one());
        caller = new Caller("user", organization, Set.of(Permission.values()), "test");
        SandboxRepository repository = new SandboxRepository(database.jdbi(), Json.newMapper());
        FakeRuntime runtime = new FakeRuntime();
        reconciler = new Reconciler(repository, runtime, clock, Duration.ofMillis(50));
        sandboxes = new SandboxService(repository, reconciler, runtime,
                new SandboxDefaults("image:1", "us", "http://proxy/toolbox", 4, 8, 10, "http", "localhost:4000", SandboxDefaults.DEFAULT_MAX_AUTO_ARCHIVE),
                new SandboxActivity(repository, clock), clock);
        access = new SshAccessService(new SshAccessRepository(database.jdbi()), sandboxes, repository, "ssh {{TOKEN}}@host", clock);
        reconciler.start();
    }

    @AfterEach
    void stop() {
        reconciler.close();
        database.close();
    }

    @Test
    void aTokenOpensItsSandboxUntilItExpiresAndNotAfter() throws Exception {
        SandboxRecord sandbox = sandboxes.create(caller, CreateSandbox.builder().name("box").build());
        SshAccess token = access.create(caller, "box", 1);
        assertThat(token.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
        assertThat(access.sandboxFor(token.token())).contains(sandbox.id());

        clock.advance(Duration.ofSeconds(59));
        assertThat(access.sandboxFor(token.token())).contains(sandbox.id());
        assertThat(access.validate(caller, token.token()).valid()).isTrue();

        clock.advance(Duration.ofSeconds(1));
        assertThat(access.sandboxFor(token.token())).as("at its expiry").isEmpty();
        assertThat(access.validate(caller, token.token()).valid()).isFalse();
    }

    @Test
    void revokingOneTokenLeavesTheOthersAndRevokingAllEndsEvery() throws Exception {
        SandboxRecord sandbox = sandboxes.create(caller, CreateSandbox.builder().name("box").build());
        String first = access.create(caller, "box", 60).token();
        String second = access.create(caller, "box", 60).token();
        String third = access.create(caller, "box", 60).token();

        access.revoke(caller, "box", Optional.of(first));
        assertThat(access.sandboxFor(first)).isEmpty();
        assertThat(access.sandboxFor(second)).contains(sandbox.id());

        access.revoke(caller, "box", Optional.empty());
        assertThat(access.sandboxFor(second)).isEmpty();
        assertThat(access.sandboxFor(third)).isEmpty();
        assertThat(access.sandboxFor("")).isEmpty();
    }
}
