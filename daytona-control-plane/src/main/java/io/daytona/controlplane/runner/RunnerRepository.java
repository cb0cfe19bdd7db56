package io.daytona.controlplane.runner;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.model.runner.RunnerHealthcheck;
import io.daytona.model.runner.RunnerHealthMetrics;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for runners. */
public final class RunnerRepository {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    /**
     * States of a sandbox that hold CPU and memory on its runner: a container runs or is about to,
     * or may run again where it is (a sandbox in error, e.g. of a runner that went silent, is
     * recovered on the same runner). A paused sandbox holds its memory. Stopped sandboxes hold only
     * disk, archived ones nothing.
     */
    private static final String HOLDS_CPU = "('unknown', 'creating', 'starting', 'started', 'restoring', 'resizing', 'snapshotting', "
            + "'stopping', 'pending_build', 'building_snapshot', 'pulling_snapshot', 'destroying', 'error', 'pausing', 'paused', 'resuming', "
            + "'forking')";

    private final Jdbi jdbi;
    private final ObjectMapper json;

    public RunnerRepository(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.json = requireNonNull(json, "json is null");
    }

    public void insert(RunnerRecord runner, String apiKeyHash) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO runner (id, name, region_id, api_key_hash, call_token, embedded, api_url, proxy_url, domain,
                            api_version, app_version, state, unschedulable, draining, tags, cpu, memory_gib, disk_gib,
                            capacity_cpu, capacity_memory_gib, capacity_disk_gib, last_checked, created_at, updated_at)
                        VALUES (:id, :name, :regionId, :apiKeyHash, :callToken, :embedded, :apiUrl, :proxyUrl, :domain,
                            :apiVersion, :appVersion, :stateValue, :unschedulable, :draining, :tagsJson, :cpu, :memoryGiB, :diskGiB,
                            :capacityCpu, :capacityMemoryGiB, :capacityDiskGiB, :lastChecked, :createdAt, :updatedAt)""")
                .bindMethods(runner)
                .bind("apiKeyHash", apiKeyHash)
                .bind("stateValue", runner.state().wireValue())
                .bind("tagsJson", write(runner.tags()))
                .execute());
    }

    public Optional<RunnerRecord> find(String id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM runner WHERE id = :id")
                .bind("id", id).map(this::map).findFirst());
    }

    public boolean nameTaken(String name) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM runner WHERE name = :name")
                .bind("name", name).mapTo(Integer.class).one() > 0);
    }

    public boolean keyTaken(String apiKeyHash) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM runner WHERE api_key_hash = :hash")
                .bind("hash", apiKeyHash).mapTo(Integer.class).one() > 0);
    }

    /** Every runner, optionally of one region, by name. */
    public List<RunnerRecord> all(Optional<String> regionId) {
        if (regionId.isEmpty()) {
            return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM runner ORDER BY name, id").map(this::map).list());
        }
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM runner WHERE region_id = :region ORDER BY name, id")
                .bind("region", regionId.get()).map(this::map).list());
    }

    /** The runners of the organization's own (custom) regions, optionally of one region. */
    public List<RunnerRecord> ofOrganization(String organizationId, Optional<String> regionId) {
        String select = "SELECT r.* FROM runner r JOIN region g ON g.id = r.region_id WHERE g.organization_id = :org";
        if (regionId.isEmpty()) {
            return jdbi.withHandle(handle -> handle.createQuery(select + " ORDER BY r.name, r.id")
                    .bind("org", organizationId).map(this::map).list());
        }
        return jdbi.withHandle(handle -> handle.createQuery(select + " AND r.region_id = :region ORDER BY r.name, r.id")
                .bind("org", organizationId).bind("region", regionId.get()).map(this::map).list());
    }

    /** The runner a sandbox is placed on, if it is placed. */
    public Optional<RunnerRecord> ofSandbox(String sandboxId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT r.* FROM runner r JOIN sandbox s ON s.runner_id = r.id WHERE s.id = :sandbox""")
                .bind("sandbox", sandboxId).map(this::map).findFirst());
    }

    /** Records a healthcheck: the runner is ready (or stays disabled), with what it measured and its score. */
    public void recordHealth(String id, RunnerHealthcheck health, String unhealthy, double score, Instant now) {
        RunnerHealthMetrics m = health.metrics();
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE runner SET state = CASE WHEN state IN ('disabled', 'decommissioned') THEN state ELSE 'ready' END,
                            api_url = COALESCE(:apiUrl, api_url), proxy_url = COALESCE(:proxyUrl, proxy_url),
                            domain = COALESCE(:domain, domain), app_version = :appVersion,
                            cpu = :cpu, memory_gib = :memory, disk_gib = :disk,
                            capacity_cpu = :capacityCpu, capacity_memory_gib = :capacityMemory, capacity_disk_gib = :capacityDisk,
                            cpu_load_average = :load, cpu_usage = :cpuUsage, memory_usage = :memoryUsage, disk_usage = :diskUsage,
                            snapshot_count = :snapshots, availability_score = :score, service_health = :unhealthy,
                            last_checked = :now, updated_at = :now
                        WHERE id = :id""")
                .bind("id", id)
                .bind("apiUrl", health.apiUrl())
                .bind("proxyUrl", health.proxyUrl())
                .bind("domain", health.domain())
                .bind("appVersion", health.appVersion())
                .bind("cpu", m == null ? 0 : m.cpu())
                .bind("memory", m == null ? 0 : m.memoryGiB())
                .bind("disk", m == null ? 0 : m.diskGiB())
                .bind("capacityCpu", health.capacity() == null ? null : health.capacity().cpu())
                .bind("capacityMemory", health.capacity() == null ? null : health.capacity().memoryGiB())
                .bind("capacityDisk", health.capacity() == null ? null : health.capacity().diskGiB())
                .bind("load", m == null ? 0 : m.currentCpuLoadAverage())
                .bind("cpuUsage", m == null ? 0 : m.currentCpuUsagePercentage())
                .bind("memoryUsage", m == null ? 0 : m.currentMemoryUsagePercentage())
                .bind("diskUsage", m == null ? 0 : m.currentDiskUsagePercentage())
                .bind("snapshots", m == null ? 0 : m.currentSnapshotCount())
                .bind("score", score)
                .bind("unhealthy", unhealthy)
                .bind("now", now)
                .execute());
    }

    /**
     * Marks ready runners (never the embedded one) whose last healthcheck, or {@code since} if
     * later, is before {@code cutoff} as unresponsive; returns them as they were.
     */
    public List<RunnerRecord> markSilentUnresponsive(Instant cutoff, Instant since, Instant now) {
        if (!since.isBefore(cutoff)) {
            return List.of();
        }
        return jdbi.inTransaction(handle -> {
            List<RunnerRecord> silent = handle.createQuery("""
                            SELECT * FROM runner WHERE embedded = FALSE AND state = 'ready'
                              AND (last_checked IS NULL OR last_checked < :cutoff)""")
                    .bind("cutoff", cutoff).map(this::map).list();
            for (RunnerRecord runner : silent) {
                handle.createUpdate("UPDATE runner SET state = 'unresponsive', updated_at = :now WHERE id = :id AND state = 'ready'")
                        .bind("id", runner.id()).bind("now", now).execute();
            }
            return silent;
        });
    }

    public void setUnschedulable(String id, boolean unschedulable, Instant now) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE runner SET unschedulable = :value, updated_at = :now WHERE id = :id")
                .bind("id", id).bind("value", unschedulable).bind("now", now).execute());
    }

    public void setDraining(String id, boolean draining, Instant now) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE runner SET draining = :value, updated_at = :now WHERE id = :id")
                .bind("id", id).bind("value", draining).bind("now", now).execute());
    }

    public void delete(String id) {
        jdbi.useHandle(handle -> handle.createUpdate("DELETE FROM runner WHERE id = :id").bind("id", id).execute());
    }

    /** How many sandboxes not yet destroyed are placed on the runner. */
    public int sandboxCount(String id) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM sandbox WHERE runner_id = :id AND state <> 'destroyed' AND desired_state <> 'destroyed'")
                .bind("id", id).mapTo(Integer.class).one());
    }

    /** What the platform has given sandboxes on a runner: cores, GiB of memory and disk, and how many are started. */
    public record Allocation(double cpu, double memoryGiB, double diskGiB, int started, int sandboxes) {
        public static final Allocation NONE = new Allocation(0, 0, 0, 0, 0);
    }

    /** The allocation of every runner with sandboxes, by runner id. */
    public Map<String, Allocation> allocations() {
        Map<String, Allocation> result = new HashMap<>();
        jdbi.useHandle(handle -> handle.createQuery("""
                        SELECT runner_id,
                            COALESCE(SUM(CASE WHEN state IN %1$s THEN cpu ELSE 0 END), 0) AS cpu,
                            COALESCE(SUM(CASE WHEN state IN %1$s THEN memory ELSE 0 END), 0) AS memory,
                            COALESCE(SUM(disk), 0) AS disk,
                            COALESCE(SUM(CASE WHEN state = 'started' THEN 1 ELSE 0 END), 0) AS started,
                            COUNT(*) AS sandboxes
                        FROM sandbox
                        WHERE runner_id IS NOT NULL AND state NOT IN ('destroyed', 'archived', 'build_failed')
                        GROUP BY runner_id""".formatted(HOLDS_CPU))
                .map((rs, ctx) -> Map.entry(rs.getString("runner_id"), new Allocation(rs.getDouble("cpu"), rs.getDouble("memory"),
                        rs.getDouble("disk"), rs.getInt("started"), rs.getInt("sandboxes"))))
                .forEach(e -> result.put(e.getKey(), e.getValue())));
        return result;
    }

    public Allocation allocation(String runnerId) {
        return allocations().getOrDefault(runnerId, Allocation.NONE);
    }

    private RunnerRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
        var lastChecked = rs.getTimestamp("last_checked");
        return new RunnerRecord(rs.getString("id"), rs.getString("name"), rs.getString("region_id"), rs.getString("call_token"),
                rs.getBoolean("embedded"), rs.getString("api_url"), rs.getString("proxy_url"), rs.getString("domain"),
                rs.getString("api_version"), rs.getString("app_version"), RunnerState.fromWire(rs.getString("state")),
                rs.getBoolean("unschedulable"), rs.getBoolean("draining"), read(rs.getString("tags")),
                rs.getDouble("cpu"), rs.getDouble("memory_gib"), rs.getDouble("disk_gib"),
                rs.getObject("capacity_cpu", Double.class), rs.getObject("capacity_memory_gib", Double.class),
                rs.getObject("capacity_disk_gib", Double.class), rs.getDouble("cpu_load_average"), rs.getDouble("cpu_usage"),
                rs.getDouble("memory_usage"), rs.getDouble("disk_usage"), rs.getInt("snapshot_count"),
                rs.getDouble("availability_score"), rs.getString("service_health"),
                lastChecked == null ? null : lastChecked.toInstant(), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private String write(List<String> tags) {
        try {
            return json.writeValueAsString(tags);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serializes", e);
        }
    }

    private List<String> read(String text) {
        try {
            return json.readValue(text, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt tags column: " + text, e);
        }
    }
}
