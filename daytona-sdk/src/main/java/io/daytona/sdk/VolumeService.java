package io.daytona.sdk;

import io.daytona.model.volume.CreateVolume;
import io.daytona.model.volume.Volume;
import io.daytona.sdk.internal.HttpTransport;
import io.daytona.sdk.internal.HttpTransport.HttpCall;
import io.daytona.sdk.internal.Urls;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Volumes ({@code daytona.volume()}): shared storage that outlives sandboxes, mounted at create
 * with {@code CreateSandbox.builder().volumes(List.of(new SandboxVolume(volume.id(), "/home/daytona/data", null)))}.
 */
public final class VolumeService {
    private final HttpTransport transport;
    private final String apiUrl;

    VolumeService(HttpTransport transport, String apiUrl) {
        this.transport = Objects.requireNonNull(transport, "transport is null");
        this.apiUrl = Objects.requireNonNull(apiUrl, "apiUrl is null");
    }

    /**
     * Creates a volume ({@code POST /volumes}); it is {@code ready} when this returns.
     *
     * @param name the volume's name
     * @return the new volume
     * @throws DaytonaConflictException if the organization has a volume of that name
     */
    public Volume create(String name) {
        return transport.send(HttpCall.post("create volume", api("/volumes"), new CreateVolume(name)), Volume.class);
    }

    /**
     * Returns the volume with this name ({@code GET /volumes/by-name/{name}}).
     *
     * @param name the volume's name
     * @return the volume with this name
     * @throws DaytonaNotFoundException if there is none
     */
    public Volume get(String name) {
        return transport.send(HttpCall.get("get volume", api("/volumes/by-name/" + Urls.segment(name))), Volume.class);
    }

    /**
     * Returns the volume with this name, creating it if there is none.
     *
     * @param name the volume's name
     * @param create whether to create the volume if there is none
     * @return the volume with this name, creating it if there is none
     */
    public Volume get(String name, boolean create) {
        try {
            return get(name);
        } catch (DaytonaNotFoundException e) {
            if (!create) {
                throw e;
            }
            return create(name);
        }
    }

    /** {@return every volume of the organization that is not deleted (not paginated, as upstream)} */
    public List<Volume> list() {
        Volume[] volumes = transport.send(HttpCall.get("list volumes", api("/volumes")), Volume[].class);
        return volumes == null ? List.of() : List.of(volumes);
    }

    /**
     * Deletes the volume and, in the background, its data ({@code DELETE /volumes/{id}}).
     *
     * @param volume the volume, as returned by this service
     * @throws DaytonaConflictException while a sandbox mounts it
     */
    public void delete(Volume volume) {
        transport.send(HttpCall.delete("delete volume", api("/volumes/" + Urls.segment(volume.id()))), Void.class);
    }

    private URI api(String path) {
        return URI.create(apiUrl + path);
    }
}
