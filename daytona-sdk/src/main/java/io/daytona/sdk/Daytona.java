package io.daytona.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.daytona.model.sandbox.CreateSandbox;
import io.daytona.model.sandbox.ListSandboxesResponse;
import io.daytona.model.sandbox.PaginatedSandboxes;
import io.daytona.sdk.internal.Deadline;
import io.daytona.sdk.internal.HttpTransport;
import io.daytona.sdk.internal.HttpTransport.HttpCall;
import io.daytona.sdk.internal.SdkVersion;
import io.daytona.sdk.internal.Urls;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The client of the Daytona API: creates, finds and manages sandboxes.
 *
 * <p>Thread-safe; share one instance. It holds one HTTP client, released by {@link #close()}, after
 * which it and the sandboxes it returned can no longer make calls.
 *
 * <pre>{@code
 * try (Daytona daytona = new Daytona()) {
 *     Sandbox sandbox = daytona.create(CreateSandbox.builder().labels(Map.of("team", "a")).build());
 *     System.out.println(sandbox.getProcess().executeCommand("uname -a").result());
 *     daytona.delete(sandbox);
 * }
 * }</pre>
 */
public final class Daytona implements AutoCloseable {
    /** The label that tells the toolbox which language {@code code-run} uses. */
    public static final String LANGUAGE_LABEL = "code-toolbox-language";
    /** The language of sandboxes created without a {@value #LANGUAGE_LABEL} label. */
    public static final String DEFAULT_LANGUAGE = "python";

    private final DaytonaConfig config;
    private final HttpTransport transport;
    private final SnapshotService snapshots;
    private final VolumeService volumes;
    private final OrganizationService organizations;
    private final ApiKeyService apiKeys;

    /**
     * Creates a client configured from the environment; see {@link DaytonaConfig#fromEnvironment()}.
     *
     * @throws DaytonaException if the environment holds no credentials
     */
    public Daytona() {
        this(DaytonaConfig.fromEnvironment());
    }

    /**
     * Creates a client with {@code config}.
     *
     * @param config the configuration
     */
    public Daytona(DaytonaConfig config) {
        this.config = Objects.requireNonNull(config, "config is null");
        this.transport = new HttpTransport(headers(config));
        this.snapshots = new SnapshotService(transport, config.apiUrl());
        this.volumes = new VolumeService(transport, config.apiUrl());
        this.organizations = new OrganizationService(transport, config.apiUrl());
        this.apiKeys = new ApiKeyService(transport, config.apiUrl());
    }

    /**
     * The organization's snapshots: create (from an image or an {@link Image}), get, list, delete, activate.
     *
     * @return the snapshot service of this client
     */
    public SnapshotService snapshot() {
        return snapshots;
    }

    /**
     * The organization's volumes: create, get (or create), list, delete.
     *
     * @return the volume service of this client
     */
    public VolumeService volume() {
        return volumes;
    }

    /**
     * The organizations of the key's user: list, create, delete, members.
     *
     * @return the organization service of this client
     */
    public OrganizationService organization() {
        return organizations;
    }

    /**
     * The API keys of the key's user: the current one, new ones (also in another organization), deletion.
     *
     * @return the API key service of this client
     */
    public ApiKeyService apiKey() {
        return apiKeys;
    }

    /**
     * Returns the user the API key belongs to ({@code GET /users/me}).
     *
     * @return the key's user
     * @throws DaytonaException if the call fails
     */
    public io.daytona.model.user.User currentUser() {
        return transport.send(HttpCall.get("get current user", api("/users/me")), io.daytona.model.user.User.class);
    }

    /**
     * Creates a sandbox whose image is built from {@code image} (its local files uploaded first),
     * passes the build's log lines to {@code onBuildLogs} as they are written, and waits until the
     * sandbox is started. An identical image built before is reused.
     *
     * @param image the declarative image
     * @param params everything but the image; its {@code snapshot} must be unset
     * @param onBuildLogs receives the build's log lines as they are written
     * @param timeout how long the upload, build and start may take together; {@link Duration#ZERO} for no limit
     * @return the sandbox, started
     * @throws DaytonaException if the build fails (state {@code build_failed}) or the server refuses
     */
    public Sandbox create(Image image, CreateSandbox params, Consumer<String> onBuildLogs, Duration timeout) {
        Objects.requireNonNull(image, "image is null");
        Objects.requireNonNull(onBuildLogs, "onBuildLogs is null");
        Deadline deadline = Deadline.after(Objects.requireNonNull(timeout, "timeout is null"));
        String operation = "create sandbox";
        ObjectNode tree = transport.mapper().valueToTree(withDefaults(params));
        tree.set("buildInfo", transport.mapper().valueToTree(snapshots.buildInfo(image)));
        Sandbox sandbox = new Sandbox(transport, config.apiUrl(),
                transport.send(HttpCall.post(operation, api("/sandbox"), tree), io.daytona.model.sandbox.Sandbox.class, deadline));
        while (sandbox.getState() == io.daytona.model.sandbox.SandboxState.PENDING_BUILD && !deadline.isExpired()) {
            sleep(Duration.ofMillis(500));
            sandbox.refreshData();
        }
        if (sandbox.getState() == io.daytona.model.sandbox.SandboxState.BUILDING_SNAPSHOT) {
            io.daytona.model.snapshot.Url url = transport.send(HttpCall.get(operation,
                    api("/sandbox/" + Urls.segment(sandbox.getId()) + "/build-logs-url")), io.daytona.model.snapshot.Url.class);
            snapshots.followLogs(operation, URI.create(url.url() + "?follow=true"), onBuildLogs);
            sandbox.refreshData();
        }
        sandbox.awaitStarted(operation, deadline);
        return sandbox;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DaytonaException("Interrupted while waiting for the sandbox's build", e);
        }
    }

    /** {@return the configuration of this client} */
    public DaytonaConfig config() {
        return config;
    }

    /**
     * Creates a sandbox with the server's defaults and waits up to 60 s until it is started.
     *
     * @return the sandbox, started
     * @throws DaytonaTimeoutException if it is not started in time
     * @throws DaytonaException if the server refuses, or the sandbox enters state {@code error} or {@code build_failed}
     */
    public Sandbox create() {
        return create(CreateSandbox.builder().build(), Sandbox.DEFAULT_TIMEOUT);
    }

    /**
     * Creates a sandbox and waits up to 60 s until it is started.
     *
     * @param params what to create; unset fields take the server's defaults
     * @return the sandbox, started
     * @throws DaytonaTimeoutException if it is not started in time
     * @throws DaytonaException if the server refuses, or the sandbox enters state {@code error} or {@code build_failed}
     */
    public Sandbox create(CreateSandbox params) {
        return create(params, Sandbox.DEFAULT_TIMEOUT);
    }

    /**
     * Creates a sandbox described through a builder and waits up to 60 s until it is started, e.g.
     * {@code daytona.create(params -> params.snapshot("my-snapshot").cpu(2))}.
     *
     * @param params what to create; unset fields take the server's defaults
     * @return the sandbox, started
     * @throws DaytonaTimeoutException if it is not started in time
     * @throws DaytonaException if the server refuses, or the sandbox enters state {@code error} or {@code build_failed}
     */
    public Sandbox create(Consumer<CreateSandbox.Builder> params) {
        Objects.requireNonNull(params, "params is null");
        CreateSandbox.Builder builder = CreateSandbox.builder();
        params.accept(builder);
        return create(builder.build(), Sandbox.DEFAULT_TIMEOUT);
    }

    /**
     * Creates a sandbox ({@code POST /sandbox}) and waits until it is started.
     *
     * <p>The configured target is used when {@code params} has none, and the label
     * {@value #LANGUAGE_LABEL} is set to {@value #DEFAULT_LANGUAGE} when {@code params} has none.
     *
     * @param params what to create; unset fields take the server's defaults
     * @param timeout how long the request and the wait may take together; {@link Duration#ZERO} for no limit
     * @return the sandbox, started
     * @throws DaytonaTimeoutException if it is not started in time; the sandbox may exist nonetheless
     * @throws DaytonaException if the server refuses, or the sandbox enters state {@code error} or {@code build_failed}
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public Sandbox create(CreateSandbox params, Duration timeout) {
        Objects.requireNonNull(params, "params is null");
        Deadline deadline = Deadline.after(Objects.requireNonNull(timeout, "timeout is null"));
        String operation = "create sandbox";
        HttpCall call = HttpCall.post(operation, api("/sandbox"), withDefaults(params));
        Sandbox sandbox = new Sandbox(transport, config.apiUrl(),
                transport.send(call, io.daytona.model.sandbox.Sandbox.class, deadline));
        sandbox.awaitStarted(operation, deadline);
        return sandbox;
    }

    /**
     * Returns the sandbox with the given ID or name ({@code GET /sandbox/{idOrName}}).
     *
     * @param idOrName the sandbox's ID or name
     * @return the sandbox with the given ID or name
     * @throws DaytonaNotFoundException if there is none
     * @throws DaytonaException if the call fails
     */
    public Sandbox get(String idOrName) {
        Objects.requireNonNull(idOrName, "idOrName is null");
        if (idOrName.isBlank()) {
            throw new IllegalArgumentException("idOrName is blank");
        }
        HttpCall call = HttpCall.get("get sandbox", api("/sandbox/" + Urls.segment(idOrName)));
        return new Sandbox(transport, config.apiUrl(), transport.send(call, io.daytona.model.sandbox.Sandbox.class));
    }

    /**
     * Returns every sandbox of the organization, fetching all pages.
     *
     * <p>Listed sandboxes carry the list view of the server: their {@link Sandbox#getEnv()} is
     * empty until {@link Sandbox#refreshData()}.
     *
     * @return every sandbox of the organization, fetching all pages
     * @throws DaytonaException if a call fails
     */
    public List<Sandbox> list() {
        return list(Map.of());
    }

    /**
     * Returns every sandbox carrying all of {@code labels}, fetching all pages.
     *
     * @param labels the labels a sandbox must all carry; empty for every sandbox
     * @return every sandbox carrying all of {@code labels}, fetching all pages
     * @throws DaytonaException if a call fails
     */
    public List<Sandbox> list(Map<String, String> labels) {
        return list(labels, 0);
    }

    /**
     * Returns every sandbox carrying all of {@code labels}, fetching pages of {@code pageSize}
     * sandboxes ({@code GET /sandbox?cursor=&limit=&labels=}) until the server sends no next cursor.
     *
     * @param labels the labels a sandbox must all carry; empty for every sandbox
     * @param pageSize the sandboxes per page; 0 for the server's default (100)
     * @return every sandbox carrying all of {@code labels}, fetching pages of {@code pageSize} sandboxes until the server sends no next cursor
     * @throws DaytonaException if a call fails
     * @throws IllegalArgumentException if {@code pageSize} is negative
     */
    public List<Sandbox> list(Map<String, String> labels, int pageSize) {
        Objects.requireNonNull(labels, "labels is null");
        if (pageSize < 0) {
            throw new IllegalArgumentException("pageSize must not be negative (0 for the server's default): " + pageSize);
        }
        String operation = "list sandboxes";
        String labelsJson = labels.isEmpty() ? null : toJson(operation, labels);
        List<Sandbox> sandboxes = new ArrayList<>();
        String cursor = null;
        while (true) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("cursor", cursor);
            query.put("limit", pageSize == 0 ? null : Integer.toString(pageSize));
            query.put("labels", labelsJson);
            ListSandboxesResponse page =
                    transport.send(HttpCall.get(operation, api("/sandbox" + Urls.query(query))), ListSandboxesResponse.class);
            if (page == null) {
                throw new DaytonaException("Failed to " + operation + ": the server sent an empty page");
            }
            page.items().forEach(item -> sandboxes.add(new Sandbox(transport, config.apiUrl(), item)));
            String next = page.nextCursor();
            if (next == null || next.isEmpty()) {
                return List.copyOf(sandboxes);
            }
            if (next.equals(cursor)) {
                throw new DaytonaException("Failed to " + operation + ": the server sent the same cursor twice: " + next);
            }
            cursor = next;
        }
    }

    /**
     * Returns one page of the sandboxes carrying all of {@code labels}
     * ({@code GET /sandbox/paginated?page=&limit=&labels=}), newest first, with the total count.
     *
     * @param labels the labels a sandbox must all carry; empty for every sandbox
     * @param page the page number, from 1
     * @param limit the sandboxes per page, from 1 to 200
     * @return one page of the sandboxes carrying all of {@code labels}, newest first, with the total count
     * @throws DaytonaException if the call fails
     * @throws IllegalArgumentException if {@code page} or {@code limit} is out of range
     */
    public SandboxPage list(Map<String, String> labels, int page, int limit) {
        Objects.requireNonNull(labels, "labels is null");
        if (page < 1) {
            throw new IllegalArgumentException("page must be 1 or more: " + page);
        }
        if (limit < 1 || limit > 200) {
            throw new IllegalArgumentException("limit must be from 1 to 200: " + limit);
        }
        String operation = "list sandboxes";
        Map<String, String> query = new LinkedHashMap<>();
        query.put("page", Integer.toString(page));
        query.put("limit", Integer.toString(limit));
        query.put("labels", labels.isEmpty() ? null : toJson(operation, labels));
        PaginatedSandboxes result =
                transport.send(HttpCall.get(operation, api("/sandbox/paginated" + Urls.query(query))), PaginatedSandboxes.class);
        if (result == null) {
            throw new DaytonaException("Failed to " + operation + ": the server sent an empty page");
        }
        List<Sandbox> items = result.items().stream().map(item -> new Sandbox(transport, config.apiUrl(), item)).toList();
        return new SandboxPage(items, result.total(), result.page(), result.totalPages());
    }

    /**
     * Returns the sandbox with ID or name {@code idOrName}, as {@link #get(String)} does; named
     * after the Python SDK's {@code find_one(sandbox_id=...)}.
     *
     * @param idOrName the sandbox's ID or name
     * @return the sandbox with ID or name {@code idOrName}
     * @throws DaytonaNotFoundException if there is none
     */
    public Sandbox findOne(String idOrName) {
        return get(idOrName);
    }

    /**
     * Returns the first sandbox carrying all of {@code labels} (the newest when several do).
     *
     * @param labels the labels a sandbox must all carry; empty for every sandbox
     * @return the first sandbox carrying all of {@code labels} (the newest when several do)
     * @throws DaytonaNotFoundException if no sandbox carries them
     * @throws DaytonaException if the call fails
     */
    public Sandbox findOne(Map<String, String> labels) {
        SandboxPage page = list(labels, 1, 1);
        if (page.items().isEmpty()) {
            throw new DaytonaNotFoundException("Failed to find sandbox: no sandbox has the labels " + labels);
        }
        return page.items().getFirst();
    }

    /**
     * Starts {@code sandbox} and waits up to 60 s; see {@link Sandbox#start()}.
     *
     * @param sandbox the sandbox
     */
    public void start(Sandbox sandbox) {
        Objects.requireNonNull(sandbox, "sandbox is null").start();
    }

    /**
     * Starts {@code sandbox} and waits up to {@code timeout}; see {@link Sandbox#start(Duration)}.
     *
     * @param sandbox the sandbox
     * @param timeout how long it may take; {@link Duration#ZERO} for no limit
     */
    public void start(Sandbox sandbox, Duration timeout) {
        Objects.requireNonNull(sandbox, "sandbox is null").start(timeout);
    }

    /**
     * Stops {@code sandbox} and waits up to 60 s; see {@link Sandbox#stop()}.
     *
     * @param sandbox the sandbox
     */
    public void stop(Sandbox sandbox) {
        Objects.requireNonNull(sandbox, "sandbox is null").stop();
    }

    /**
     * Stops {@code sandbox} and waits up to {@code timeout}; see {@link Sandbox#stop(Duration)}.
     *
     * @param sandbox the sandbox
     * @param timeout how long it may take; {@link Duration#ZERO} for no limit
     */
    public void stop(Sandbox sandbox, Duration timeout) {
        Objects.requireNonNull(sandbox, "sandbox is null").stop(timeout);
    }

    /**
     * Deletes {@code sandbox}; see {@link Sandbox#delete()}.
     *
     * @param sandbox the sandbox
     * @throws DaytonaException if the call fails
     */
    public void delete(Sandbox sandbox) {
        Objects.requireNonNull(sandbox, "sandbox is null").delete();
    }

    /**
     * Deletes {@code sandbox}, the call taking at most {@code timeout}; see {@link Sandbox#delete(Duration)}.
     *
     * @param sandbox the sandbox
     * @param timeout how long the call may take; {@link Duration#ZERO} for no limit
     * @throws DaytonaTimeoutException if it takes longer
     * @throws DaytonaException if the call fails
     */
    public void delete(Sandbox sandbox, Duration timeout) {
        Objects.requireNonNull(sandbox, "sandbox is null").delete(timeout);
    }

    /**
     * Releases the HTTP client, waiting for calls in flight. Later calls through this client or its
     * sandboxes throw {@link IllegalStateException}. Idempotent.
     */
    @Override
    public void close() {
        transport.close();
    }

    private CreateSandbox withDefaults(CreateSandbox params) {
        ObjectNode tree = transport.mapper().valueToTree(params);
        if (config.target() != null && !hasText(tree.get("target"))) {
            tree.put("target", config.target());
        }
        ObjectNode labels = tree.get("labels") instanceof ObjectNode existing ? existing : tree.putObject("labels");
        if (!hasText(labels.get(LANGUAGE_LABEL))) {
            labels.put(LANGUAGE_LABEL, DEFAULT_LANGUAGE);
        }
        try {
            return transport.mapper().treeToValue(tree, CreateSandbox.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not copy the CreateSandbox parameters", e);
        }
    }

    private String toJson(String operation, Object value) {
        try {
            return transport.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new DaytonaException("Failed to " + operation + ": " + e.getOriginalMessage(), e);
        }
    }

    private URI api(String pathAndQuery) {
        return URI.create(config.apiUrl() + pathAndQuery);
    }

    private static boolean hasText(JsonNode node) {
        return node != null && !node.isNull() && !node.asText().isBlank();
    }

    private static Map<String, String> headers(DaytonaConfig config) {
        String version = SdkVersion.current();
        Map<String, String> headers = new LinkedHashMap<>();
        if (config.usesJwt()) {
            headers.put("Authorization", "Bearer " + config.jwtToken());
            headers.put("X-Daytona-Organization-ID", config.organizationId());
        } else {
            headers.put("Authorization", "Bearer " + config.apiKey());
        }
        headers.put("X-Daytona-Source", SdkVersion.SOURCE);
        headers.put("X-Daytona-SDK-Version", version);
        headers.put("User-Agent", SdkVersion.SOURCE + "/" + version);
        return headers;
    }
}
