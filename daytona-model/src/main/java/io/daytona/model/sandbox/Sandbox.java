package io.daytona.model.sandbox;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A sandbox as the control plane reports it. The fields the official SDKs require
 * ({@code id, organizationId, name, user, env, labels, public, networkBlockAll, target, cpu, gpu,
 * memory, disk, toolboxProxyUrl}) are always present and never null.
 */
public record Sandbox(
        String id,
        String organizationId,
        String name,
        String snapshot,
        String user,
        Map<String, String> env,
        Map<String, String> labels,
        @JsonProperty("public") boolean isPublic,
        boolean networkBlockAll,
        String networkAllowList,
        String domainAllowList,
        String target,
        int cpu,
        int gpu,
        String gpuType,
        int memory,
        int disk,
        SandboxState state,
        SandboxDesiredState desiredState,
        String errorReason,
        Boolean recoverable,
        String backupState,
        Instant backupCreatedAt,
        Integer autoStopInterval,
        Integer autoArchiveInterval,
        Integer autoDeleteInterval,
        List<SandboxVolume> volumes,
        BuildInfo buildInfo,
        Instant createdAt,
        Instant updatedAt,
        Instant lastActivityAt,
        String sandboxClass,
        String daemonVersion,
        String runnerId,
        String linkedSandboxId,
        String toolboxProxyUrl) {

    public Sandbox {
        env = env == null ? Map.of() : Map.copyOf(env);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
    }
}
