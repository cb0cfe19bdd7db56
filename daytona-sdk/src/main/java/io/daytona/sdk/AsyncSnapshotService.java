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

    /** See {@link SnapshotService#create(String, String)}. */
    public CompletableFuture<Snapshot> create(String name, String imageName) {
        return calls.supply(() -> snapshots.create(name, imageName));
    }

    /** Builds {@code image}; {@code onLogs} receives the build's output while the future is pending. See {@link SnapshotService#create(String, Image, Consumer)}. */
    public CompletableFuture<Snapshot> create(String name, Image image, Consumer<String> onLogs) {
        return calls.supply(() -> snapshots.create(name, image, onLogs));
    }

    /** See {@link SnapshotService#create(CreateSnapshot, Consumer, Duration)}. */
    public CompletableFuture<Snapshot> create(CreateSnapshot request, Consumer<String> onLogs, Duration timeout) {
        return calls.supply(() -> snapshots.create(request, onLogs, timeout));
    }

    /** See {@link SnapshotService#get(String)}. */
    public CompletableFuture<Snapshot> get(String nameOrId) {
        return calls.supply(() -> snapshots.get(nameOrId));
    }

    /** See {@link SnapshotService#list()}. */
    public CompletableFuture<PaginatedSnapshots> list() {
        return calls.supply(snapshots::list);
    }

    /** See {@link SnapshotService#list(int, int)}. */
    public CompletableFuture<PaginatedSnapshots> list(int page, int limit) {
        return calls.supply(() -> snapshots.list(page, limit));
    }

    /** See {@link SnapshotService#delete(Snapshot)}. */
    public CompletableFuture<Void> delete(Snapshot snapshot) {
        return calls.run(() -> snapshots.delete(snapshot));
    }

    /** See {@link SnapshotService#activate(Snapshot)}. */
    public CompletableFuture<Snapshot> activate(Snapshot snapshot) {
        return calls.supply(() -> snapshots.activate(snapshot));
    }

    /** See {@link SnapshotService#create(CreateSnapshotParams, Consumer, Duration)}. */
    public CompletableFuture<Snapshot> create(CreateSnapshotParams params, Consumer<String> onLogs, Duration timeout) {
        return calls.supply(() -> snapshots.create(params, onLogs, timeout));
    }

    /** See {@link SnapshotService#processImageContext(Image)}. */
    public CompletableFuture<List<String>> processImageContext(Image image) {
        return calls.supply(() -> snapshots.processImageContext(image));
    }
}
