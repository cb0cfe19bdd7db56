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
    private final AsyncOrganizationService organizations;
    private final AsyncApiKeyService apiKeys;

    /** Creates a client configured from the environment; see {@link DaytonaConfig#fromEnvironment()}. */
    public DaytonaAsync() {
        this(DaytonaConfig.fromEnvironment());
    }

    /**
     * Creates a client with {@code config}.
     *
     * @param config the configuration
     */
    public DaytonaAsync(DaytonaConfig config) {
        this.daytona = new Daytona(Objects.requireNonNull(config, "config is null"));
        this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("daytona-async-", 0).factory());
        this.calls = new AsyncCalls(executor);
        this.snapshots = new AsyncSnapshotService(daytona.snapshot(), calls);
        this.volumes = new AsyncVolumeService(daytona.volume(), calls);
        this.organizations = new AsyncOrganizationService(daytona.organization(), calls);
        this.apiKeys = new AsyncApiKeyService(daytona.apiKey(), calls);
    }

    /**
     * The organization's snapshots: create (from an image or an {@link Image}), get, list, delete, activate.
     *
     * @return the snapshot service of this client
     */
    public AsyncSnapshotService snapshot() {
        return snapshots;
    }

    /**
     * The organization's volumes: create, get (or create), list, delete.
     *
     * @return the volume service of this client
     */
    public AsyncVolumeService volume() {
        return volumes;
    }

    /**
     * The organizations of the key's user: list, create, delete, members.
     *
     * @return the organization service of this client
     */
    public AsyncOrganizationService organization() {
        return organizations;
    }

    /**
     * The API keys of the key's user: the current one, new ones (also in another organization), deletion.
     *
     * @return the API key service of this client
     */
    public AsyncApiKeyService apiKey() {
        return apiKeys;
    }

    /**
     * The asynchronous {@link Daytona#currentUser()}.
     *
     * @return a future of the user the API key belongs to
     */
    public CompletableFuture<io.daytona.model.user.User> currentUser() {
        return calls.supply(daytona::currentUser);
    }

    /**
     * Builds {@code image} (or reuses an identical build) and creates a sandbox from it; see
     * {@link Daytona#create(Image, CreateSandbox, Consumer, Duration)}.
     *
     * @param image the declarative image
     * @param params everything but the image; its {@code snapshot} must be unset
     * @param onBuildLogs receives the build's log lines as they are written
     * @param timeout how long the upload, build and start may take together; {@link Duration#ZERO} for no limit
     * @return a future of the sandbox, started
     */
    public CompletableFuture<AsyncSandbox> create(Image image, CreateSandbox params, java.util.function.Consumer<String> onBuildLogs,
                                                  Duration timeout) {
        Objects.requireNonNull(image, "image is null");
        return wrap(calls.supply(() -> daytona.create(image, params, onBuildLogs, timeout)));
    }

    /** {@return the blocking client this one wraps; closing either closes both} */
    public Daytona sync() {
        return daytona;
    }

    /** {@return the configuration of this client} */
    public DaytonaConfig config() {
        return daytona.config();
    }

    /**
     * Creates a sandbox from the default snapshot; see {@link Daytona#create()}.
     *
     * @return a future of the sandbox, started
     */
    public CompletableFuture<AsyncSandbox> create() {
        return wrap(calls.supply(daytona::create));
    }

    /**
     * Creates a sandbox; see {@link Daytona#create(CreateSandbox)}.
     *
     * @param params what to create; unset fields take the server's defaults
     * @return a future of the sandbox, started
     */
    public CompletableFuture<AsyncSandbox> create(CreateSandbox params) {
        Objects.requireNonNull(params, "params is null");
        return wrap(calls.supply(() -> daytona.create(params)));
    }

    /**
     * Creates a sandbox and waits up to {@code timeout} for it to start; see {@link Daytona#create(CreateSandbox, Duration)}.
     *
     * @param params what to create; unset fields take the server's defaults
     * @param timeout how long the request and the wait may take together; {@link Duration#ZERO} for no limit
     * @return a future of the sandbox, started
     */
    public CompletableFuture<AsyncSandbox> create(CreateSandbox params, Duration timeout) {
        Objects.requireNonNull(params, "params is null");
        return wrap(calls.supply(() -> daytona.create(params, timeout)));
    }

    /**
     * Creates a sandbox described through a builder; see {@link Daytona#create(Consumer)}.
     *
     * @param params what to create; unset fields take the server's defaults
     * @return a future of the sandbox, started
     */
    public CompletableFuture<AsyncSandbox> create(java.util.function.Consumer<CreateSandbox.Builder> params) {
        Objects.requireNonNull(params, "params is null");
        return wrap(calls.supply(() -> daytona.create(params)));
    }

    /**
     * Returns the sandbox with ID or name {@code idOrName}; see {@link Daytona#get(String)}.
     *
     * @param idOrName the sandbox's ID or name
     * @return a future of the sandbox with the given ID or name
     */
    public CompletableFuture<AsyncSandbox> get(String idOrName) {
        return wrap(calls.supply(() -> daytona.get(idOrName)));
    }

    /**
     * Returns the sandbox with ID or name {@code idOrName}; see {@link Daytona#findOne(String)}.
     *
     * @param idOrName the sandbox's ID or name
     * @return a future of the sandbox with ID or name {@code idOrName}
     */
    public CompletableFuture<AsyncSandbox> findOne(String idOrName) {
        return wrap(calls.supply(() -> daytona.findOne(idOrName)));
    }

    /**
     * Returns the first sandbox carrying all of {@code labels}; see {@link Daytona#findOne(Map)}.
     *
     * @param labels the labels a sandbox must all carry; empty for every sandbox
     * @return a future of the first sandbox carrying all of {@code labels} (the newest when several do)
     */
    public CompletableFuture<AsyncSandbox> findOne(Map<String, String> labels) {
        return wrap(calls.supply(() -> daytona.findOne(labels)));
    }

    /**
     * Returns every sandbox; see {@link Daytona#list()}.
     *
     * @return a future of every sandbox of the organization, fetching all pages
     */
    public CompletableFuture<List<AsyncSandbox>> list() {
        return calls.supply(() -> wrapAll(daytona.list()));
    }

    /**
     * Returns every sandbox carrying all of {@code labels}; see {@link Daytona#list(Map)}.
     *
     * @param labels the labels a sandbox must all carry; empty for every sandbox
     * @return a future of every sandbox carrying all of {@code labels}, fetching all pages
     */
    public CompletableFuture<List<AsyncSandbox>> list(Map<String, String> labels) {
        return calls.supply(() -> wrapAll(daytona.list(labels)));
    }

    /**
     * Returns every sandbox carrying all of {@code labels}, in pages of {@code pageSize}; see {@link Daytona#list(Map, int)}.
     *
     * @param labels the labels a sandbox must all carry; empty for every sandbox
     * @param pageSize the sandboxes per page; 0 for the server's default (100)
     * @return a future of every sandbox carrying all of {@code labels}, fetching pages of {@code pageSize} sandboxes until the server sends no next cursor
     */
    public CompletableFuture<List<AsyncSandbox>> list(Map<String, String> labels, int pageSize) {
        return calls.supply(() -> wrapAll(daytona.list(labels, pageSize)));
    }

    /**
     * Returns one page of sandboxes; see {@link Daytona#list(Map, int, int)}. Its items are blocking {@link Sandbox}es: wrap one with {@link #wrap(Sandbox)}.
     *
     * @param labels the labels a sandbox must all carry; empty for every sandbox
     * @param page the page number, from 1
     * @param limit the sandboxes per page, from 1 to 200
     * @return a future of one page of the sandboxes carrying all of {@code labels}, newest first, with the total count
     */
    public CompletableFuture<SandboxPage> list(Map<String, String> labels, int page, int limit) {
        return calls.supply(() -> daytona.list(labels, page, limit));
    }

    /**
     * Starts {@code sandbox} and waits for it; see {@link Sandbox#start()}.
     *
     * @param sandbox the sandbox
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> start(AsyncSandbox sandbox) {
        return Objects.requireNonNull(sandbox, "sandbox is null").start();
    }

    /**
     * Stops {@code sandbox} and waits for it; see {@link Sandbox#stop()}.
     *
     * @param sandbox the sandbox
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> stop(AsyncSandbox sandbox) {
        return Objects.requireNonNull(sandbox, "sandbox is null").stop();
    }

    /**
     * Deletes {@code sandbox}; see {@link Sandbox#delete()}.
     *
     * @param sandbox the sandbox
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> delete(AsyncSandbox sandbox) {
        return Objects.requireNonNull(sandbox, "sandbox is null").delete();
    }

    /**
     * Starts {@code sandbox} and waits up to {@code timeout}; see {@link Sandbox#start(Duration)}.
     *
     * @param sandbox the sandbox
     * @param timeout how long the call and the wait may take together; {@link Duration#ZERO} for no limit
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> start(AsyncSandbox sandbox, Duration timeout) {
        return Objects.requireNonNull(sandbox, "sandbox is null").start(timeout);
    }

    /**
     * Stops {@code sandbox} and waits up to {@code timeout}; see {@link Sandbox#stop(Duration)}.
     *
     * @param sandbox the sandbox
     * @param timeout how long the call and the wait may take together; {@link Duration#ZERO} for no limit
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> stop(AsyncSandbox sandbox, Duration timeout) {
        return Objects.requireNonNull(sandbox, "sandbox is null").stop(timeout);
    }

    /**
     * Deletes {@code sandbox}, the call taking at most {@code timeout}; see {@link Sandbox#delete(Duration)}.
     *
     * @param sandbox the sandbox
     * @param timeout how long the call may take; {@link Duration#ZERO} for no limit
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> delete(AsyncSandbox sandbox, Duration timeout) {
        return Objects.requireNonNull(sandbox, "sandbox is null").delete(timeout);
    }

    /**
     * Returns an asynchronous view of {@code sandbox}, which must come from this client's {@link #sync()}.
     *
     * @param sandbox a sandbox of the blocking client
     * @return its asynchronous view
     */
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
