package io.daytona.controlplane.region;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.auth.Access;
import io.daytona.controlplane.auth.ApiRoutes;
import io.daytona.controlplane.auth.Authenticator;
import io.daytona.controlplane.auth.Permission;
import io.daytona.controlplane.sandbox.SandboxRuntime;
import io.daytona.http.Exchange;
import io.daytona.http.Router;
import io.daytona.http.ServiceException;
import io.daytona.model.region.Region;
import io.daytona.model.region.Runner;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code /api/regions} and {@code /api/runners}: this server's one shared region and its embedded
 * runner, with the runner's capacity (the host's cores, memory and the data directory's disk), what
 * sandboxes have been given of it, the host's current use, and its health (ready while the engine
 * answers, unresponsive otherwise). Creating regions and runners is not supported: there is one of each.
 */
public final class RegionResource {
    private static final double GIB = 1024.0 * 1024 * 1024;

    private final Authenticator authenticator;
    private final SandboxRuntime runtime;
    private final Jdbi jdbi;
    private final String region;
    private final String proxyUrl;
    private final Path dataDirectory;
    private final String version;
    private final Clock clock;
    private final Instant started;

    public RegionResource(Authenticator authenticator, SandboxRuntime runtime, Jdbi jdbi, String region, String proxyUrl,
                          Path dataDirectory, String version, Clock clock) {
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.runtime = requireNonNull(runtime, "runtime is null");
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.region = requireNonNull(region, "region is null");
        this.proxyUrl = requireNonNull(proxyUrl, "proxyUrl is null");
        this.dataDirectory = requireNonNull(dataDirectory, "dataDirectory is null");
        this.version = requireNonNull(version, "version is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.started = clock.instant();
    }

    public void register(Router router) {
        ApiRoutes api = authenticator.routes(router);
        api.get("/api/regions", Access.organization(), (ex, caller) -> ex.json(200, List.of(region())));
        api.get("/api/shared-regions", Access.organization(), (ex, caller) -> ex.json(200, List.of(region())));
        api.get("/api/regions/{id}", Access.organization(), (ex, caller) -> ex.json(200, region(ex.pathParam("id"))));
        Access readRunners = Access.organization(Permission.READ_RUNNERS);
        api.get("/api/runners", readRunners, (ex, caller) -> ex.json(200, runners(ex)));
        api.get("/api/runners/{id}", readRunners, (ex, caller) -> ex.json(200, runner(ex.pathParam("id"))));
        api.get("/api/admin/runners", Access.systemAdmin(), (ex, caller) -> ex.json(200, runners(ex)));
        api.get("/api/admin/runners/{id}", Access.systemAdmin(), (ex, caller) -> ex.json(200, runner(ex.pathParam("id"))));
    }

    private Region region() {
        return new Region(region, region, null, "shared", started, started, proxyUrl, null, null);
    }

    private Region region(String id) {
        if (!id.equals(region)) {
            throw ServiceException.notFound("Region %s not found; this server has region %s", id, region);
        }
        return region();
    }

    private List<Runner> runners(Exchange ex) {
        String regionId = ex.query("regionId").filter(v -> !v.isBlank()).orElse(region);
        return regionId.equals(region) ? List.of(runner()) : List.of();
    }

    private Runner runner(String id) {
        if (!id.equals(runtime.runnerId())) {
            throw ServiceException.notFound("Runner %s not found", id);
        }
        return runner();
    }

    /** The embedded runner, measured now. */
    Runner runner() {
        boolean healthy;
        try {
            runtime.observe();
            healthy = true;
        } catch (Exception e) {
            healthy = false;
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int cpus = os.getAvailableProcessors();
        double memory = os.getTotalMemorySize() / GIB;
        double memoryUse = 100.0 * (os.getTotalMemorySize() - os.getFreeMemorySize()) / Math.max(1, os.getTotalMemorySize());
        double cpuUse = Math.max(0, os.getCpuLoad() * 100);
        double disk = 0;
        double diskUse = 0;
        try {
            FileStore store = Files.getFileStore(dataDirectory);
            disk = store.getTotalSpace() / GIB;
            diskUse = 100.0 * (store.getTotalSpace() - store.getUsableSpace()) / Math.max(1, store.getTotalSpace());
        } catch (IOException e) {
            // the disk is reported as unknown (0)
        }
        Map<String, Object> allocated = jdbi.withHandle(h -> h.createQuery("""
                        SELECT COALESCE(SUM(cpu), 0) AS cpu, COALESCE(SUM(memory), 0) AS memory, COALESCE(SUM(disk), 0) AS disk,
                               COUNT(*) AS started
                        FROM sandbox WHERE state = 'started' AND desired_state <> 'destroyed'""").mapToMap().one());
        Instant now = clock.instant();
        double score = healthy ? Math.round(100 - Math.max(cpuUse, Math.max(memoryUse, diskUse))) : 0;
        return new Runner(runtime.runnerId(), null, null, proxyUrl, cpus, Math.round(memory * 10) / 10.0, Math.round(disk * 10) / 10.0,
                0, null, "container", round(cpuUse), round(memoryUse), round(diskUse), number(allocated, "cpu"),
                number(allocated, "memory"), number(allocated, "disk"), 0, (int) number(allocated, "started"), score, region,
                runtime.runnerId(), healthy ? "ready" : "unresponsive", now, false, List.of(), started, now, version, version,
                "container", version);
    }

    private static double number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).doubleValue();
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
