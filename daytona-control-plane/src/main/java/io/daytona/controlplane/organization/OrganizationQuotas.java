package io.daytona.controlplane.organization;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.organization.OrganizationRepository.OrganizationRow;
import io.daytona.controlplane.sandbox.SandboxQuota;
import io.daytona.controlplane.sandbox.SandboxRecord;
import io.daytona.http.ServiceException;
import io.daytona.model.organization.OrganizationUsageOverview;
import io.daytona.model.organization.RegionUsageOverview;
import io.daytona.model.organization.UpdateOrganizationQuota;
import io.daytona.model.organization.UpdateOrganizationRegionQuota;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-organization quotas. A sandbox that runs, or is asked to, counts with its CPU, memory and
 * disk; a stopped one with its disk only; an archived or deleted one not at all (the docs' rule).
 * One sandbox above a per-sandbox maximum is refused with 400; a total that would be exceeded with
 * 403. The check and the insert are not one transaction: two creates racing may both pass.
 */
public final class OrganizationQuotas implements SandboxQuota {
    /** A sandbox uses CPU and memory unless it is (or is going) stopped, archived or destroyed. */
    private static final String COMPUTE = """
            SELECT COALESCE(SUM(cpu), 0) AS cpu, COALESCE(SUM(memory), 0) AS memory FROM sandbox
            WHERE organization_id = :org AND desired_state NOT IN ('destroyed', 'archived', 'stopped')""";
    /** A sandbox uses disk unless it is archived or destroyed (or going to be). */
    private static final String DISK = """
            SELECT COALESCE(SUM(disk), 0) FROM sandbox
            WHERE organization_id = :org AND desired_state NOT IN ('destroyed', 'archived') AND state NOT IN ('archived', 'destroyed')""";

    private final OrganizationRepository repository;
    private final String region;
    private final Clock clock;

    public OrganizationQuotas(OrganizationRepository repository, String region, Clock clock) {
        this.repository = requireNonNull(repository, "repository is null");
        this.region = requireNonNull(region, "region is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** What an organization uses now. */
    public record Usage(int cpu, int memory, int disk) {}

    public Usage usage(String organizationId) {
        return repository.jdbi().withHandle(h -> {
            Map<String, Object> compute = h.createQuery(COMPUTE).bind("org", organizationId).mapToMap().one();
            int disk = h.createQuery(DISK).bind("org", organizationId).mapTo(Integer.class).one();
            return new Usage(((Number) compute.get("cpu")).intValue(), ((Number) compute.get("memory")).intValue(), disk);
        });
    }

    @Override
    public void checkCreate(String organizationId, int cpu, int memory, int disk) {
        OrganizationRow organization = organization(organizationId);
        checkMaxima(organization, cpu, memory, disk);
        checkTotals(organization, usage(organizationId), cpu, memory, disk);
    }

    @Override
    public void checkStart(SandboxRecord sandbox) {
        OrganizationRow organization = organization(sandbox.organizationId());
        boolean archived = sandbox.state().wireValue().equals("archived");
        checkTotals(organization, usage(sandbox.organizationId()), sandbox.cpu(), sandbox.memory(), archived ? sandbox.disk() : 0);
    }

    @Override
    public void checkResize(SandboxRecord sandbox, int cpu, int memory, int disk) {
        OrganizationRow organization = organization(sandbox.organizationId());
        checkMaxima(organization, cpu, memory, disk);
        Usage usage = usage(sandbox.organizationId());
        boolean running = !sandbox.desiredState().wireValue().equals("stopped");
        checkTotals(organization, usage, running ? cpu - sandbox.cpu() : 0, running ? memory - sandbox.memory() : 0, disk - sandbox.disk());
    }

    /**
     * For the snapshot module: fails with 403 if the organization, which has {@code current}
     * snapshots, may not have one more.
     */
    public void checkSnapshotCount(String organizationId, long current) {
        count("snapshot", current, organization(organizationId).snapshotQuota());
    }

    /** For the volume module: fails with 403 if the organization, which has {@code current} volumes, may not have one more. */
    public void checkVolumeCount(String organizationId, long current) {
        count("volume", current, organization(organizationId).volumeQuota());
    }

    private static void count(String what, long current, int quota) {
        if (current + 1 > quota) {
            throw ServiceException.forbidden("%s quota exceeded: the organization has %d of %d; delete one, or ask an administrator "
                    + "to raise the quota", what.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + what.substring(1), current, quota);
        }
    }

    private OrganizationRow organization(String organizationId) {
        return repository.find(organizationId).orElseThrow(() -> ServiceException.notFound("Organization %s not found", organizationId));
    }

    private static void checkMaxima(OrganizationRow organization, int cpu, int memory, int disk) {
        maximum("cpu", cpu, organization.maxCpuPerSandbox(), "cores");
        maximum("memory", memory, organization.maxMemoryPerSandbox(), "GiB");
        maximum("disk", disk, organization.maxDiskPerSandbox(), "GiB");
    }

    private static void maximum(String name, int asked, int maximum, String unit) {
        if (asked > maximum) {
            throw ServiceException.badRequest("%s %d %s is above the organization's maximum per sandbox, %d %s; ask for less",
                    name, asked, unit, maximum, unit);
        }
    }

    private static void checkTotals(OrganizationRow organization, Usage usage, int cpu, int memory, int disk) {
        total("CPU", usage.cpu(), cpu, organization.totalCpuQuota(), "cores");
        total("memory", usage.memory(), memory, organization.totalMemoryQuota(), "GiB");
        total("disk", usage.disk(), disk, organization.totalDiskQuota(), "GiB");
    }

    private static void total(String name, int used, int asked, int quota, String unit) {
        if (asked > 0 && used + asked > quota) {
            throw ServiceException.forbidden("Total %s quota exceeded: the organization uses %d of %d %s and this needs %d more; "
                    + "stop, archive or delete sandboxes, or ask an administrator to raise the quota", name, used, quota, unit, asked);
        }
    }

    public OrganizationUsageOverview overview(String organizationId) {
        OrganizationRow o = organization(organizationId);
        Usage usage = usage(organizationId);
        RegionUsageOverview regionUsage = new RegionUsageOverview(region, "container", o.totalCpuQuota(), usage.cpu(),
                o.totalMemoryQuota(), usage.memory(), o.totalDiskQuota(), usage.disk(), 0, 0, o.maxCpuPerSandbox(),
                o.maxMemoryPerSandbox(), o.maxDiskPerSandbox(), o.maxDiskPerSandbox(), 0, 0, 0);
        return new OrganizationUsageOverview(java.util.List.of(regionUsage), o.snapshotQuota(), count("snapshot", organizationId),
                o.volumeQuota(), count("volume", organizationId));
    }

    /** Rows of another module's table (snapshots, volumes) owned by the organization; 0 while that table does not exist. */
    private int count(String table, String organizationId) {
        try {
            return repository.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE organization_id = :org")
                    .bind("org", organizationId).mapTo(Integer.class).one());
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** The quota of the one region and the {@code container} class, as {@code /api/admin/organizations/…/quota/…} shows it. */
    public io.daytona.model.organization.RegionQuota regionQuota(String organizationId, String regionId, String sandboxClass) {
        OrganizationRow o = organization(organizationId);
        if (!regionId.equals(region)) {
            throw ServiceException.notFound("Region %s not found; this server has region %s", regionId, region);
        }
        if (!sandboxClass.equals("container")) {
            throw ServiceException.notFound("No quota for sandbox class %s; this server runs the class container", sandboxClass);
        }
        return new io.daytona.model.organization.RegionQuota(organizationId, region, sandboxClass, o.totalCpuQuota(),
                o.totalMemoryQuota(), o.totalDiskQuota(), 0, o.maxCpuPerSandbox(), o.maxMemoryPerSandbox(), o.maxDiskPerSandbox(),
                o.maxDiskPerSandbox(), 0, 0, 0);
    }

    /** {@code PATCH /quota}: sets every non-null field. */
    public void update(String organizationId, UpdateOrganizationQuota q) {
        organization(organizationId);
        Map<String, Integer> columns = new LinkedHashMap<>();
        columns.put("max_cpu_per_sandbox", q.maxCpuPerSandbox());
        columns.put("max_memory_per_sandbox", q.maxMemoryPerSandbox());
        columns.put("max_disk_per_sandbox", q.maxDiskPerSandbox());
        columns.put("snapshot_quota", q.snapshotQuota());
        columns.put("max_snapshot_size", q.maxSnapshotSize());
        columns.put("volume_quota", q.volumeQuota());
        columns.put("total_cpu_quota", q.totalCpuQuota());
        columns.put("total_memory_quota", q.totalMemoryQuota());
        columns.put("total_disk_quota", q.totalDiskQuota());
        columns.put("authenticated_rate_limit", q.authenticatedRateLimit());
        columns.put("sandbox_create_rate_limit", q.sandboxCreateRateLimit());
        columns.put("sandbox_lifecycle_rate_limit", q.sandboxLifecycleRateLimit());
        columns.put("authenticated_rate_limit_ttl", q.authenticatedRateLimitTtlSeconds());
        columns.put("sandbox_create_rate_limit_ttl", q.sandboxCreateRateLimitTtlSeconds());
        columns.put("sandbox_lifecycle_rate_limit_ttl", q.sandboxLifecycleRateLimitTtlSeconds());
        apply(organizationId, columns);
    }

    /** {@code PATCH /quota/{regionId}}: this server has one region. */
    public void updateRegion(String organizationId, String regionId, UpdateOrganizationRegionQuota q) {
        organization(organizationId);
        if (!regionId.equals(region)) {
            throw ServiceException.notFound("Region %s not found; this server has region %s", regionId, region);
        }
        Map<String, Integer> columns = new LinkedHashMap<>();
        columns.put("total_cpu_quota", q.totalCpuQuota());
        columns.put("total_memory_quota", q.totalMemoryQuota());
        columns.put("total_disk_quota", q.totalDiskQuota());
        columns.put("max_cpu_per_sandbox", q.maxCpuPerSandbox());
        columns.put("max_memory_per_sandbox", q.maxMemoryPerSandbox());
        columns.put("max_disk_per_sandbox", q.maxDiskPerSandbox());
        apply(organizationId, columns);
    }

    private void apply(String organizationId, Map<String, Integer> columns) {
        columns.forEach((column, value) -> {
            if (value != null && value < 0) {
                throw ServiceException.badRequest("%s must not be negative, got %d", column, value);
            }
        });
        var now = clock.instant();
        columns.forEach((column, value) -> {
            if (value != null) {
                repository.setColumn(organizationId, column, value, now);
            }
        });
    }
}
