package io.daytona.model.sandbox;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/sandbox}. Every field is optional; the server fills defaults.
 * Intervals are in minutes.
 */
public record CreateSandbox(
        String name,
        String snapshot,
        String user,
        Map<String, String> env,
        Map<String, String> labels,
        @JsonProperty("public") Boolean isPublic,
        Boolean networkBlockAll,
        String networkAllowList,
        String domainAllowList,
        String target,
        Integer cpu,
        Integer gpu,
        List<String> gpuType,
        Integer memory,
        Integer disk,
        Integer autoStopInterval,
        Integer autoArchiveInterval,
        Integer autoDeleteInterval,
        List<SandboxVolume> volumes,
        CreateBuildInfo buildInfo,
        String linkedSandbox) {

    /** Starts an empty request: every field unset. */
    public static Builder builder() {
        return new Builder();
    }

    /** A mutable builder for {@link CreateSandbox}; not thread-safe. */
    public static final class Builder {
        private String name;
        private String snapshot;
        private String user;
        private Map<String, String> env;
        private Map<String, String> labels;
        private Boolean isPublic;
        private Boolean networkBlockAll;
        private String networkAllowList;
        private String target;
        private Integer cpu;
        private Integer gpu;
        private Integer memory;
        private Integer disk;
        private Integer autoStopInterval;
        private Integer autoArchiveInterval;
        private Integer autoDeleteInterval;
        private List<SandboxVolume> volumes;
        private CreateBuildInfo buildInfo;

        private Builder() {}

        public Builder name(String value) { this.name = value; return this; }
        public Builder snapshot(String value) { this.snapshot = value; return this; }
        public Builder user(String value) { this.user = value; return this; }
        public Builder env(Map<String, String> value) { this.env = Map.copyOf(value); return this; }
        public Builder labels(Map<String, String> value) { this.labels = Map.copyOf(value); return this; }
        public Builder isPublic(boolean value) { this.isPublic = value; return this; }
        public Builder networkBlockAll(boolean value) { this.networkBlockAll = value; return this; }
        public Builder networkAllowList(String value) { this.networkAllowList = value; return this; }
        public Builder target(String value) { this.target = value; return this; }
        public Builder cpu(int value) { this.cpu = value; return this; }
        public Builder gpu(int value) { this.gpu = value; return this; }
        public Builder memory(int value) { this.memory = value; return this; }
        public Builder disk(int value) { this.disk = value; return this; }
        public Builder autoStopInterval(int minutes) { this.autoStopInterval = minutes; return this; }
        public Builder autoArchiveInterval(int minutes) { this.autoArchiveInterval = minutes; return this; }
        public Builder autoDeleteInterval(int minutes) { this.autoDeleteInterval = minutes; return this; }
        public Builder volumes(List<SandboxVolume> value) { this.volumes = List.copyOf(value); return this; }
        public Builder buildInfo(CreateBuildInfo value) { this.buildInfo = value; return this; }

        public CreateSandbox build() {
            return new CreateSandbox(name, snapshot, user, env, labels, isPublic, networkBlockAll,
                    networkAllowList, null, target, cpu, gpu, null, memory, disk, autoStopInterval,
                    autoArchiveInterval, autoDeleteInterval, volumes, buildInfo, null);
        }
    }
}
