package io.daytona.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.daytona.cli.sandbox.SandboxViewsAccess;
import io.daytona.model.json.Json;
import io.daytona.model.sandbox.Sandbox;
import io.daytona.model.sandbox.SandboxState;
import io.daytona.model.sandbox.SandboxVolume;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputTest {
    static Sandbox sandbox(String id, String name) {
        return new Sandbox(id, "org", name, "snap:1", "daytona", Map.of("A", "1"), Map.of("team", "a"), false, false, null, null, "us",
                2, 0, null, 4, 10, SandboxState.STARTED, null, null, null, null, null, 15, 10080, -1,
                List.of(new SandboxVolume("vol-1", "/data", null)), null, Instant.parse("2026-01-02T03:04:05.123456Z"),
                Instant.parse("2026-01-02T03:04:06Z"), null, null, null, null, null, "http://proxy/toolbox");
    }

    @Test
    void jsonAndYamlCarryTheWireFormat() throws Exception {
        List<Sandbox> sandboxes = List.of(sandbox("id-1", "one"));
        JsonNode json = Json.newMapper().readTree(Printer.format(sandboxes, OutputFormat.json));
        assertThat(json.get(0).get("id").asText()).isEqualTo("id-1");
        assertThat(json.get(0).get("public").asBoolean()).isFalse();
        assertThat(json.get(0).get("createdAt").asText()).isEqualTo("2026-01-02T03:04:05.123456Z");
        String yaml = Printer.format(sandboxes, OutputFormat.yaml);
        assertThat(yaml).startsWith("- id: id-1\n").contains("  createdAt: 2026-01-02T03:04:05.123456Z\n");
        assertThat(new YAMLMapper().readTree(yaml)).isEqualTo(json);
    }

    @Test
    void tablesAlignTheirColumns() {
        String table = new Table("ID", "NAME").row("a", "longer name").row("bbbb", null).render();
        assertThat(table).isEqualTo("""
                ID     NAME
                a      longer name
                bbbb   -
                """);
        assertThat(Table.properties(List.of(new String[] {"ID", "x"}, new String[] {"Labels", ""}))).isEqualTo("ID:     x\nLabels: -\n");
    }

    @Test
    void sandboxViewsShowResourcesInGiB() {
        String table = SandboxViewsAccess.table(List.of(sandbox("id-1", "one")));
        assertThat(table.lines().toList()).containsExactly(
                "ID     NAME   STATE     SNAPSHOT   REGION   CPU   MEMORY   DISK     CREATED",
                "id-1   one    started   snap:1     us       2     4 GiB    10 GiB   2026-01-02T03:04:05Z");
        String info = SandboxViewsAccess.info(sandbox("id-1", "one"));
        assertThat(info).contains("Memory:             4 GiB\n", "Labels:             team=a\n", "Volumes:            vol-1:/data\n",
                "Auto-stop:          15 min\n");
    }
}
