package io.daytona.cli.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.cli.CliContext;
import io.daytona.cli.DaytonaCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class McpConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private String[] run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = DaytonaCli.commandLine(new CliContext(environment, home, "Linux"));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void configPrintsTheBlockAgentsNeed() throws Exception {
        String[] run = run(Map.of("DAYTONA_COMMAND", "/opt/daytona/daytona"), "mcp", "config");
        assertThat(run[0]).isEqualTo("0");
        JsonNode server = JSON.readTree(run[1]).get("mcpServers").get("daytona-mcp");
        assertThat(server.get("command").asText()).isEqualTo("/opt/daytona/daytona");
        assertThat(server.get("args")).containsExactly(JSON.valueToTree("mcp"), JSON.valueToTree("start"));
        assertThat(server.get("env").get("HOME").asText()).isEqualTo(home.toString());
        assertThat(server.get("env").get("PATH").asText()).startsWith(home + ":/usr/local/bin:");
        assertThat(server.get("logFile").asText()).isEqualTo(home.resolve(".daytona/logs/daytona-mcp-server.log").toString());
        assertThat(JSON.readTree(run(Map.of(), "mcp", "config", "cursor")[1]).get("mcpServers").get("daytona-mcp").get("command").asText())
                .isEqualTo("daytona");
        assertThat(run(Map.of(), "mcp", "config", "vim")[0]).isEqualTo("2");
    }

    @Test
    void initAddsTheServerAndKeepsWhatTheFileHad() throws Exception {
        Path claude = home.resolve(".config/Claude/claude_desktop_config.json");
        Files.createDirectories(claude.getParent());
        Files.writeString(claude, "{\"theme\":\"dark\",\"mcpServers\":{\"other\":{\"command\":\"x\"},\"daytona-mcp\":{\"command\":\"old\"}}}");
        String[] run = run(Map.of(), "mcp", "init", "claude");
        assertThat(run[0]).as(run[2]).isEqualTo("0");
        assertThat(run[1]).contains("added to " + claude, "restart Claude Desktop");
        JsonNode config = JSON.readTree(claude.toFile());
        assertThat(config.get("theme").asText()).isEqualTo("dark");
        assertThat(config.get("mcpServers").get("other").get("command").asText()).isEqualTo("x");
        assertThat(config.get("mcpServers").get("daytona-mcp").get("command").asText()).isEqualTo("daytona");

        assertThat(run(Map.of(), "mcp", "init", "cursor")[0]).isEqualTo("0");
        assertThat(JSON.readTree(home.resolve(".cursor/mcp.json").toFile()).get("mcpServers").has("daytona-mcp")).isTrue();
        assertThat(run(Map.of(), "mcp", "init", "windsurf")[0]).isEqualTo("0");
        assertThat(Files.exists(home.resolve(".codeium/windsurf/mcp_config.json"))).isTrue();
        assertThat(run(Map.of(), "mcp", "init")[0]).isEqualTo("2");
    }

    @Test
    void aFileThatIsNotAnObjectIsLeftAlone() throws Exception {
        Path cursor = home.resolve(".cursor/mcp.json");
        Files.createDirectories(cursor.getParent());
        Files.writeString(cursor, "[1, 2]");
        String[] run = run(Map.of(), "mcp", "init", "cursor");
        assertThat(run[0]).isEqualTo("1");
        assertThat(run[2]).contains("does not hold a JSON object");
        assertThat(Files.readString(cursor)).isEqualTo("[1, 2]");
    }

    @Test
    void agentFilesAreWhereEachAgentReadsThem() {
        CliContext mac = new CliContext(Map.of(), home, "Mac OS X");
        assertThat(McpAgent.claude.configFile(mac)).isEqualTo(home.resolve("Library/Application Support/Claude/claude_desktop_config.json"));
        assertThat(McpAgent.logFile(mac)).isEqualTo(home.resolve("Library/Logs/daytona/daytona-mcp-server.log"));
        CliContext windows = new CliContext(Map.of("APPDATA", "/appdata"), home, "Windows 11");
        assertThat(McpAgent.claude.configFile(windows)).isEqualTo(Path.of("/appdata/Claude/claude_desktop_config.json"));
        assertThat(McpConfig.server(windows).get("env")).isEqualTo(Map.of("HOME", home.toString(),
                "PATH", home + ":/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin:/opt/homebrew/bin", "APPDATA", "/appdata"));
    }

    @Test
    void argumentsTakeNumbersAndBooleansInEitherForm() {
        Arguments args = new Arguments(Map.of("a", 15, "b", "20", "c", true, "d", "false", "e", "x", "f", 1.5, "g", List.of()));
        assertThat(args.integer("a")).contains(15);
        assertThat(args.integer("b")).contains(20);
        assertThat(args.bool("c")).contains(true);
        assertThat(args.bool("d")).contains(false);
        assertThat(args.integer("missing")).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> args.integer("e")).hasMessage("e must be a whole number, got 'x'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> args.integer("f")).hasMessage("f must be a whole number, got 1.5");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> args.bool("e")).hasMessage("e must be true or false, got x");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> args.string("g")).hasMessageStartingWith("g must be a string");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> args.requiredString("id")).hasMessage("id is required");
        assertThat(DaytonaTools.repositoryName("https://github.com/daytonaio/daytona.git/")).isEqualTo("daytona");
        assertThat(DaytonaTools.repositoryName("http://host/project")).isEqualTo("project");
    }
}
