package io.daytona.controlplane;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.controlplane.audit.AuditLog;
import io.daytona.controlplane.audit.AuditResource;
import io.daytona.controlplane.auth.ApiKeyRepository;
import io.daytona.controlplane.auth.ApiKeyResource;
import io.daytona.controlplane.auth.Authenticator;
import io.daytona.controlplane.config.ConfigResource;
import io.daytona.controlplane.health.HealthResource;
import io.daytona.controlplane.organization.Bootstrap;
import io.daytona.controlplane.organization.OrganizationQuotas;
import io.daytona.controlplane.organization.OrganizationRepository;
import io.daytona.controlplane.organization.OrganizationResource;
import io.daytona.controlplane.organization.OrganizationService;
import io.daytona.controlplane.ratelimit.RateLimiter;
import io.daytona.controlplane.region.RegionRepository;
import io.daytona.controlplane.region.RegionResource;
import io.daytona.controlplane.region.Regions;
import io.daytona.controlplane.runner.FleetImages;
import io.daytona.controlplane.runner.RunnerClient;
import io.daytona.controlplane.runner.RunnerFleet;
import io.daytona.controlplane.runner.RunnerRepository;
import io.daytona.controlplane.runner.RunnerResource;
import io.daytona.controlplane.runner.Runners;
import io.daytona.controlplane.sandbox.SandboxRegions;
import io.daytona.controlplane.registry.RegistryRepository;
import io.daytona.controlplane.registry.RegistryResource;
import io.daytona.controlplane.registry.RegistryService;
import io.daytona.controlplane.registry.SecretCipher;
import io.daytona.controlplane.persistence.Database;
import io.daytona.controlplane.preview.PreviewAccess;
import io.daytona.controlplane.preview.SignedPreviewRepository;
import io.daytona.controlplane.preview.SignedPreviewResource;
import io.daytona.controlplane.preview.SignedPreviews;
import io.daytona.controlplane.ssh.SshAccessRepository;
import io.daytona.controlplane.ssh.SshAccessResource;
import io.daytona.controlplane.ssh.SshAccessService;
import io.daytona.controlplane.sandbox.Reconciler;
import io.daytona.controlplane.sandbox.SandboxAccess;
import io.daytona.controlplane.sandbox.SandboxActivity;
import io.daytona.controlplane.sandbox.SandboxRepository;
import io.daytona.controlplane.sandbox.SandboxResource;
import io.daytona.controlplane.sandbox.SandboxRuntime;
import io.daytona.controlplane.sandbox.SandboxService;
import io.daytona.controlplane.sandbox.WarmPool;
import io.daytona.controlplane.snapshot.BuildLogs;
import io.daytona.controlplane.snapshot.ImageRuntime;
import io.daytona.controlplane.snapshot.SnapshotRepository;
import io.daytona.controlplane.snapshot.SnapshotNamePaths;
import io.daytona.controlplane.snapshot.SnapshotResource;
import io.daytona.controlplane.snapshot.SnapshotService;
import io.daytona.controlplane.storage.ObjectStore;
import io.daytona.controlplane.storage.PushAccess;
import io.daytona.controlplane.storage.S3Endpoint;
import io.daytona.controlplane.storage.StorageResource;
import io.daytona.controlplane.volume.LocalVolumeStore;
import org.eclipse.jetty.server.Handler;
import io.daytona.controlplane.volume.VolumeRepository;
import io.daytona.controlplane.volume.VolumeResource;
import io.daytona.controlplane.volume.VolumeService;
import io.daytona.http.HttpServer;
import io.daytona.http.Router;
import io.daytona.model.json.Json;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Optional;

/** The control plane, started: database, reconciler and the {@code /api} server. */
public final class ControlPlane implements AutoCloseable {
    /** The bucket of the embedded object store, where clients upload build contexts. */
    public static final String OBJECT_STORAGE_BUCKET = "daytona-builds";

    private final Database database;
    private final Reconciler reconciler;
    private final HttpServer server;
    private final SandboxAccess sandboxAccess;
    private final SandboxActivity sandboxActivity;
    private final Optional<String> newAdminKey;
    private final SnapshotService snapshots;
    private final PreviewAccess previewAccess;
    private final SshAccessService sshAccess;
    private final Router router;
    private final RunnerFleet fleet;

    private ControlPlane(Database database, Reconciler reconciler, HttpServer server, SandboxAccess sandboxAccess,
                         SandboxActivity sandboxActivity, Optional<String> newAdminKey, SnapshotService snapshots,
                         PreviewAccess previewAccess, SshAccessService sshAccess, Router router, RunnerFleet fleet) {
        this.fleet = fleet;
        this.snapshots = snapshots;
        this.previewAccess = previewAccess;
        this.sshAccess = sshAccess;
        this.router = router;
        this.database = database;
        this.reconciler = reconciler;
        this.server = server;
        this.sandboxAccess = sandboxAccess;
        this.sandboxActivity = sandboxActivity;
        this.newAdminKey = newAdminKey;
    }

    public static ControlPlane start(ControlPlaneConfig config, SandboxRuntime runtime) throws Exception {
        return start(config, runtime, Clock.systemUTC());
    }

    /** Starts with the given clock, which decides key expiry and the lifecycle timers; tests move it. */
    public static ControlPlane start(ControlPlaneConfig config, SandboxRuntime runtime, Clock clock) throws Exception {
        return start(config, runtime, ImageRuntime.inspectOnly(runtime::hasImage), clock);
    }

    /** Starts with an embedded runner that can also pull and build images for snapshots; runner processes are called over HTTP. */
    public static ControlPlane start(ControlPlaneConfig config, SandboxRuntime runtime, ImageRuntime images, Clock clock) throws Exception {
        return start(config, Optional.of(requireNonNull(runtime, "runtime is null")), Optional.of(images), RunnerClient::new, clock);
    }

    /**
     * Starts the control plane.
     *
     * @param embedded the runner in this process, if any (registered in the default region)
     * @param images where snapshots' images are inspected, pulled and built; when empty, on the
     *     runner processes (without builds)
     * @param remotes makes the runtime of a runner process from its address and credential
     */
    public static ControlPlane start(ControlPlaneConfig config, Optional<SandboxRuntime> embedded, Optional<ImageRuntime> givenImages,
                                     java.util.function.Function<RunnerFleet.RemoteRunner, SandboxRuntime> remotes, Clock clock)
            throws Exception {
        requireNonNull(config, "config is null");
        requireNonNull(embedded, "embedded is null");
        requireNonNull(givenImages, "givenImages is null");
        requireNonNull(remotes, "remotes is null");
        // Snapshots are set up before the fleet exists; the runners' images are asked for once it does.
        java.util.concurrent.atomic.AtomicReference<RunnerFleet> madeFleet = new java.util.concurrent.atomic.AtomicReference<>();
        ImageRuntime images = givenImages.orElseGet(() -> new FleetImages(() -> Optional.ofNullable(madeFleet.get())));
        requireNonNull(clock, "clock is null");
        ObjectMapper json = Json.newMapper();
        Files.createDirectories(config.dataDirectory());
        Database database = Database.open(config.database());
        RunnerFleet fleet = null;
        try {
            Optional<String> adminKey = Bootstrap.ensureAdmin(database.jdbi(), config.dataDirectory(), clock);
            AuditLog auditLog = new AuditLog(database.jdbi(), clock);
            RateLimiter rateLimiter = new RateLimiter(config.rateLimits());
            Authenticator authenticator = new Authenticator(database.jdbi(), clock, rateLimiter, auditLog);
            OrganizationRepository organizations = new OrganizationRepository(database.jdbi());
            OrganizationQuotas quotas = new OrganizationQuotas(organizations, config.sandboxes().defaultRegion(), clock);
            String proxyUrl = config.sandboxes().toolboxProxyUrl().replaceFirst("/toolbox$", "");
            Regions regions = new Regions(new RegionRepository(database.jdbi()), config.sandboxes().defaultRegion(), proxyUrl, clock);
            OrganizationService organizationService = new OrganizationService(organizations, config.sandboxes().defaultRegion(), clock,
                    (organizationId, regionId) -> regions.find(regionId).filter(r -> r.visibleTo(organizationId)).isPresent());
            SandboxRepository sandboxes = new SandboxRepository(database.jdbi(), json);
            VolumeService volumes = new VolumeService(new VolumeRepository(database.jdbi()),
                    new LocalVolumeStore(config.dataDirectory().resolve("volumes")), clock);
            ObjectStore objects = new ObjectStore(config.dataDirectory().resolve("object-storage"), OBJECT_STORAGE_BUCKET);
            RegistryService registries = new RegistryService(new RegistryRepository(database.jdbi()),
                    SecretCipher.inDirectory(config.dataDirectory()), clock);
            SnapshotService snapshots = new SnapshotService(new SnapshotRepository(database.jdbi(), json), images,
                    (organizationId, hash) -> objects.get(organizationId + "/" + hash + "/context.tar"),
                    new BuildLogs(config.dataDirectory().resolve("build-logs")), config.sandboxes(), clock, registries);
            PushAccess pushAccess = new PushAccess(clock);
            Runners runners = new Runners(new RunnerRepository(database.jdbi(), json), regions, clock, config.runners().unresponsiveAfter());
            fleet = new RunnerFleet(runners, sandboxes, embedded, config.sandboxes().defaultRegion(), remotes, snapshots, volumes, clock,
                    config.runners().scoreThreshold(), config.runners().embeddedReportInterval());
            madeFleet.set(fleet);
            WarmPool pool = new WarmPool(sandboxes, config.sandboxes(), config.warmPoolSize(), clock, fleet);
            Reconciler reconciler = new Reconciler(sandboxes, fleet, clock, config.reconcileInterval(), pool);
            SandboxActivity activity = new SandboxActivity(sandboxes, clock);
            SandboxRegions sandboxRegions = (organizationId, target) -> regions.resolve(organizationId, target,
                    organizations.find(organizationId).map(OrganizationRepository.OrganizationRow::defaultRegionId).orElse(null));
            SandboxService service = new SandboxService(sandboxes, reconciler, fleet, sandboxRegions, config.sandboxes(), activity, clock,
                    snapshots, volumes, pool, quotas);
            Router router = new Router(json);
            new HealthResource(database.jdbi()).register(authenticator.routes(router));
            new ConfigResource(version(), config.sandboxes(), config.rateLimits()).register(authenticator.routes(router));
            new SandboxResource(service, authenticator, json).register(router);
            new VolumeResource(volumes, authenticator).register(router);
            new SnapshotResource(snapshots, service, authenticator, config.sandboxes().defaultRegion()).register(router);
            new StorageResource(pushAccess, objects, authenticator).register(router);
            new RegistryResource(registries, authenticator).register(router);
            new ApiKeyResource(new ApiKeyRepository(database.jdbi()), authenticator, clock, organizationService::memberPermissions)
                    .register(router);
            new OrganizationResource(organizationService, quotas, authenticator).register(router);
            new AuditResource(auditLog, authenticator).register(router);
            new RegionResource(authenticator, regions).register(router);
            new RunnerResource(authenticator, runners, fleet).register(router);
            SshAccessService sshAccess = new SshAccessService(new SshAccessRepository(database.jdbi()), service, sandboxes,
                    config.sshCommand(), clock);
            new SshAccessResource(sshAccess, authenticator, service::toolboxProxyUrl).register(router);
            SignedPreviews signedPreviews = new SignedPreviews(new SignedPreviewRepository(database.jdbi()), service, config.sandboxes(), clock);
            new SignedPreviewResource(signedPreviews, authenticator).register(router);
            SandboxAccess sandboxAccess = new SandboxAccess(authenticator, sandboxes, auditLog);
            reconciler.start();
            S3Endpoint s3 = new S3Endpoint(objects, pushAccess, config.dataDirectory().resolve("object-storage-uploads"));
            HttpServer server = HttpServer.start("api", config.host(), config.port(),
                    new SnapshotNamePaths(new Handler.Sequence(s3, router)), json);
            SnapshotNamePaths.allowEncodedSlashes(server);
            return new ControlPlane(database, reconciler, server, sandboxAccess, activity, adminKey, snapshots,
                    new PreviewAccess(sandboxAccess, signedPreviews, sandboxes), sshAccess, router, fleet);
        } catch (Exception | Error e) {
            if (fleet != null) {
                fleet.close();
            }
            database.close();
            throw e;
        }
    }

    /** This build's version, from the jar's manifest; {@code dev} when run from classes. */
    private static String version() {
        String version = ControlPlane.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    public int port() {
        return server.port();
    }

    /** The admin key created by this start, if this was the first start. */
    public Optional<String> newAdminKey() {
        return newAdminKey;
    }

    /** Every route of {@code /api}, so tests can check that each one declares its access. */
    public java.util.List<Router.Route> routes() {
        return router.routes();
    }

    public SandboxAccess sandboxAccess() {
        return sandboxAccess;
    }

    /** Decides which preview requests (sandbox or signed hosts) may reach a sandbox port. */
    public PreviewAccess previewAccess() {
        return previewAccess;
    }

    /** SSH access tokens, as the SSH gateway checks them. */
    public SshAccessService sshAccess() {
        return sshAccess;
    }

    /** The runners: where the proxy and the SSH gateway find the runner process hosting a sandbox. */
    public RunnerFleet fleet() {
        return fleet;
    }

    /** Where the proxy reports sandbox traffic, which defers auto-stop. */
    public SandboxActivity sandboxActivity() {
        return sandboxActivity;
    }

    @Override
    public void close() throws Exception {
        try (database; snapshots; fleet) {
            // The reconciler first: requests waiting for a sandbox to settle then answer at once
            // and the server stops without waiting for them.
            reconciler.close();
            server.close();
        }
    }
}
