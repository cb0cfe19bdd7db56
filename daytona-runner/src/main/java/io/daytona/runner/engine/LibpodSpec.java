package io.daytona.runner.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.model.HostConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Podman's own container description (libpod's {@code SpecGenerator}) for a container whose root
 * filesystem is a directory the runner prepared, which Docker's API cannot express. The runner
 * describes every container with Docker's {@link HostConfig}; this class translates the settings
 * it uses and refuses any other, so a setting added to the runner later is never silently dropped.
 */
final class LibpodSpec {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, JsonInclude.Include.NON_EMPTY));
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private LibpodSpec() {}

    /**
     * The create request of a container on {@code rootfs}.
     *
     * @param spec name, user, entrypoint, environment, labels and host settings
     * @param rootfs the container's root directory on the host
     * @param workingDir the directory processes start in (the image's, which Podman does not read for such containers)
     * @param ociRuntime the OCI runtime (a name or a path); the engine's default when empty
     */
    static ObjectNode of(ContainerEngine.ContainerSpec spec, Path rootfs, String workingDir, Optional<String> ociRuntime) {
        ObjectNode create = NODES.objectNode();
        create.put("name", spec.name());
        create.put("hostname", spec.name().length() > 63 ? spec.name().substring(0, 63) : spec.name());
        create.put("rootfs", rootfs.toString());
        create.put("user", spec.user());
        create.put("work_dir", workingDir);
        create.set("entrypoint", strings(spec.entrypoint()));
        create.set("command", NODES.arrayNode());
        ObjectNode env = create.putObject("env");
        spec.env().forEach(env::put);
        ObjectNode labels = create.putObject("labels");
        spec.labels().forEach(labels::put);
        ociRuntime.ifPresent(runtime -> create.put("oci_runtime", runtime));
        hostSettings(JSON.valueToTree(spec.hostConfig()), create);
        return create;
    }

    private static void hostSettings(JsonNode host, ObjectNode create) {
        ObjectNode limits = create.putObject("resource_limits");
        ArrayNode mounts = create.putArray("mounts");
        for (Iterator<Map.Entry<String, JsonNode>> fields = host.properties().iterator(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "Binds" -> value.forEach(bind -> mounts.add(bindMount(bind.asText())));
                case "CpuPeriod" -> child(limits, "cpu").put("period", value.asLong());
                case "CpuQuota" -> child(limits, "cpu").put("quota", value.asLong());
                case "Memory" -> child(limits, "memory").put("limit", value.asLong());
                case "MemorySwap" -> child(limits, "memory").put("swap", value.asLong());
                case "PidsLimit" -> child(limits, "pids").put("limit", value.asLong());
                case "Init" -> create.put("init", value.asBoolean());
                case "CapAdd" -> create.set("cap_add", value);
                case "CapDrop" -> create.set("cap_drop", value);
                case "ReadonlyRootfs" -> create.put("read_only_filesystem", value.asBoolean());
                case "Privileged" -> create.put("privileged", value.asBoolean());
                case "ShmSize" -> create.put("shm_size", value.asLong());
                case "Sysctls" -> create.set("sysctl", value);
                case "NetworkMode" -> create.putObject("netns").put("nsmode", networkMode(value.asText()));
                case "SecurityOpt" -> value.forEach(option -> securityOption(option.asText(), create));
                case "Tmpfs" -> value.properties().forEach(tmpfs -> mounts.add(tmpfsMount(tmpfs.getKey(), tmpfs.getValue().asText())));
                default -> throw new IllegalArgumentException("the runner cannot yet pass HostConfig." + field.getKey()
                        + " to a container on its own root filesystem; translate it in LibpodSpec");
            }
        }
    }

    /** {@code /host:/container[:options]} as a bind mount. */
    private static ObjectNode bindMount(String bind) {
        String[] parts = bind.split(":");
        if (parts.length < 2) {
            throw new IllegalArgumentException("bind " + bind + " names no container path");
        }
        List<String> options = new ArrayList<>(parts.length > 2 ? Arrays.asList(parts[2].split(",")) : List.of());
        options.add("rbind");
        ObjectNode mount = NODES.objectNode();
        mount.put("type", "bind");
        mount.put("source", parts[0]);
        mount.put("destination", parts[1]);
        mount.set("options", strings(options));
        return mount;
    }

    private static ObjectNode tmpfsMount(String destination, String options) {
        ObjectNode mount = NODES.objectNode();
        mount.put("type", "tmpfs");
        mount.put("source", "tmpfs");
        mount.put("destination", destination);
        mount.set("options", strings(options.isBlank() ? List.of() : List.of(options.split(","))));
        return mount;
    }

    private static String networkMode(String mode) {
        return switch (mode) {
            case "", "default", "bridge" -> "bridge";
            case "none", "host" -> mode;
            default -> throw new IllegalArgumentException("network mode " + mode + " is not supported on a container on its own root filesystem");
        };
    }

    private static void securityOption(String option, ObjectNode create) {
        int equals = option.indexOf(option.contains("=") ? '=' : ':');
        String key = equals < 0 ? option : option.substring(0, equals);
        String value = equals < 0 ? "" : option.substring(equals + 1);
        switch (key) {
            case "no-new-privileges" -> create.put("no_new_privileges", value.isEmpty() || Boolean.parseBoolean(value));
            case "seccomp" -> create.put("seccomp_profile_path", value);
            case "apparmor" -> create.put("apparmor_profile", value);
            case "label" -> create.withArray("selinux_opts").add(value);
            case "mask" -> create.withArray("mask").add(value);
            case "unmask" -> create.withArray("unmask").add(value);
            default -> throw new IllegalArgumentException("security option " + option + " is not supported on a container on its own root filesystem");
        }
    }

    private static ObjectNode child(ObjectNode parent, String name) {
        return parent.get(name) instanceof ObjectNode existing ? existing : parent.putObject(name);
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }
}
