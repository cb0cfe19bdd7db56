package io.daytona.controlplane.runner;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.auth.ApiKeys;
import io.daytona.controlplane.auth.Caller;
import io.daytona.controlplane.region.RegionRecord;
import io.daytona.controlplane.region.Regions;
import io.daytona.http.ServiceException;
import io.daytona.model.region.AdminCreateRunner;
import io.daytona.model.region.CreateRunner;
import io.daytona.model.region.CreateRunnerResponse;
import io.daytona.model.region.Runner;
import io.daytona.model.region.RunnerFull;
import io.daytona.model.runner.RunnerHealthMetrics;
import io.daytona.model.runner.RunnerHealthcheck;
import io.daytona.model.runner.RunnerTokens;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runners' registry: registration (a key shown once, stored hashed), healthchecks (the
 * runner's host, use and declared capacity), scheduling flags, and the watch that marks a runner
 * unresponsive once it stops reporting. An organization sees the runners of its own (custom)
 * regions; the shared region's runners are the server's and visible to system administrators.
 */
public final class Runners {
    private static final Logger LOG = LoggerFactory.getLogger(Runners.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9._:/=-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The protocol the platform speaks with a runner: the reference's v0 (the control plane calls the runner's REST API). */
    static final String API_VERSION = "0";

    private final RunnerRepository repository;
    private final Regions regions;
    private final Clock clock;
    private final Duration unresponsiveAfter;
    private final Instant started;

    /**
     * @param unresponsiveAfter how long a runner may go without a healthcheck before it is
     *     unresponsive; counted from this control plane's start at the earliest, so that a restart
     *     of the control plane (during which no runner could report) loses no runner
     */
    public Runners(RunnerRepository repository, Regions regions, Clock clock, Duration unresponsiveAfter) {
        this.repository = requireNonNull(repository, "repository is null");
        this.regions = requireNonNull(regions, "regions is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.unresponsiveAfter = requireNonNull(unresponsiveAfter, "unresponsiveAfter is null");
        if (unresponsiveAfter.isNegative() || unresponsiveAfter.isZero()) {
            throw new IllegalArgumentException("the runner timeout must be positive, got " + unresponsiveAfter);
        }
        this.started = clock.instant();
    }

    public RunnerRepository repository() {
        return repository;
    }

    /**
     * Registers the embedded runner of {@code daytona server} in the default region, if it is not
     * registered yet: it is called in-process and never times out (it lives as long as the
     * control plane).
     */
    public void registerEmbedded(String id, String regionId) {
        if (repository.find(id).isPresent()) {
            return;
        }
        Instant now = clock.instant();
        String key = newKey();
        repository.insert(new RunnerRecord(id, id, regionId, RunnerTokens.callToken(key), true, null, null, null, "embedded", null,
                RunnerState.READY, false, false, List.of(), 0, 0, 0, null, null, null, 0, 0, 0, 0, 0, 100, null, now, now, now),
                ApiKeys.hash(key));
    }

    /** {@code POST /api/runners}: a runner in one of the caller's regions (the shared ones: system administrators only). */
    public CreateRunnerResponse create(Caller caller, CreateRunner request) {
        if (request == null) {
            throw ServiceException.badRequest("send {\"regionId\": \"<region id>\", \"name\": \"runner-1\"}");
        }
        RegionRecord region = placeableRegion(caller, request.regionId());
        return register(region, request.name(), request.tags(), newKey(), null, null, null, null);
    }

    /** {@code POST /api/admin/runners}: a runner in any region, with the key the administrator chose. */
    public CreateRunnerResponse adminCreate(AdminCreateRunner request) {
        if (request == null) {
            throw ServiceException.badRequest("send {\"regionId\": ..., \"name\": ..., \"apiKey\": ..., \"apiVersion\": \"0\"}");
        }
        if (request.regionId() == null || request.regionId().isBlank()) {
            throw ServiceException.badRequest("regionId is required: the region the runner serves (GET /api/regions)");
        }
        RegionRecord region = regions.find(request.regionId()).orElseThrow(() ->
                ServiceException.badRequest("Region %s not found", request.regionId()));
        if (request.apiKey() == null || !request.apiKey().startsWith(RunnerTokens.KEY_PREFIX) || request.apiKey().length() < 36) {
            throw ServiceException.badRequest("apiKey must start with %s and be at least 36 characters long (32 random ones after it)",
                    RunnerTokens.KEY_PREFIX);
        }
        if (request.apiVersion() != null && !request.apiVersion().equals(API_VERSION)) {
            throw ServiceException.badRequest("apiVersion must be %s: this platform calls runners' REST API (the reference's v0); "
                    + "the job protocol (v2) is not implemented", API_VERSION);
        }
        if (repository.keyTaken(ApiKeys.hash(request.apiKey()))) {
            throw ServiceException.conflict("Another runner has this apiKey; choose another");
        }
        return register(region, request.name(), request.tags(), request.apiKey(), request.apiUrl(), request.proxyUrl(), request.domain(),
                capacity(request));
    }

    private static io.daytona.model.runner.RunnerCapacity capacity(AdminCreateRunner request) {
        if (request.cpu() == null && request.memoryGiB() == null && request.diskGiB() == null) {
            return null;
        }
        if (request.cpu() == null || request.memoryGiB() == null || request.diskGiB() == null) {
            throw ServiceException.badRequest("give cpu, memoryGiB and diskGiB together (the runner's capacity), or none of them");
        }
        try {
            return new io.daytona.model.runner.RunnerCapacity(request.cpu(), request.memoryGiB(), request.diskGiB());
        } catch (IllegalArgumentException e) {
            throw ServiceException.badRequest("%s", e.getMessage());
        }
    }

    private CreateRunnerResponse register(RegionRecord region, String name, List<String> tags, String key, String apiUrl, String proxyUrl,
                                          String domain, io.daytona.model.runner.RunnerCapacity capacity) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ServiceException.badRequest("name is required: 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        List<String> checkedTags = Objects.requireNonNullElse(tags, List.<String>of());
        for (String tag : checkedTags) {
            if (tag == null || !TAG.matcher(tag).matches()) {
                throw ServiceException.badRequest("tags must be 1 to 64 of letters, digits and ._:/=-, got %s", tag);
            }
        }
        if (repository.nameTaken(name)) {
            throw ServiceException.conflict("Runner %s already exists; choose another name", name);
        }
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        repository.insert(new RunnerRecord(id, name, region.id(), RunnerTokens.callToken(key), false, blankToNull(apiUrl),
                        blankToNull(proxyUrl), blankToNull(domain), API_VERSION, null, RunnerState.INITIALIZING, false, false, checkedTags,
                        0, 0, 0, capacity == null ? null : capacity.cpu(), capacity == null ? null : capacity.memoryGiB(),
                        capacity == null ? null : capacity.diskGiB(), 0, 0, 0, 0, 0, 0, null, null, now, now),
                ApiKeys.hash(key));
        LOG.info("runner {} ({}) registered in region {}", name, id, region.id());
        return new CreateRunnerResponse(id, key);
    }

    /** A region the caller may register runners in: its own custom regions; the shared ones for system administrators. */
    private RegionRecord placeableRegion(Caller caller, String regionId) {
        if (regionId == null || regionId.isBlank()) {
            throw ServiceException.badRequest("regionId is required: the region the runner serves (GET /api/regions)");
        }
        RegionRecord region = regions.get(caller.organizationId(), regionId);
        if (region.shared() && !caller.systemAdmin()) {
            throw ServiceException.forbidden("Region %s is shared: only a system administrator may add runners to it; "
                    + "create a region of your own with POST /api/regions", regionId);
        }
        return region;
    }

    /** {@code GET /api/runners}: the runners of the caller's own regions. */
    public List<Runner> list(Caller caller, Optional<String> regionId) {
        Map<String, RunnerRepository.Allocation> allocations = repository.allocations();
        return repository.ofOrganization(caller.organizationId(), regionId).stream()
                .map(r -> toDto(r, allocations.getOrDefault(r.id(), RunnerRepository.Allocation.NONE)))
                .toList();
    }

    /** {@code GET /api/admin/runners}: every runner, with the credential to call it. */
    public List<RunnerFull> all(Optional<String> regionId) {
        Map<String, RunnerRepository.Allocation> allocations = repository.allocations();
        return repository.all(regionId).stream()
                .map(r -> full(r, allocations.getOrDefault(r.id(), RunnerRepository.Allocation.NONE)))
                .toList();
    }

    /** A runner of one of the caller's regions; 404 for any other. */
    public Runner get(Caller caller, String id) {
        return toDto(owned(caller, id), repository.allocation(id));
    }

    /** Any runner with the credential to call it, for system administrators. */
    public RunnerFull full(String id) {
        RunnerRecord runner = repository.find(id).orElseThrow(() -> ServiceException.notFound("Runner %s not found", id));
        return full(runner, repository.allocation(id));
    }

    /** The runner whose key authenticated the request. */
    public RunnerFull me(String runnerId) {
        return full(runnerId);
    }

    /** The runner hosting a sandbox, for proxies and SSH gateways. */
    public RunnerFull bySandbox(String sandboxId) {
        RunnerRecord runner = repository.ofSandbox(sandboxId).orElseThrow(() -> ServiceException.notFound(
                "Sandbox %s is on no runner (it does not exist, is archived, or was never placed)", sandboxId));
        return full(runner, repository.allocation(runner.id()));
    }

    public void delete(Caller caller, String id) {
        delete(owned(caller, id));
    }

    public void adminDelete(String id) {
        delete(repository.find(id).orElseThrow(() -> ServiceException.notFound("Runner %s not found", id)));
    }

    private void delete(RunnerRecord runner) {
        if (runner.embedded()) {
            throw ServiceException.conflict("Runner %s is the server's embedded runner; to run without it start daytona server with "
                    + "--no-embedded-runner", runner.id());
        }
        int sandboxes = repository.sandboxCount(runner.id());
        if (sandboxes > 0) {
            throw ServiceException.conflict("Runner %s still hosts %d sandbox(es); mark it draining, then delete or archive them first",
                    runner.id(), sandboxes);
        }
        repository.delete(runner.id());
        LOG.info("runner {} ({}) deleted", runner.name(), runner.id());
    }

    public Runner setUnschedulable(Caller caller, String id, boolean unschedulable) {
        owned(caller, id);
        repository.setUnschedulable(id, unschedulable, clock.instant());
        return toDto(repository.find(id).orElseThrow(), repository.allocation(id));
    }

    public void adminSetUnschedulable(String id, boolean unschedulable) {
        repository.find(id).orElseThrow(() -> ServiceException.notFound("Runner %s not found", id));
        repository.setUnschedulable(id, unschedulable, clock.instant());
    }

    public Runner setDraining(Caller caller, String id, boolean draining) {
        owned(caller, id);
        repository.setDraining(id, draining, clock.instant());
        return toDto(repository.find(id).orElseThrow(), repository.allocation(id));
    }

    /** Records a runner's healthcheck: it is ready, with its addresses, host, use, capacity and score. */
    public void healthcheck(String runnerId, RunnerHealthcheck health) {
        if (health == null || health.metrics() == null) {
            throw ServiceException.badRequest("send {\"metrics\": {...}, \"appVersion\": ...}: the runner's measurements");
        }
        if (health.apiUrl() != null && !health.apiUrl().isBlank() && !health.apiUrl().matches("https?://[^/\\s]+(/\\S*)?")) {
            throw ServiceException.badRequest("apiUrl must be the http(s) URL the control plane reaches the runner at, got %s", health.apiUrl());
        }
        RunnerRecord before = repository.find(runnerId).orElseThrow(() -> ServiceException.notFound("Runner %s not found", runnerId));
        RunnerHealthMetrics m = health.metrics();
        RunnerRepository.Allocation allocation = repository.allocation(runnerId);
        double score = AvailabilityScore.of(m.currentCpuUsagePercentage(), m.currentMemoryUsagePercentage(),
                m.currentDiskUsagePercentage(), m.currentCpuLoadAverage(), m.cpu(), percent(allocation.cpu(), m.cpu()),
                percent(allocation.memoryGiB(), m.memoryGiB()), percent(allocation.diskGiB(), m.diskGiB()), allocation.started());
        String unhealthy = health.healthy() ? null : health.serviceHealth().stream().filter(s -> !s.healthy())
                .map(s -> s.serviceName() + ": " + Objects.requireNonNullElse(s.errorReason(), "unhealthy"))
                .collect(Collectors.joining("; "));
        repository.recordHealth(runnerId, health, unhealthy, score, clock.instant());
        if (before.state() != RunnerState.READY) {
            LOG.info("runner {} ({}) is ready (was {})", before.name(), runnerId, before.state().wireValue());
        }
    }

    /**
     * Marks runners that have not reported for the timeout as unresponsive and returns them; the
     * embedded runner never is (it lives in this process).
     */
    public List<RunnerRecord> markSilent() {
        Instant now = clock.instant();
        List<RunnerRecord> silent = repository.markSilentUnresponsive(now.minus(unresponsiveAfter), started, now);
        silent.forEach(r -> LOG.warn("runner {} ({}) sent no healthcheck since {}: unresponsive", r.name(), r.id(), r.lastChecked()));
        return silent;
    }

    private RunnerRecord owned(Caller caller, String id) {
        RunnerRecord runner = repository.find(id).orElseThrow(() -> ServiceException.notFound("Runner %s not found", id));
        RegionRecord region = regions.find(runner.regionId()).orElseThrow(() -> ServiceException.notFound("Runner %s not found", id));
        if (region.shared() ? !caller.systemAdmin() : !caller.organizationId().equals(region.organizationId())) {
            throw ServiceException.notFound("Runner %s not found", id);
        }
        return runner;
    }

    Runner toDto(RunnerRecord r, RunnerRepository.Allocation allocation) {
        return new Runner(r.id(), r.domain(), r.apiUrl(), r.proxyUrl(), round(r.offeredCpu()), round(r.offeredMemoryGiB()),
                round(r.offeredDiskGiB()), 0, null, "container", round(r.cpuUsage()), round(r.memoryUsage()), round(r.diskUsage()),
                allocation.cpu(), allocation.memoryGiB(), allocation.diskGiB(), r.snapshotCount(), allocation.started(),
                r.availabilityScore(), r.regionId(), r.name(), r.state().wireValue(), r.lastChecked(), r.unschedulable(), r.tags(),
                r.createdAt(), r.updatedAt(), Objects.requireNonNullElse(r.appVersion(), "unknown"), r.apiVersion(), "container",
                r.appVersion(), r.draining());
    }

    private RunnerFull full(RunnerRecord r, RunnerRepository.Allocation allocation) {
        String regionType = regions.find(r.regionId()).map(RegionRecord::regionType).orElse(null);
        return new RunnerFull(toDto(r, allocation), r.callToken(), regionType);
    }

    private static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return RunnerTokens.KEY_PREFIX + HexFormat.of().formatHex(bytes);
    }

    private static double percent(double part, double whole) {
        return whole <= 0 ? 0 : 100 * part / whole;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

}
