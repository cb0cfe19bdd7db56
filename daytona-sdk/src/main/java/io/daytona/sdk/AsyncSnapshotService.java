package io.daytona.sdk;

import java.util.List;
import io.daytona.model.snapshot.CreateSnapshot;
import io.daytona.model.snapshot.PaginatedSnapshots;
import io.daytona.model.snapshot.Snapshot;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Snapshots through {@link DaytonaAsync}; each method mirrors {@link SnapshotService}. */
public final class AsyncSnapshotService {
    private final SnapshotService snapshots;
    private final AsyncCalls calls;

    AsyncSnapshotService(SnapshotService snapshots, AsyncCalls calls) {
        this.snapshots = snapshots;
        this.calls = calls;
    }

    /**
     * The asynchronous {@link SnapshotService#create(String, String)}: creates a snapshot of an image that has
     * a tag or a digest, e.g. {@code localhost/my-image:1.0}, and waits until it is active.
     *
     * @param name the snapshot's name, unique in the organization
     * @param imageName the image
     * @return a future of the snapshot, active
     */
    public CompletableFuture<Snapshot> create(String name, String imageName) {
        return calls.supply(() -> snapshots.create(name, imageName));
    }

    /**
     * Builds {@code image}; {@code onLogs} receives the build's output while the future is pending. See {@link SnapshotService#create(String, Image, Consumer)}.
     *
     * @param name the snapshot's name, unique in the organization
     * @param image the declarative image
     * @param onLogs receives progress messages and build log lines
     * @return a future of the snapshot, active
     */
    public CompletableFuture<Snapshot> create(String name, Image image, Consumer<String> onLogs) {
        return calls.supply(() -> snapshots.create(name, image, onLogs));
    }

    /**
     * The asynchronous {@link SnapshotService#create(CreateSnapshot, Consumer, Duration)}: creates a snapshot
     * ({@code POST /snapshots}) and waits until it is active, following its build logs when it is built from a
     * Dockerfile.
     *
     * @param request the wire request; a build's contexts must be uploaded already
     * @param onLogs receives progress messages and build log lines
     * @param timeout how long to wait; {@link Duration#ZERO} (the default) for no limit
     * @return a future of the snapshot, active
     */
    public CompletableFuture<Snapshot> create(CreateSnapshot request, Consumer<String> onLogs, Duration timeout) {
        return calls.supply(() -> snapshots.create(request, onLogs, timeout));
    }

    /**
     * The asynchronous {@link SnapshotService#get(String)}: returns the snapshot with this name or ID ({@code
     * GET /snapshots/{idOrName}}).
     *
     * @param nameOrId the snapshot's name or ID
     * @return a future of the snapshot
     */
    public CompletableFuture<Snapshot> get(String nameOrId) {
        return calls.supply(() -> snapshots.get(nameOrId));
    }

    /**
     * The asynchronous {@link SnapshotService#list()}: returns the first page of snapshots (up to 100), newest first.
     *
     * @return a future of the page, with the total count
     */
    public CompletableFuture<PaginatedSnapshots> list() {
        return calls.supply(snapshots::list);
    }

    /**
     * The asynchronous {@link SnapshotService#list(int, int)}: returns one page of snapshots ({@code GET
     * /snapshots?page=&limit=}).
     *
     * @param page the page number, from 1
     * @param limit the snapshots per page
     * @return a future of the page, with the total count
     */
    public CompletableFuture<PaginatedSnapshots> list(int page, int limit) {
        return calls.supply(() -> snapshots.list(page, limit));
    }

    /**
     * The asynchronous {@link SnapshotService#delete(Snapshot)}: deletes the snapshot ({@code DELETE /snapshots/{id}}).
     *
     * @param snapshot the snapshot, as returned by this service
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> delete(Snapshot snapshot) {
        return calls.run(() -> snapshots.delete(snapshot));
    }

    /**
     * The asynchronous {@link SnapshotService#registryPushAccess()}.
     *
     * @return a future of where and as whom to push; fails with {@link DaytonaNotFoundException} when the server has no internal registry
     */
    public CompletableFuture<io.daytona.model.registry.RegistryPushAccess> registryPushAccess() {
        return calls.supply(snapshots::registryPushAccess);
    }

    /**
     * The asynchronous {@link SnapshotService#activate(Snapshot)}: makes an inactive snapshot usable again
     * ({@code POST /snapshots/{id}/activate}).
     *
     * @param snapshot the snapshot
     * @return a future of the snapshot, active
     */
    public CompletableFuture<Snapshot> activate(Snapshot snapshot) {
        return calls.supply(() -> snapshots.activate(snapshot));
    }

    /**
     * The asynchronous {@link SnapshotService#create(CreateSnapshotParams, Consumer, Duration)}: creates a
     * snapshot as the Python SDK's {@code create(params, on_logs, timeout)} does: the declarative image's local
     * files are uploaded first ({@link #processImageContext(Image)}), then the snapshot is requested and its
     * build logs followed until it is active.
     *
     * @param params the name, the image (a name or an {@link Image}), resources, entrypoint and region
     * @param onLogs receives progress messages and build log lines
     * @param timeout how long to wait; {@link Duration#ZERO} for no limit (the Python SDK's default)
     * @return a future of the snapshot, active
     */
    public CompletableFuture<Snapshot> create(CreateSnapshotParams params, Consumer<String> onLogs, Duration timeout) {
        return calls.supply(() -> snapshots.create(params, onLogs, timeout));
    }

    /**
     * The asynchronous {@link SnapshotService#processImageContext(Image)}: uploads the image's local files and
     * directories to the object store of {@code GET /object-storage/push-access} (see {@link ObjectStorage});
     * the Python SDK's {@code process_image_context}.
     *
     * @param image the declarative image
     * @return a future of the hashes of its contexts, in order; empty (and nothing asked of the server) if it has none
     */
    public CompletableFuture<List<String>> processImageContext(Image image) {
        return calls.supply(() -> snapshots.processImageContext(image));
    }
}
