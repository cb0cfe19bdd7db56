package io.daytona.model.snapshot;

import io.daytona.model.sandbox.CreateBuildInfo;
import java.util.List;

/**
 * The body of {@code POST /api/snapshots}: either {@code imageName} (with a tag or digest) or
 * {@code buildInfo} (a Dockerfile and the hashes of its uploaded contexts). Resources in cores and GiB.
 */
public record CreateSnapshot(
        String name,
        String imageName,
        List<String> entrypoint,
        Integer cpu,
        Integer gpu,
        List<String> gpuType,
        Integer memory,
        Integer disk,
        CreateBuildInfo buildInfo,
        String regionId,
        String sandboxClass) {

    /** A snapshot of an existing image. */
    public static CreateSnapshot ofImage(String name, String imageName) {
        return new CreateSnapshot(name, imageName, null, null, null, null, null, null, null, null, null);
    }

    /** A snapshot built from a Dockerfile whose contexts were uploaded under the given hashes. */
    public static CreateSnapshot ofBuild(String name, String dockerfileContent, List<String> contextHashes) {
        return new CreateSnapshot(name, null, null, null, null, null, null, null,
                new CreateBuildInfo(dockerfileContent, contextHashes), null, null);
    }

    /** This request with the given resources (null keeps the server's default). */
    public CreateSnapshot withResources(Integer cpu, Integer memory, Integer disk) {
        return new CreateSnapshot(name, imageName, entrypoint, cpu, gpu, gpuType, memory, disk, buildInfo, regionId, sandboxClass);
    }

    /** This request with an entrypoint. */
    public CreateSnapshot withEntrypoint(List<String> value) {
        return new CreateSnapshot(name, imageName, value, cpu, gpu, gpuType, memory, disk, buildInfo, regionId, sandboxClass);
    }
}
