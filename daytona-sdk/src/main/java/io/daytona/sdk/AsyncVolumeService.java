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

    /**
     * The asynchronous {@link VolumeService#create(String)}: creates a volume ({@code POST /volumes}); it is
     * {@code ready} when this returns.
     *
     * @param name the volume's name
     * @return a future of the new volume
     */
    public CompletableFuture<Volume> create(String name) {
        return calls.supply(() -> volumes.create(name));
    }

    /**
     * The asynchronous {@link VolumeService#get(String)}: returns the volume with this name ({@code GET
     * /volumes/by-name/{name}}).
     *
     * @param name the volume's name
     * @return a future of the volume with this name
     */
    public CompletableFuture<Volume> get(String name) {
        return calls.supply(() -> volumes.get(name));
    }

    /**
     * The asynchronous {@link VolumeService#get(String, boolean)}: returns the volume with this name, creating
     * it if there is none.
     *
     * @param name the volume's name
     * @param create whether to create the volume if there is none
     * @return a future of the volume with this name, creating it if there is none
     */
    public CompletableFuture<Volume> get(String name, boolean create) {
        return calls.supply(() -> volumes.get(name, create));
    }

    /**
     * The asynchronous {@link VolumeService#list()}: returns every volume of the organization that is not
     * deleted (not paginated, as upstream).
     *
     * @return a future of every volume of the organization that is not deleted (not paginated, as upstream)
     */
    public CompletableFuture<List<Volume>> list() {
        return calls.supply(volumes::list);
    }

    /**
     * The asynchronous {@link VolumeService#delete(Volume)}: deletes the volume and, in the background, its
     * data ({@code DELETE /volumes/{id}}).
     *
     * @param volume the volume, as returned by this service
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> delete(Volume volume) {
        return calls.run(() -> volumes.delete(volume));
    }
}
