package io.daytona.sdk;

import io.daytona.model.sandbox.CreateBuildInfo;
import io.daytona.model.snapshot.CreateSnapshot;
import io.daytona.model.snapshot.PaginatedSnapshots;
import io.daytona.model.snapshot.Snapshot;
import io.daytona.model.snapshot.SnapshotState;
import io.daytona.model.snapshot.Url;
import io.daytona.model.storage.StorageAccess;
import io.daytona.sdk.internal.Deadline;
import io.daytona.sdk.internal.HttpTransport;
import io.daytona.sdk.internal.HttpTransport.HttpCall;
import io.daytona.sdk.internal.Urls;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Snapshots ({@code daytona.snapshot()}): sandbox templates made from an image or from a
 * declarative {@link Image}, whose build logs can be followed as they are written.
 *
 * <pre>{@code
 * Snapshot snapshot = daytona.snapshot().create("my-snapshot",
 *         Image.base("localhost/daytona/sandbox:0.1.0").runCommands("pip install requests"), System.out::println);
 * Sandbox sandbox = daytona.create(params -> params.snapshot("my-snapshot"));
 * }</pre>
 */
public final class SnapshotService {
    private static final Duration POLL = Duration.ofSeconds(1);

    private final HttpTransport transport;
    private final String apiUrl;

    SnapshotService(HttpTransport transport, String apiUrl) {
        this.transport = Objects.requireNonNull(transport, "transport is null");
        this.apiUrl = Objects.requireNonNull(apiUrl, "apiUrl is null");
    }

    /**
     * Creates a snapshot of an image that has a tag or a digest, e.g.
     * {@code localhost/my-image:1.0}, and waits until it is active.
     *
     * @param name the snapshot's name, unique in the organization
     * @param imageName the image
     * @return the snapshot, active
     * @throws DaytonaValidationException if the image name is refused (no tag, {@code latest})
     * @throws DaytonaException if the snapshot ends in {@code error}
     */
    public Snapshot create(String name, String imageName) {
        return create(CreateSnapshot.ofImage(name, imageName), line -> { }, Duration.ZERO);
    }

    /**
     * Creates a snapshot built from {@code image}, uploading its local files first, passes the
     * build's log lines to {@code onLogs} as they are written, and waits until it is active.
     *
     * @param name the snapshot's name, unique in the organization
     * @param image the declarative image
     * @param onLogs receives progress messages and build log lines
     * @return the snapshot, active
     * @throws DaytonaException if the build fails ({@code build_failed}; the message has the reason)
     */
    public Snapshot create(String name, Image image, Consumer<String> onLogs) {
        return create(CreateSnapshotParams.builder(name).image(image).build(), onLogs, Duration.ZERO);
    }

    /**
     * Creates a snapshot as the Python SDK's {@code create(params, on_logs, timeout)} does: the
     * declarative image's local files are uploaded first ({@link #processImageContext(Image)}),
     * then the snapshot is requested and its build logs followed until it is active.
     *
     * @param params the name, the image (a name or an {@link Image}), resources, entrypoint and region
     * @param onLogs receives progress messages and build log lines
     * @param timeout how long to wait; {@link Duration#ZERO} for no limit (the Python SDK's default)
     * @return the snapshot, active
     * @throws DaytonaTimeoutException if it is not active in time; it may still become so
     * @throws DaytonaException if it ends in {@code error} or {@code build_failed}
     */
    public Snapshot create(CreateSnapshotParams params, Consumer<String> onLogs, Duration timeout) {
        Objects.requireNonNull(params, "params is null");
        Deadline deadline = Deadline.after(timeout);
        Resources resources = params.resources() == null ? new Resources(null, null, null) : params.resources();
        CreateBuildInfo build = params.image() == null ? null : buildInfo(params.image());
        CreateSnapshot request = new CreateSnapshot(params.name(), params.imageName(), params.entrypoint(), resources.cpu(),
                resources.gpu(), null, resources.memory(), resources.disk(), build, params.regionId(), null);
        // The upload counts against the timeout; what is left of it bounds the build.
        return create(request, onLogs, deadline.isUnbounded() ? Duration.ZERO : deadline.requestTimeout().orElseThrow());
    }

    /**
     * Creates a snapshot ({@code POST /snapshots}) and waits until it is active, following its
     * build logs when it is built from a Dockerfile.
     *
     * @param request the wire request; a build's contexts must be uploaded already
     * @param onLogs receives progress messages and build log lines
     * @param timeout how long to wait; {@link Duration#ZERO} (the default) for no limit
     * @return the snapshot, active
     * @throws DaytonaTimeoutException if it is not active in time; it may still become so
     * @throws DaytonaException if it ends in {@code error} or {@code build_failed}
     */
    public Snapshot create(CreateSnapshot request, Consumer<String> onLogs, Duration timeout) {
        Objects.requireNonNull(request, "request is null");
        Objects.requireNonNull(onLogs, "onLogs is null");
        Deadline deadline = Deadline.after(timeout);
        String operation = "create snapshot";
        Snapshot snapshot = transport.send(HttpCall.post(operation, api("/snapshots"), request), Snapshot.class, deadline);
        onLogs.accept("Creating snapshot " + snapshot.name() + " (" + snapshot.state().wireValue() + ")");
        if (request.buildInfo() != null && !snapshot.state().isTerminal()) {
            Url url = transport.send(HttpCall.get(operation, api("/snapshots/" + Urls.segment(snapshot.id()) + "/build-logs-url")), Url.class);
            followLogs(operation, URI.create(url.url() + "?follow=true"), onLogs);
        }
        while (!snapshot.state().isTerminal()) {
            if (deadline.isExpired()) {
                throw new DaytonaTimeoutException("Failed to " + operation + ": snapshot " + snapshot.name() + " is still "
                        + snapshot.state().wireValue() + " after " + Deadline.format(deadline.timeout()));
            }
            sleep(POLL);
            snapshot = get(snapshot.id());
        }
        if (snapshot.state() == SnapshotState.ERROR || snapshot.state() == SnapshotState.BUILD_FAILED) {
            throw new DaytonaException("Failed to " + operation + ": snapshot " + snapshot.name() + " ended in state "
                    + snapshot.state().wireValue() + ": " + snapshot.errorReason());
        }
        onLogs.accept("Created snapshot " + snapshot.name() + " (" + snapshot.state().wireValue() + ")");
        return snapshot;
    }

    /**
     * Returns the snapshot with this name or ID ({@code GET /snapshots/{idOrName}}).
     *
     * @param nameOrId the snapshot's name or ID
     * @return the snapshot
     * @throws DaytonaNotFoundException if there is none
     */
    public Snapshot get(String nameOrId) {
        Objects.requireNonNull(nameOrId, "nameOrId is null");
        return transport.send(HttpCall.get("get snapshot", api("/snapshots/" + Urls.segment(nameOrId))), Snapshot.class);
    }

    /**
     * Returns the first page of snapshots (up to 100), newest first.
     *
     * @return the page, with the total count
     */
    public PaginatedSnapshots list() {
        return list(1, 100);
    }

    /**
     * Returns one page of snapshots ({@code GET /snapshots?page=&limit=}).
     *
     * @param page the page number, from 1
     * @param limit the snapshots per page
     * @return the page, with the total count
     * @throws IllegalArgumentException if {@code page} or {@code limit} is below 1
     */
    public PaginatedSnapshots list(int page, int limit) {
        if (page < 1 || limit < 1) {
            throw new IllegalArgumentException("page and limit must be 1 or more: page " + page + ", limit " + limit);
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("page", Integer.toString(page));
        query.put("limit", Integer.toString(limit));
        return transport.send(HttpCall.get("list snapshots", api("/snapshots" + Urls.query(query))), PaginatedSnapshots.class);
    }

    /**
     * Deletes the snapshot ({@code DELETE /snapshots/{id}}).
     *
     * @param snapshot the snapshot, as returned by this service
     * @throws DaytonaException if the call fails
     */
    public void delete(Snapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot is null");
        transport.send(HttpCall.delete("delete snapshot", api("/snapshots/" + Urls.segment(snapshot.id()))), Void.class);
    }

    /**
     * Asks for temporary credentials to push a local image to the platform's internal registry
     * ({@code GET /docker-registry/registry-push-access}), what {@code daytona snapshot push} needs.
     *
     * @return where and as whom to push
     * @throws DaytonaNotFoundException if the server has no internal registry (this platform's
     *     answer: create the snapshot from an image the runner can reach instead)
     * @throws DaytonaForbiddenException if the key lacks {@code write:registries}
     */
    public io.daytona.model.registry.RegistryPushAccess registryPushAccess() {
        return transport.send(HttpCall.get("get registry push access", api("/docker-registry/registry-push-access")),
                io.daytona.model.registry.RegistryPushAccess.class);
    }

    /**
     * Makes an inactive snapshot usable again ({@code POST /snapshots/{id}/activate}).
     *
     * @param snapshot the snapshot
     * @return the snapshot, active
     * @throws DaytonaException if the call fails
     */
    public Snapshot activate(Snapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot is null");
        return transport.send(HttpCall.post("activate snapshot", api("/snapshots/" + Urls.segment(snapshot.id()) + "/activate"), null),
                Snapshot.class);
    }

    /**
     * Uploads the image's local files and directories to the object store of
     * {@code GET /object-storage/push-access} (see {@link ObjectStorage}); the Python SDK's
     * {@code process_image_context}.
     *
     * @param image the declarative image
     * @return the hashes of its contexts, in order; empty (and nothing asked of the server) if it has none
     * @throws DaytonaException if the credentials cannot be obtained or an upload fails
     */
    public List<String> processImageContext(Image image) {
        Objects.requireNonNull(image, "image is null");
        if (image.contexts().isEmpty()) {
            return List.of();
        }
        StorageAccess access = transport.send(HttpCall.get("get object storage access", api("/object-storage/push-access")),
                StorageAccess.class);
        List<String> hashes = new ArrayList<>();
        try (ObjectStorage storage = ObjectStorage.of(access)) {
            for (Image.Context context : image.contexts()) {
                hashes.add(storage.upload(context.sourcePath(), access.organizationId(), context.archivePath()));
            }
        }
        return hashes;
    }

    /** A build request for {@code image}, its contexts uploaded. */
    CreateBuildInfo buildInfo(Image image) {
        return new CreateBuildInfo(image.dockerfile(), processImageContext(image));
    }

    /** Passes each line of a followed log to {@code onLogs} until the server ends it (the build is over). */
    void followLogs(String operation, URI uri, Consumer<String> onLogs) {
        HttpResponse<InputStream> response = transport.stream(HttpCall.get(operation, uri));
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                onLogs.accept(line);
            }
        } catch (IOException e) {
            // The logs are a courtesy: the state, polled next, decides the outcome.
            onLogs.accept("(build logs interrupted: " + e.getMessage() + ")");
        }
    }

    private URI api(String path) {
        return URI.create(apiUrl + path);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DaytonaException("Interrupted while waiting for the snapshot", e);
        }
    }
}
