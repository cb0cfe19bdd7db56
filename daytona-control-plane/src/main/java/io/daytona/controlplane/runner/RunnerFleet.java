package io.daytona.controlplane.runner;

import static java.util.Objects.requireNonNull;

import io.daytona.controlplane.sandbox.Fleet;
import io.daytona.controlplane.sandbox.ResolvingRuntime;
import io.daytona.controlplane.sandbox.SandboxRecord;
import io.daytona.controlplane.sandbox.SandboxRepository;
import io.daytona.controlplane.sandbox.SandboxRuntime;
import io.daytona.controlplane.sandbox.SandboxRuntimeException;
import io.daytona.controlplane.sandbox.SandboxSnapshots;
import io.daytona.controlplane.sandbox.SandboxVolumes;
import io.daytona.http.ErrorCode;
import io.daytona.http.ServiceException;
import io.daytona.model.runner.RunnerHealthMetrics;
import io.daytona.model.runner.RunnerHealthcheck;
import io.daytona.model.runner.RunnerServiceHealth;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered runners as the reconciler uses them: the embedded runner (called in-process) and
 * runner processes (called over their HTTP API), each behind a {@link SandboxRuntime}; the choice
 * of a runner for a new sandbox; and the watch over healthchecks.
 *
 * <p><b>Scheduling.</b> A sandbox goes to a runner of its region that is ready, schedulable, not
 * draining, healthy, whose availability score reaches the threshold, and that has room: its
 * declared capacity (if any) covers what is already given to sandboxes there plus the new one.
 * Among those, runners that already have the sandbox's image come first; then the runner that
 * would be least allocated afterwards (the largest share of CPU, memory or disk given away), then
 * the one with fewer sandboxes; ties are broken at random. Allocation is read from the database at
 * each choice, and choices are made one at a time, so a burst of creates spreads over the runners
 * and never overfills one.
 */
public final class RunnerFleet implements Fleet, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunnerFleet.class);
    /** How many of the best runners are asked whether they have a sandbox's image. */
    private static final int IMAGE_CANDIDATES = 10;
    private static final Duration IMAGE_QUESTION_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration ENDPOINT_CACHE = Duration.ofSeconds(2);

    /**
     * Where a runner process's API is and the credential to call it.
     *
     * @param apiUrl the runner's API, e.g. {@code http://10.0.0.5:3003}
     * @param callToken what the runner accepts as {@code Authorization: Bearer ...}
     */
    public record RemoteRunner(String id, String name, String apiUrl, String callToken) {
        public RemoteRunner {
            requireNonNull(id, "id is null");
            requireNonNull(apiUrl, "apiUrl is null");
            requireNonNull(callToken, "callToken is null");
        }
    }

    private record Cached(RemoteRunner endpoint, SandboxRuntime runtime) {}

    private record Endpoint(Optional<RemoteRunner> remote, long untilNanos) {}

    private final Runners runners;
    private final RunnerRepository repository;
    private final SandboxRepository sandboxes;
    private final Optional<SandboxRuntime> embedded;
    private final Function<RemoteRunner, SandboxRuntime> remotes;
    private final SandboxSnapshots snapshots;
    private final SandboxVolumes volumes;
    private final Clock clock;
    private final double scoreThreshold;
    private final Map<String, Cached> clients = new ConcurrentHashMap<>();
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final ExecutorService questions = Executors.newVirtualThreadPerTaskExecutor();
    private final Object placing = new Object();
    private final Thread reports;
    private final Duration reportInterval;
    private volatile boolean open = true;

    /**
     * @param embedded the runner in this process, if any; registered in the default region
     * @param remotes makes the runtime of a runner process (over its HTTP API)
     * @param scoreThreshold the availability score below which a runner takes no new sandbox
     * @param reportInterval how often the embedded runner's health is recorded
     */
    public RunnerFleet(Runners runners, SandboxRepository sandboxes, Optional<SandboxRuntime> embedded, String defaultRegion,
                       Function<RemoteRunner, SandboxRuntime> remotes, SandboxSnapshots snapshots, SandboxVolumes volumes, Clock clock,
                       double scoreThreshold, Duration reportInterval) {
        this.runners = requireNonNull(runners, "runners is null");
        this.repository = runners.repository();
        this.sandboxes = requireNonNull(sandboxes, "sandboxes is null");
        this.embedded = requireNonNull(embedded, "embedded is null");
        this.remotes = requireNonNull(remotes, "remotes is null");
        this.snapshots = requireNonNull(snapshots, "snapshots is null");
        this.volumes = requireNonNull(volumes, "volumes is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.scoreThreshold = scoreThreshold;
        this.reportInterval = requireNonNull(reportInterval, "reportInterval is null");
        embedded.ifPresent(runtime -> {
            runners.registerEmbedded(runtime.runnerId(), defaultRegion);
            reportEmbedded(runtime);
        });
        this.reports = Thread.ofVirtual().name("embedded-runner-health").unstarted(this::reportLoop);
        if (embedded.isPresent()) {
            reports.start();
        }
    }

    /** The embedded runner's id, if this control plane has one. */
    public Optional<String> embeddedId() {
        return embedded.map(SandboxRuntime::runnerId);
    }

    @Override
    public SandboxRuntime runtime(String runnerId) throws SandboxRuntimeException {
        return new ResolvingRuntime(raw(runnerId), snapshots, volumes);
    }

    private SandboxRuntime raw(String runnerId) throws SandboxRuntimeException {
        if (runnerId == null) {
            throw new SandboxRuntimeException("The sandbox is on no runner", true, null);
        }
        if (embedded.isPresent() && embedded.get().runnerId().equals(runnerId)) {
            return embedded.get();
        }
        RunnerRecord runner = repository.find(runnerId).orElseThrow(() -> new SandboxRuntimeException(
                "Runner %s no longer exists; the sandbox's files were on it".formatted(runnerId), false, null));
        return usable(runner);
    }

    private SandboxRuntime usable(RunnerRecord runner) throws SandboxRuntimeException {
        if (runner.embedded()) {
            throw new SandboxRuntimeException(("Runner %s is the embedded runner of a server started without it (or of another "
                    + "server); start daytona server with its embedded runner").formatted(runner.name()), true, null);
        }
        if (runner.state() == RunnerState.UNRESPONSIVE) {
            throw new SandboxRuntimeException(("Runner %s is unresponsive (last healthcheck: %s); recover the sandbox once the runner "
                    + "reports again").formatted(runner.name(), runner.lastChecked()), true, null);
        }
        if (runner.apiUrl() == null) {
            throw new SandboxRuntimeException("Runner %s has not reported its address yet (state %s)"
                    .formatted(runner.name(), runner.state().wireValue()), true, null);
        }
        RemoteRunner endpoint = new RemoteRunner(runner.id(), runner.name(), runner.apiUrl(), runner.callToken());
        Cached cached = clients.compute(runner.id(), (id, old) ->
                old != null && old.endpoint().equals(endpoint) ? old : new Cached(endpoint, remotes.apply(endpoint)));
        return cached.runtime();
    }

    /**
     * Where to reach the runner hosting a sandbox over HTTP, for the proxy and the SSH gateway:
     * empty for the embedded runner, which is reached directly. Looked up at most every two seconds.
     */
    public Optional<RemoteRunner> remote(String runnerId) {
        long now = System.nanoTime();
        Endpoint known = endpoints.get(runnerId);
        if (known != null && now - known.untilNanos() < 0) {
            return known.remote();
        }
        Optional<RemoteRunner> remote = embedded.isPresent() && embedded.get().runnerId().equals(runnerId)
                ? Optional.empty()
                : repository.find(runnerId).filter(r -> r.apiUrl() != null)
                        .map(r -> new RemoteRunner(r.id(), r.name(), r.apiUrl(), r.callToken()));
        endpoints.put(runnerId, new Endpoint(remote, now + ENDPOINT_CACHE.toNanos()));
        return remote;
    }

    /** The runner process hosting a sandbox, if the sandbox is placed on one (not on the embedded runner). */
    public Optional<RemoteRunner> remoteForSandbox(String sandboxId) {
        return repository.ofSandbox(sandboxId).flatMap(r -> remote(r.id()));
    }

    @Override
    public String place(SandboxRecord sandbox) throws SandboxRuntimeException {
        String image = imageOf(sandbox);
        synchronized (placing) {
            Candidates candidates = candidates(sandbox.region(), sandbox.cpu(), sandbox.memory(), sandbox.disk());
            if (candidates.withRoom().isEmpty()) {
                throw new SandboxRuntimeException(candidates.refusal(sandbox.region()), true, null);
            }
            List<RunnerRecord> best = candidates.withRoom().subList(0, Math.min(IMAGE_CANDIDATES, candidates.withRoom().size()));
            List<RunnerRecord> withImage = havingImage(best, image);
            RunnerRecord chosen = (withImage.isEmpty() ? best : withImage).getFirst();
            sandboxes.assignRunner(sandbox.id(), chosen.id(), clock.instant());
            LOG.info("sandbox {} placed on runner {} ({} candidate(s), {} with image {})", sandbox.id(), chosen.name(),
                    candidates.withRoom().size(), withImage.size(), image);
            return chosen.id();
        }
    }

    /** The image a sandbox will run (waiting for its snapshot's build, if any); its snapshot's name if it cannot be resolved. */
    private String imageOf(SandboxRecord sandbox) {
        try {
            return snapshots.resolve(io.daytona.controlplane.sandbox.Reconciler.spec(sandbox)).image();
        } catch (Exception e) {
            return sandbox.snapshot();
        }
    }

    /** The ready runners that have {@code image}, each asked now: {@code GET /api/runners/by-snapshot-ref}. */
    public List<io.daytona.model.region.RunnerSnapshot> havingImage(String image) {
        List<RunnerRecord> ready = repository.all(Optional.empty()).stream()
                .filter(r -> r.state() == RunnerState.READY && (r.embedded() ? embeddedId().filter(r.id()::equals).isPresent() : r.apiUrl() != null))
                .toList();
        return havingImage(ready, image).stream()
                .map(r -> new io.daytona.model.region.RunnerSnapshot(r.id() + ":" + image, r.id(), r.domain()))
                .toList();
    }

    private List<RunnerRecord> havingImage(List<RunnerRecord> runners, String image) {
        Map<RunnerRecord, Future<Boolean>> asked = new LinkedHashMap<>();
        for (RunnerRecord runner : runners) {
            asked.put(runner, questions.submit(() -> raw(runner.id()).hasImage(image)));
        }
        List<RunnerRecord> having = new ArrayList<>();
        asked.forEach((runner, answer) -> {
            try {
                if (answer.get(IMAGE_QUESTION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    having.add(runner);
                }
            } catch (Exception e) {
                answer.cancel(true);
                LOG.debug("runner {} did not say whether it has {}: {}", runner.name(), image, e.toString());
            }
        });
        return having;
    }

    /**
     * The runners of a region that could take a sandbox of these resources, best first, and why
     * each of the others cannot.
     */
    private record Candidates(List<RunnerRecord> withRoom, List<String> refusals) {
        String refusal(String region) {
            return refusals.isEmpty()
                    ? "No available runners in region %s: no runner is registered there (POST /api/runners, then start it with "
                            .formatted(region) + "daytona runner --token ...)"
                    : "No available runners in region %s: %s".formatted(region, String.join("; ", refusals));
        }
    }

    private Candidates candidates(String region, int cpu, int memory, int disk) {
        Map<String, RunnerRepository.Allocation> allocations = repository.allocations();
        List<RunnerRecord> withRoom = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (RunnerRecord runner : repository.all(Optional.of(region))) {
            RunnerRepository.Allocation allocation = allocations.getOrDefault(runner.id(), RunnerRepository.Allocation.NONE);
            Optional<String> refusal = refusal(runner, allocation, cpu, memory, disk);
            if (refusal.isPresent()) {
                refusals.add(runner.name() + " " + refusal.get());
            } else {
                withRoom.add(runner);
            }
        }
        Collections.shuffle(withRoom);
        withRoom.sort(Comparator.<RunnerRecord>comparingDouble(r -> share(r, allocations.getOrDefault(r.id(),
                        RunnerRepository.Allocation.NONE), cpu, memory, disk))
                .thenComparingInt(r -> allocations.getOrDefault(r.id(), RunnerRepository.Allocation.NONE).sandboxes()));
        return new Candidates(withRoom, refusals);
    }

    private Optional<String> refusal(RunnerRecord runner, RunnerRepository.Allocation allocation, int cpu, int memory, int disk) {
        if (runner.state() != RunnerState.READY) {
            return Optional.of("is " + runner.state().wireValue());
        }
        if (runner.embedded() && embedded.map(e -> !e.runnerId().equals(runner.id())).orElse(true)) {
            return Optional.of("is the embedded runner of another server");
        }
        if (!runner.embedded() && runner.apiUrl() == null) {
            return Optional.of("has not reported its address");
        }
        if (runner.unschedulable()) {
            return Optional.of("is unschedulable");
        }
        if (runner.draining()) {
            return Optional.of("is draining");
        }
        if (runner.unhealthy() != null) {
            return Optional.of("is unhealthy (" + runner.unhealthy() + ")");
        }
        if (runner.availabilityScore() < scoreThreshold) {
            return Optional.of("has availability score %.0f, below %.0f".formatted(runner.availabilityScore(), scoreThreshold));
        }
        if (runner.capacityDeclared()) {
            List<String> full = new ArrayList<>();
            if (allocation.cpu() + cpu > runner.capacityCpu() + 1e-9) {
                full.add("cpu %s of %s given".formatted(number(allocation.cpu()), number(runner.capacityCpu())));
            }
            if (allocation.memoryGiB() + memory > runner.capacityMemoryGiB() + 1e-9) {
                full.add("memory %s of %s GiB given".formatted(number(allocation.memoryGiB()), number(runner.capacityMemoryGiB())));
            }
            if (allocation.diskGiB() + disk > runner.capacityDiskGiB() + 1e-9) {
                full.add("disk %s of %s GiB given".formatted(number(allocation.diskGiB()), number(runner.capacityDiskGiB())));
            }
            if (!full.isEmpty()) {
                return Optional.of("has no room for %d cpu, %d GiB memory, %d GiB disk (%s)".formatted(cpu, memory, disk,
                        String.join(", ", full)));
            }
        }
        return Optional.empty();
    }

    /** The largest share of the runner's CPU, memory or disk given to sandboxes once this one is added. */
    private static double share(RunnerRecord runner, RunnerRepository.Allocation allocation, int cpu, int memory, int disk) {
        return Math.max(ratio(allocation.cpu() + cpu, runner.offeredCpu()),
                Math.max(ratio(allocation.memoryGiB() + memory, runner.offeredMemoryGiB()), ratio(allocation.diskGiB() + disk,
                        runner.offeredDiskGiB())));
    }

    private static double ratio(double part, double whole) {
        return whole <= 0 ? 0 : part / whole;
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    @Override
    public void requireRoom(String region, int cpu, int memoryGiB, int diskGiB) {
        synchronized (placing) {
            Candidates candidates = candidates(region, cpu, memoryGiB, diskGiB);
            if (candidates.withRoom().isEmpty()) {
                throw new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, candidates.refusal(region));
            }
        }
    }

    @Override
    public void requireRoomOn(String runnerId, int cpu, int memoryGiB, int diskGiB) {
        synchronized (placing) {
            RunnerRecord runner = repository.find(runnerId).orElseThrow(() -> new ServiceException(ErrorCode.SERVICE_UNAVAILABLE,
                    "Runner %s no longer exists".formatted(runnerId)));
            Optional<String> refusal = refusal(runner, repository.allocations().getOrDefault(runnerId, RunnerRepository.Allocation.NONE),
                    cpu, memoryGiB, diskGiB);
            if (refusal.isPresent()) {
                throw new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, "Runner %s, which has the sandbox's files, %s"
                        .formatted(runner.name(), refusal.get()));
            }
        }
    }

    @Override
    public boolean hasRoom(String region, int cpu, int memoryGiB, int diskGiB) {
        synchronized (placing) {
            return !candidates(region, cpu, memoryGiB, diskGiB).withRoom().isEmpty();
        }
    }

    @Override
    public Map<String, SandboxRuntime> reachable() {
        Map<String, SandboxRuntime> reachable = new LinkedHashMap<>();
        embedded.ifPresent(runtime -> reachable.put(runtime.runnerId(), runtime));
        for (RunnerRecord runner : repository.all(Optional.empty())) {
            if (runner.embedded() || runner.state() != RunnerState.READY || runner.apiUrl() == null) {
                continue;
            }
            try {
                reachable.put(runner.id(), usable(runner));
            } catch (SandboxRuntimeException e) {
                LOG.debug("runner {} is not reachable: {}", runner.name(), e.getMessage());
            }
        }
        return reachable;
    }

    @Override
    public List<LostRunner> detectLost() {
        return runners.markSilent().stream().map(r -> new LostRunner(r.id(), r.name(), r.lastChecked())).toList();
    }

    @Override
    public boolean hasImage(String image) {
        for (SandboxRuntime runtime : reachable().values()) {
            try {
                if (runtime.hasImage(image)) {
                    return true;
                }
            } catch (RuntimeException e) {
                LOG.debug("a runner could not say whether it has {}: {}", image, e.toString());
            }
        }
        return false;
    }

    private void reportLoop() {
        while (open) {
            try {
                Thread.sleep(reportInterval);
            } catch (InterruptedException e) {
                return;
            }
            embedded.ifPresent(this::reportEmbedded);
        }
    }

    /** Records the embedded runner's health as a runner process reports its own. */
    private void reportEmbedded(SandboxRuntime runtime) {
        try {
            RunnerHealthcheck health = runtime.health().orElseGet(() -> new RunnerHealthcheck(
                    new RunnerHealthMetrics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null),
                    List.of(new RunnerServiceHealth("runner", true, null)), null, null, null, null, null));
            runners.healthcheck(runtime.runnerId(), health);
        } catch (RuntimeException e) {
            LOG.warn("could not record the embedded runner's health: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        open = false;
        reports.interrupt();
        questions.shutdownNow();
        for (Cached cached : clients.values()) {
            if (cached.runtime() instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.debug("closing a runner client: {}", e.toString());
                }
            }
        }
    }
}
