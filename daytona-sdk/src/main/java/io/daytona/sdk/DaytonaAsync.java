package io.daytona.sdk;

import io.daytona.model.sandbox.CreateSandbox;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The asynchronous Daytona client: every call returns a {@link CompletableFuture} at once and runs
 * on a virtual thread of its own, so thousands of calls may be in flight without a thread pool to
 * size. It wraps a {@link Daytona} and shares its model classes, configuration and behaviour
 * (errors, retries, timeouts); {@link #sync()} gives that blocking client for code that prefers it.
 *
 * <pre>{@code
 * try (DaytonaAsync daytona = new DaytonaAsync()) {
 *     daytona.create()
 *             .thenCompose(sandbox -> sandbox.getProcess().executeCommand("echo hello")
 *                     .thenApply(ExecuteResponse::result)
 *                     .whenComplete((result, failure) -> sandbox.delete()))
 *             .thenAccept(System.out::println)
 *             .join();
 * }
 * }</pre>
 *
 * <p>Closing the client waits for nothing: calls still running fail, as they do when a
 * {@link Daytona} is closed.
 */
public final class DaytonaAsync implements AutoCloseable {
    private final Daytona daytona;
    private final ExecutorService executor;
    private final AsyncCalls calls;
    private final AsyncSnapshotService snapshots;
    private final AsyncVolumeService volumes;

    /** Creates a client configured from the environment; see {@link DaytonaConfig#fromEnvironment()}. */
    public DaytonaAsync() {
        this(DaytonaConfig.fromEnvironment());
    }

    /** Creates a client with {@code config}. */
    public DaytonaAsync(DaytonaConfig config) {
        this.daytona = new Daytona(Objects.requireNonNull(config, "config is null"));
        this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("daytona-async-", 0).factory());
        this.calls = new AsyncCalls(executor);
        this.snapshots = new AsyncSnapshotService(daytona.snapshot(), calls);
        this.volumes = new AsyncVolumeService(daytona.volume(), calls);
    }

    /** Snapshots: create (from an image name or an {@link Image} build), get, list, delete, activate. */
    public AsyncSnapshotService snapshot() {
        return snapshots;
    }

    /** Volumes: create, get, list, delete. */
    public AsyncVolumeService volume() {
        return volumes;
    }

    /**
     * Builds {@code image} (or reuses an identical build) and creates a sandbox from it; see
     * {@link Daytona#create(Image, CreateSandbox, Consumer, Duration)}.
     */
    public CompletableFuture<AsyncSandbox> create(Image image, CreateSandbox params, java.util.function.Consumer<String> onBuildLogs,
                                                  Duration timeout) {
        Objects.requireNonNull(image, "image is null");
        return wrap(calls.supply(() -> daytona.create(image, params, onBuildLogs, timeout)));
    }

    /** Returns the blocking client this one wraps; closing either closes both. */
    public Daytona sync() {
        return daytona;
    }

    /** Returns the configuration. */
    public DaytonaConfig config() {
        return daytona.config();
    }

    /** Creates a sandbox from the default snapshot; see {@link Daytona#create()}. */
    public CompletableFuture<AsyncSandbox> create() {
        return wrap(calls.supply(daytona::create));
    }

    /** Creates a sandbox; see {@link Daytona#create(CreateSandbox)}. */
    public CompletableFuture<AsyncSandbox> create(CreateSandbox params) {
        Objects.requireNonNull(params, "params is null");
        return wrap(calls.supply(() -> daytona.create(params)));
    }

    /** Creates a sandbox and waits up to {@code timeout} for it to start; see {@link Daytona#create(CreateSandbox, Duration)}. */
    public CompletableFuture<AsyncSandbox> create(CreateSandbox params, Duration timeout) {
        Objects.requireNonNull(params, "params is null");
        return wrap(calls.supply(() -> daytona.create(params, timeout)));
    }

    /** Creates a sandbox described through a builder; see {@link Daytona#create(Consumer)}. */
    public CompletableFuture<AsyncSandbox> create(java.util.function.Consumer<CreateSandbox.Builder> params) {
        Objects.requireNonNull(params, "params is null");
        return wrap(calls.supply(() -> daytona.create(params)));
    }

    /** Returns the sandbox with ID or name {@code idOrName}; see {@link Daytona#get(String)}. */
    public CompletableFuture<AsyncSandbox> get(String idOrName) {
        return wrap(calls.supply(() -> daytona.get(idOrName)));
    }

    /** Returns the sandbox with ID or name {@code idOrName}; see {@link Daytona#findOne(String)}. */
    public CompletableFuture<AsyncSandbox> findOne(String idOrName) {
        return wrap(calls.supply(() -> daytona.findOne(idOrName)));
    }

    /** Returns the first sandbox carrying all of {@code labels}; see {@link Daytona#findOne(Map)}. */
    public CompletableFuture<AsyncSandbox> findOne(Map<String, String> labels) {
        return wrap(calls.supply(() -> daytona.findOne(labels)));
    }

    /** Returns every sandbox; see {@link Daytona#list()}. */
    public CompletableFuture<List<AsyncSandbox>> list() {
        return calls.supply(() -> wrapAll(daytona.list()));
    }

    /** Returns every sandbox carrying all of {@code labels}; see {@link Daytona#list(Map)}. */
    public CompletableFuture<List<AsyncSandbox>> list(Map<String, String> labels) {
        return calls.supply(() -> wrapAll(daytona.list(labels)));
    }

    /** Returns every sandbox carrying all of {@code labels}, in pages of {@code pageSize}; see {@link Daytona#list(Map, int)}. */
    public CompletableFuture<List<AsyncSandbox>> list(Map<String, String> labels, int pageSize) {
        return calls.supply(() -> wrapAll(daytona.list(labels, pageSize)));
    }

    /** Returns one page of sandboxes; see {@link Daytona#list(Map, int, int)}. Its items are blocking {@link Sandbox}es: wrap one with {@link #wrap(Sandbox)}. */
    public CompletableFuture<SandboxPage> list(Map<String, String> labels, int page, int limit) {
        return calls.supply(() -> daytona.list(labels, page, limit));
    }

    /** Starts {@code sandbox} and waits for it; see {@link Sandbox#start()}. */
    public CompletableFuture<Void> start(AsyncSandbox sandbox) {
        return Objects.requireNonNull(sandbox, "sandbox is null").start();
    }

    /** Stops {@code sandbox} and waits for it; see {@link Sandbox#stop()}. */
    public CompletableFuture<Void> stop(AsyncSandbox sandbox) {
        return Objects.requireNonNull(sandbox, "sandbox is null").stop();
    }

    /** Deletes {@code sandbox}; see {@link Sandbox#delete()}. */
    public CompletableFuture<Void> delete(AsyncSandbox sandbox) {
        return Objects.requireNonNull(sandbox, "sandbox is null").delete();
    }

    /** Starts {@code sandbox} and waits up to {@code timeout}; see {@link Sandbox#start(Duration)}. */
    public CompletableFuture<Void> start(AsyncSandbox sandbox, Duration timeout) {
        return Objects.requireNonNull(sandbox, "sandbox is null").start(timeout);
    }

    /** Stops {@code sandbox} and waits up to {@code timeout}; see {@link Sandbox#stop(Duration)}. */
    public CompletableFuture<Void> stop(AsyncSandbox sandbox, Duration timeout) {
        return Objects.requireNonNull(sandbox, "sandbox is null").stop(timeout);
    }

    /** Deletes {@code sandbox}, the call taking at most {@code timeout}; see {@link Sandbox#delete(Duration)}. */
    public CompletableFuture<Void> delete(AsyncSandbox sandbox, Duration timeout) {
        return Objects.requireNonNull(sandbox, "sandbox is null").delete(timeout);
    }

    /** Returns an asynchronous view of {@code sandbox}, which must come from this client's {@link #sync()}. */
    public AsyncSandbox wrap(Sandbox sandbox) {
        return new AsyncSandbox(Objects.requireNonNull(sandbox, "sandbox is null"), calls);
    }

    /** Closes the HTTP client and stops accepting calls. */
    @Override
    public void close() {
        daytona.close();
        executor.shutdownNow();
    }

    private CompletableFuture<AsyncSandbox> wrap(CompletableFuture<Sandbox> sandbox) {
        return sandbox.thenApply(this::wrap);
    }

    private List<AsyncSandbox> wrapAll(List<Sandbox> sandboxes) {
        return sandboxes.stream().map(this::wrap).toList();
    }
}
