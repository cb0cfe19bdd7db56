package io.daytona.sdk;

import io.daytona.model.volume.Volume;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Volumes through {@link DaytonaAsync}; each method mirrors {@link VolumeService}. */
public final class AsyncVolumeService {
    private final VolumeService volumes;
    private final AsyncCalls calls;

    AsyncVolumeService(VolumeService volumes, AsyncCalls calls) {
        this.volumes = volumes;
        this.calls = calls;
    }

    /** See {@link VolumeService#create(String)}. */
    public CompletableFuture<Volume> create(String name) {
        return calls.supply(() -> volumes.create(name));
    }

    /** See {@link VolumeService#get(String)}. */
    public CompletableFuture<Volume> get(String name) {
        return calls.supply(() -> volumes.get(name));
    }

    /** See {@link VolumeService#get(String, boolean)}. */
    public CompletableFuture<Volume> get(String name, boolean create) {
        return calls.supply(() -> volumes.get(name, create));
    }

    /** See {@link VolumeService#list()}. */
    public CompletableFuture<List<Volume>> list() {
        return calls.supply(volumes::list);
    }

    /** See {@link VolumeService#delete(Volume)}. */
    public CompletableFuture<Void> delete(Volume volume) {
        return calls.run(() -> volumes.delete(volume));
    }
}
