package io.daytona.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LibpodSpecTest {
    @Test
    void translatesTheHostSettingsTheRunnerUses() {
        HostConfig host = HostConfig.newHostConfig()
                .withBinds(new Bind("/srv/jre", new Volume("/opt/daytona/jre"), AccessMode.ro))
                .withCpuPeriod(100_000L).withCpuQuota(200_000L)
                .withMemory(1L << 30).withMemorySwap(1L << 30)
                .withPidsLimit(4096L).withInit(true)
                .withCapDrop(Capability.NET_RAW)
                .withSecurityOpts(List.of("no-new-privileges"));
        ObjectNode create = LibpodSpec.of(new ContainerEngine.ContainerSpec("sb-1", "img", "daytona", List.of("java", "-jar"),
                Map.of("A", "1"), Map.of("l", "v"), host), Path.of("/data/sandboxes/sb-1/rootfs"), "/home/daytona", Optional.of("/data/runsc"));

        assertThat(create.get("rootfs").asText()).isEqualTo("/data/sandboxes/sb-1/rootfs");
        assertThat(create.get("oci_runtime").asText()).isEqualTo("/data/runsc");
        assertThat(create.get("work_dir").asText()).isEqualTo("/home/daytona");
        assertThat(create.get("user").asText()).isEqualTo("daytona");
        assertThat(create.get("env").get("A").asText()).isEqualTo("1");
        assertThat(create.get("init").asBoolean()).isTrue();
        assertThat(create.get("no_new_privileges").asBoolean()).isTrue();
        assertThat(create.get("cap_drop").get(0).asText()).isEqualTo("NET_RAW");
        assertThat(create.at("/resource_limits/cpu/quota").asLong()).isEqualTo(200_000L);
        assertThat(create.at("/resource_limits/cpu/period").asLong()).isEqualTo(100_000L);
        assertThat(create.at("/resource_limits/memory/limit").asLong()).isEqualTo(1L << 30);
        assertThat(create.at("/resource_limits/memory/swap").asLong()).isEqualTo(1L << 30);
        assertThat(create.at("/resource_limits/pids/limit").asLong()).isEqualTo(4096L);
        assertThat(create.at("/mounts/0/source").asText()).isEqualTo("/srv/jre");
        assertThat(create.at("/mounts/0/destination").asText()).isEqualTo("/opt/daytona/jre");
        assertThat(create.at("/mounts/0/options").toString()).isEqualTo("[\"ro\",\"rbind\"]");
    }

    /** Podman 4's REST API drops a per-container runtime: gVisor sandboxes are created on the command line. */
    @Test
    void writesTheSameContainerAsACommandLineWithTheRootfsLastAndTheRuntimeFirst() {
        HostConfig host = HostConfig.newHostConfig()
                .withBinds(new Bind("/srv/jre", new Volume("/opt/daytona/jre"), AccessMode.ro))
                .withCpuPeriod(100_000L).withCpuQuota(100_000L).withMemory(1L << 30).withMemorySwap(1L << 30)
                .withPidsLimit(4096L).withInit(true);
        ObjectNode create = LibpodSpec.of(new ContainerEngine.ContainerSpec("sb-1", "img", "daytona", List.of("java", "-jar", "d.jar"),
                Map.of("A", "x=y"), Map.of("l", "v"), host), Path.of("/data/rootfs"), "/home/daytona", Optional.of("/data/runsc"));
        List<String> args = LibpodSpec.commandLine(create);
        assertThat(args.subList(0, 2)).containsExactly("--runtime", "/data/runsc");
        assertThat(args.subList(args.size() - 2, args.size())).containsExactly("--rootfs", "/data/rootfs");
        assertThat(String.join(" ", args)).contains("--entrypoint [\"java\",\"-jar\",\"d.jar\"]", "--env A=x=y", "--label l=v",
                "--user daytona", "--workdir /home/daytona", "--init", "--cpu-quota 100000", "--memory 1073741824",
                "--memory-swap 1073741824", "--pids-limit 4096", "--mount type=bind,source=/srv/jre,destination=/opt/daytona/jre,ro");
    }

    @Test
    void refusesASettingItCannotTranslateInsteadOfDroppingIt() {
        HostConfig host = HostConfig.newHostConfig().withOomKillDisable(true);
        assertThatThrownBy(() -> LibpodSpec.of(new ContainerEngine.ContainerSpec("sb-1", "img", "daytona", List.of("sh"), Map.of(), Map.of(), host),
                Path.of("/r"), "/", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HostConfig.OomKillDisable");
    }
}
