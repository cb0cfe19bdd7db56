package io.daytona.controlplane.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.daytona.controlplane.auth.Caller;
import io.daytona.controlplane.auth.Permission;
import io.daytona.controlplane.organization.Bootstrap;
import io.daytona.controlplane.persistence.Database;
import io.daytona.controlplane.persistence.TestDatabases;
import io.daytona.controlplane.sandbox.SandboxDefaults;
import io.daytona.controlplane.snapshot.BuildLogs;
import io.daytona.controlplane.snapshot.ImageRuntime;
import io.daytona.controlplane.snapshot.SnapshotRecord;
import io.daytona.controlplane.snapshot.SnapshotRepository;
import io.daytona.controlplane.snapshot.SnapshotService;
import io.daytona.model.json.Json;
import io.daytona.model.registry.CreateDockerRegistry;
import io.daytona.model.snapshot.CreateSnapshot;
import io.daytona.model.snapshot.SnapshotState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot's pull logs in with the registry of its image's host; passwords are sealed at rest. */
class RegistryPullTest {
    @TempDir
    Path data;
    private Database database;
    private SnapshotService snapshots;
    private RegistryService registries;
    private Caller caller;
    private final Pulls pulls = new Pulls();

    /** An engine that reaches only {@code reachable} and records the login each pull came with. */
    static final class Pulls implements ImageRuntime {
        final Map<String, Optional<RegistryCredentials>> logins = new ConcurrentHashMap<>();
        final Set<String> present = ConcurrentHashMap.newKeySet();

        @Override
        public Optional<ImageInfo> inspect(String image) {
            return present.contains(image) ? Optional.of(new ImageInfo(1, List.of("sleep", "infinity"))) : Optional.empty();
        }

        @Override
        public void pull(String image, Optional<RegistryCredentials> credentials, Consumer<String> log) {
            logins.put(image, credentials);
            if (!image.startsWith("reachable.test/")) {
                throw new IllegalStateException("dial tcp: lookup " + image.substring(0, image.indexOf('/')) + ": no such host");
            }
            present.add(image);
        }

        @Override
        public void build(String dockerfile, List<Path> contexts, String tag, Consumer<String> log) {}

        @Override
        public void remove(String image) {}
    }

    @BeforeEach
    void start() throws Exception {
        database = Database.open(TestDatabases.fresh(data.resolve("db")));
        Clock clock = Clock.systemUTC();
        Bootstrap.ensureAdmin(database.jdbi(), data, clock);
        String organizationId = database.jdbi().withHandle(h -> h.createQuery("SELECT id FROM organization").mapTo(String.class).one());
        caller = new Caller("user", organizationId, Set.of(Permission.values()), "test");
        pulls.present.add("image:1");
        registries = new RegistryService(new RegistryRepository(database.jdbi()), SecretCipher.inDirectory(data), clock);
        SandboxDefaults defaults = new SandboxDefaults("image:1", "us", "http://localhost:4000/toolbox", 4, 8, 10, "http",
                "localhost:4000", 43200);
        snapshots = new SnapshotService(new SnapshotRepository(database.jdbi(), Json.newMapper()), pulls,
                (org, hash) -> Optional.empty(), new BuildLogs(data.resolve("logs")), defaults, clock, registries);
    }

    @AfterEach
    void stop() {
        snapshots.close();
        database.close();
    }

    @Test
    void thePullOfAnImageLogsInWithTheRegistryOfItsHost() {
        registries.create(caller, new CreateDockerRegistry("mine", "https://Reachable.test/team", "robot", "s3cret-pass", null));
        registries.create(caller, new CreateDockerRegistry("other", "elsewhere.test:5000", "nobody", "other-pass", null));

        SnapshotRecord active = settle(snapshots.create(caller, CreateSnapshot.ofImage("app", "reachable.test/team/app:1")));

        assertThat(active.state()).isEqualTo(SnapshotState.ACTIVE);
        assertThat(pulls.logins.get("reachable.test/team/app:1"))
                .contains(new ImageRuntime.RegistryCredentials("reachable.test", "robot", "s3cret-pass"));
    }

    @Test
    void anImageOfAHostWithoutRegistryIsPulledAnonymouslyUnlessTheDefaultRegistryServesIt() {
        settle(snapshots.create(caller, CreateSnapshot.ofImage("anon", "reachable.test/app:1")));
        assertThat(pulls.logins.get("reachable.test/app:1")).isEmpty();

        RegistryRecord kept = registries.create(caller, new CreateDockerRegistry("shared", "reachable.test", "mirror", "mirror-pass", null));
        registries.setDefault(kept.id());
        String otherOrganization = database.jdbi().withHandle(h -> {
            h.execute("INSERT INTO organization (id, name, personal, created_by, created_at, updated_at) "
                    + "SELECT 'org-2', 'other', FALSE, id, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM app_user");
            return "org-2";
        });
        assertThat(registries.forImage(otherOrganization, "elsewhere.test/app:2")).isEmpty();
        assertThat(registries.forImage(otherOrganization, "reachable.test/app:2"))
                .contains(new ImageRuntime.RegistryCredentials("reachable.test", "mirror", "mirror-pass"));
        assertThat(registries.forImage(otherOrganization, "ubuntu:22.04")).isEmpty();
    }

    @Test
    void anImageOfARemoteRegistryIsPulledAgainWithTheOrganizationsLoginEvenWhenTheRunnerHasIt() {
        pulls.present.add("reachable.test/team/private:1");
        registries.create(caller, new CreateDockerRegistry("mine", "reachable.test", "robot", "s3cret-pass", null));

        SnapshotRecord active = settle(snapshots.create(caller, CreateSnapshot.ofImage("private", "reachable.test/team/private:1")));

        assertThat(active.state()).isEqualTo(SnapshotState.ACTIVE);
        assertThat(pulls.logins.get("reachable.test/team/private:1"))
                .as("the registry must see this organization's login, not the runner's cache answer for it")
                .contains(new ImageRuntime.RegistryCredentials("reachable.test", "robot", "s3cret-pass"));
    }

    @Test
    void anImageWithoutARegistryHostThatTheRunnerHasIsUsedWithoutAPull() {
        SnapshotRecord active = settle(snapshots.create(caller, CreateSnapshot.ofImage("local", "image:1")));

        assertThat(active.state()).isEqualTo(SnapshotState.ACTIVE);
        assertThat(pulls.logins).doesNotContainKey("image:1");
        assertThat(RegistryHosts.namesRemoteRegistry("localhost/app:1")).isFalse();
        assertThat(RegistryHosts.namesRemoteRegistry("localhost:5000/app:1")).isFalse();
        assertThat(RegistryHosts.namesRemoteRegistry("team/app:1")).isFalse();
        assertThat(RegistryHosts.namesRemoteRegistry("127.0.0.1:5000/team/app:1")).isTrue();
        assertThat(RegistryHosts.namesRemoteRegistry("ghcr.io/team/app:1")).isTrue();
    }

    @Test
    void aPullFromAnUnreachableRegistryEndsTheSnapshotInErrorWithTheReason() {
        registries.create(caller, new CreateDockerRegistry("down", "down.test:5000", "robot", "pw", null));

        SnapshotRecord failed = settle(snapshots.create(caller, CreateSnapshot.ofImage("app", "down.test:5000/app:1")));

        assertThat(failed.state()).isEqualTo(SnapshotState.ERROR);
        assertThat(failed.errorReason()).contains("Could not pull down.test:5000/app:1", "reachable", "no such host");
        assertThat(pulls.logins.get("down.test:5000/app:1").orElseThrow().username()).isEqualTo("robot");
    }

    @Test
    void passwordsAreSealedAtRestUnderAKeyOnlyTheOwnerCanRead() throws Exception {
        registries.create(caller, new CreateDockerRegistry("mine", "reachable.test", "robot", "plain-password-71c", null));

        String stored = database.jdbi().withHandle(h -> h.createQuery("SELECT password_encrypted FROM docker_registry")
                .mapTo(String.class).one());
        assertThat(stored).doesNotContain("plain-password-71c");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(SecretCipher.KEY_FILE))))
                .isEqualTo("rw-------");
        assertThat(SecretCipher.inDirectory(data).decrypt(stored)).isEqualTo("plain-password-71c");
        // A second encryption of the same text differs (fresh nonce), so equal passwords are not visible as such.
        assertThat(SecretCipher.inDirectory(data).encrypt("x")).isNotEqualTo(SecretCipher.inDirectory(data).encrypt("x"));
    }

    private SnapshotRecord settle(SnapshotRecord created) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        SnapshotRecord current = snapshots.get(caller, created.id());
        while (!current.state().isTerminal() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            current = snapshots.get(caller, created.id());
        }
        return current;
    }
}
