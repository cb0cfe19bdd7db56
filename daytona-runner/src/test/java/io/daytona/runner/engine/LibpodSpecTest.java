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

    @Test
    void refusesASettingItCannotTranslateInsteadOfDroppingIt() {
        HostConfig host = HostConfig.newHostConfig().withOomKillDisable(true);
        assertThatThrownBy(() -> LibpodSpec.of(new ContainerEngine.ContainerSpec("sb-1", "img", "daytona", List.of("sh"), Map.of(), Map.of(), host),
                Path.of("/r"), "/", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HostConfig.OomKillDisable");
    }
}
