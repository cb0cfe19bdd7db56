package io.daytona.controlplane.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daytona.controlplane.organization.Bootstrap;
import io.daytona.controlplane.persistence.Database;
import io.daytona.controlplane.persistence.TestDatabases;
import io.daytona.controlplane.sandbox.SandboxDefaults;
import io.daytona.controlplane.sandbox.SandboxSnapshots;
import io.daytona.http.ServiceException;
import io.daytona.model.json.Json;
import io.daytona.model.runner.NetworkPolicy;
import io.daytona.model.runner.SandboxSpec;
import io.daytona.model.sandbox.CreateBuildInfo;
import io.daytona.model.snapshot.SnapshotState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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

/** Builds for sandboxes: shared when identical, failures reported, cached images expired after a day unused. */
class SnapshotServiceTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path data;
    private Database database;
    private SnapshotService service;
    private String organizationId;
    private final EngineImages images = new EngineImages();

    /** Images as an engine keeps them, in memory: what a build makes exists afterwards. */
    static final class EngineImages implements ImageRuntime {
        final Set<String> present = ConcurrentHashMap.newKeySet();
        final List<String> built = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<String> removed = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public Optional<ImageInfo> inspect(String image) {
            return present.contains(image) ? Optional.of(new ImageInfo(1_000_000_000L, List.of())) : Optional.empty();
        }

        @Override
        public void pull(String image, Optional<RegistryCredentials> credentials, Consumer<String> log) {
            throw new IllegalStateException("no registry");
        }

        @Override
        public void build(String dockerfile, List<Path> contexts, String tag, Consumer<String> log) {
            log.accept("building " + tag);
            if (dockerfile.contains("exit 3")) {
                throw new IllegalStateException("RUN exit 3: exit status 3");
            }
            built.add(tag);
            present.add(tag);
        }

        @Override
        public void remove(String image) {
            removed.add(image);
            present.remove(image);
        }
    }

    @BeforeEach
    void start() throws Exception {
        database = Database.open(TestDatabases.fresh(data.resolve("db")));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Bootstrap.ensureAdmin(database.jdbi(), data, clock);
        organizationId = database.jdbi().withHandle(h -> h.createQuery("SELECT id FROM organization").mapTo(String.class).one());
        images.present.add("image:1");
        SandboxDefaults defaults = new SandboxDefaults("image:1", "us", "http://localhost:4000/toolbox", 4, 8, 10, "http",
                "localhost:4000", 43200);
        service = new SnapshotService(new SnapshotRepository(database.jdbi(), Json.newMapper()), images,
                (org, hash) -> Optional.empty(), new BuildLogs(data.resolve("logs")), defaults, clock);
    }

    @AfterEach
    void stop() {
        service.close();
        database.close();
    }

    @Test
    void identicalBuildsShareOneImageWhichExpiresADayAfterItsLastUse() throws Exception {
        String first = service.build(organizationId, new CreateBuildInfo("FROM image:1\nRUN echo a\n", List.of()));
        String second = service.build(organizationId, new CreateBuildInfo("FROM image:1\nRUN echo a\n", List.of()));
        assertThat(second).isEqualTo(first);
        SandboxSpec resolved = service.resolve(spec(first));
        assertThat(resolved.image()).startsWith("daytona-builds/build-").endsWith(":1");
        assertThat(images.built).containsExactly(resolved.image());
        assertThat(resolved.entrypoint()).containsExactly("sleep", "infinity");

        service.expireSandboxBuilds(NOW.plus(Duration.ofHours(23)));
        assertThat(images.removed).isEmpty();
        service.expireSandboxBuilds(NOW.plus(Duration.ofHours(25)));
        assertThat(images.removed).containsExactly(resolved.image());
        assertThat(service.sandboxBuild(organizationId, first)).isEmpty();
    }

    @Test
    void aFailedBuildFailsTheSandboxWithItsReasonAndIsRetriedByTheNextCreate() throws Exception {
        String name = service.build(organizationId, new CreateBuildInfo("FROM image:1\nRUN exit 3\n", List.of()));
        assertThatThrownBy(() -> service.resolve(spec(name)))
                .isInstanceOf(SandboxSnapshots.BuildFailedException.class).hasMessageContaining("exit status 3");
        assertThat(service.sandboxBuild(organizationId, name).orElseThrow().state()).isEqualTo(SnapshotState.BUILD_FAILED);
        assertThat(service.build(organizationId, new CreateBuildInfo("FROM image:1\nRUN exit 3\n", List.of()))).isEqualTo(name);
        assertThat(service.sandboxBuild(organizationId, name).orElseThrow().state()).isIn(SnapshotState.BUILDING, SnapshotState.BUILD_FAILED);
    }

    @Test
    void contextsMustHaveBeenUploaded() {
        assertThatThrownBy(() -> service.build(organizationId, new CreateBuildInfo("FROM image:1\n", List.of("abc"))))
                .isInstanceOf(ServiceException.class).hasMessageContaining("build context abc not found");
        assertThatThrownBy(() -> service.build(organizationId, new CreateBuildInfo("FROM image:1\n", List.of("../x"))))
                .isInstanceOf(ServiceException.class);
    }

    private SandboxSpec spec(String snapshot) {
        return new SandboxSpec("sandbox-1", organizationId, snapshot, "daytona", Map.of(), 1, 1, 3, new NetworkPolicy(false, List.of()));
    }
}
