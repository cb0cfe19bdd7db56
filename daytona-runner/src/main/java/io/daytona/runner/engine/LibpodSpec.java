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

    /**
     * The same container as arguments of {@code podman create}, for what Podman 4's REST API
     * ignores: the per-container OCI runtime ({@code oci_runtime} is accepted and dropped), which
     * only the command line sets ({@code podman --runtime <path> create}).
     */
    static List<String> commandLine(ObjectNode create) {
        List<String> args = new ArrayList<>();
        String rootfs = null;
        for (Map.Entry<String, JsonNode> field : create.properties()) {
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "oci_runtime" -> {
                    args.addFirst(value.asText());
                    args.addFirst("--runtime");
                }
                case "name", "hostname", "user" -> args.addAll(List.of("--" + field.getKey(), value.asText()));
                case "rootfs" -> rootfs = value.asText();
                case "work_dir" -> args.addAll(List.of("--workdir", value.asText()));
                case "entrypoint" -> args.addAll(List.of("--entrypoint", value.toString()));
                case "command" -> {
                    if (!value.isEmpty()) {
                        throw new IllegalArgumentException("a command after the entrypoint is not supported on the command line");
                    }
                }
                case "env" -> value.properties().forEach(e -> args.addAll(List.of("--env", e.getKey() + "=" + e.getValue().asText())));
                case "labels" -> value.properties().forEach(e -> args.addAll(List.of("--label", e.getKey() + "=" + e.getValue().asText())));
                case "init" -> addFlag(args, value, "--init");
                case "read_only_filesystem" -> addFlag(args, value, "--read-only");
                case "privileged" -> addFlag(args, value, "--privileged");
                case "no_new_privileges" -> {
                    if (value.asBoolean()) {
                        args.addAll(List.of("--security-opt", "no-new-privileges"));
                    }
                }
                case "cap_add" -> value.forEach(cap -> args.addAll(List.of("--cap-add", cap.asText())));
                case "cap_drop" -> value.forEach(cap -> args.addAll(List.of("--cap-drop", cap.asText())));
                case "seccomp_profile_path" -> args.addAll(List.of("--security-opt", "seccomp=" + value.asText()));
                case "apparmor_profile" -> args.addAll(List.of("--security-opt", "apparmor=" + value.asText()));
                case "selinux_opts" -> value.forEach(o -> args.addAll(List.of("--security-opt", "label=" + o.asText())));
                case "mask" -> value.forEach(o -> args.addAll(List.of("--security-opt", "mask=" + o.asText())));
                case "unmask" -> value.forEach(o -> args.addAll(List.of("--security-opt", "unmask=" + o.asText())));
                case "shm_size" -> args.addAll(List.of("--shm-size", value.asText()));
                case "sysctl" -> value.properties().forEach(e -> args.addAll(List.of("--sysctl", e.getKey() + "=" + e.getValue().asText())));
                case "netns" -> args.addAll(List.of("--network", value.path("nsmode").asText()));
                case "resource_limits" -> limits(value, args);
                case "mounts" -> value.forEach(mount -> args.addAll(List.of("--mount", mount(mount))));
                default -> throw new IllegalArgumentException("the container setting " + field.getKey() + " has no command-line form in LibpodSpec");
            }
        }
        if (rootfs == null) {
            throw new IllegalArgumentException("a container on its own root filesystem needs one");
        }
        // --rootfs is a switch: the directory is the first (and last) argument, where the image would be.
        args.addAll(List.of("--rootfs", rootfs));
        return List.copyOf(args);
    }

    private static void addFlag(List<String> args, JsonNode value, String flag) {
        if (value.asBoolean()) {
            args.add(flag);
        }
    }

    private static void limits(JsonNode limits, List<String> args) {
        JsonNode cpu = limits.path("cpu");
        if (cpu.has("period")) {
            args.addAll(List.of("--cpu-period", cpu.get("period").asText()));
        }
        if (cpu.has("quota")) {
            args.addAll(List.of("--cpu-quota", cpu.get("quota").asText()));
        }
        JsonNode memory = limits.path("memory");
        if (memory.has("limit")) {
            args.addAll(List.of("--memory", memory.get("limit").asText()));
        }
        if (memory.has("swap")) {
            args.addAll(List.of("--memory-swap", memory.get("swap").asText()));
        }
        if (limits.path("pids").has("limit")) {
            args.addAll(List.of("--pids-limit", limits.path("pids").get("limit").asText()));
        }
    }

    /** {@code type=bind,source=...,destination=...,ro} (paths with commas cannot be written this way). */
    private static String mount(JsonNode mount) {
        StringBuilder out = new StringBuilder("type=").append(mount.path("type").asText());
        for (String key : List.of("source", "destination")) {
            String path = mount.path(key).asText();
            if (path.contains(",")) {
                throw new IllegalArgumentException("mount path " + path + " has a comma, which the command line cannot carry");
            }
            out.append(',').append(key).append('=').append(path);
        }
        for (JsonNode option : mount.path("options")) {
            switch (option.asText()) {
                case "ro" -> out.append(",ro");
                case "rw", "rbind", "bind" -> {
                    // read-write and recursive are the defaults of a bind mount
                }
                default -> out.append(',').append(option.asText());
            }
        }
        return out.toString();
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
