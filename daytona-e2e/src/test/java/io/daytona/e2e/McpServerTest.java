package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.sdk.Daytona;
import io.daytona.sdk.DaytonaNotFoundException;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code daytona mcp start} as an agent runs it: a separate process on stdio, driven by the MCP
 * Java SDK's client, calling every tool against a real sandbox (and a git server on "the internet").
 */
@ExtendWith(PlatformExtension.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class McpServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TOOLS = List.of("create_sandbox", "destroy_sandbox", "upload_file", "download_file", "create_folder",
            "get_file_info", "list_files", "move_file", "delete_file", "preview_link", "git_clone", "execute_command");

    @TempDir
    Path home;

    @Test
    void everyToolWorksAgainstARealSandbox(Platform platform) throws Exception {
        Cli cli = new Cli(home);
        assertThat(cli.run("login", "--api-key", platform.adminKey(), "--api-url", platform.apiUrl().toString()).exitCode()).isZero();
        try (GitServer git = GitServer.start(); McpSyncClient client = client()) {
            client.initialize();
            assertThat(client.getServerInfo().name()).isEqualTo("Daytona MCP Server");
            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).containsExactlyInAnyOrderElementsOf(TOOLS);

            String name = "mcp-" + UUID.randomUUID().toString().substring(0, 8);
            String created = text(ok(call(client, "create_sandbox", Map.of("name", name, "auto_stop_interval", "0",
                    "env", Map.of("GREETING", "hi"), "labels", Map.of("suite", "mcp-e2e"), "cpu", 1))));
            Matcher matcher = Pattern.compile("Created new sandbox (\\S+) \\(name " + name + ", state started\\)").matcher(created);
            assertThat(matcher.matches()).as(created).isTrue();
            String id = matcher.group(1);
            try (Daytona daytona = cli.sdk()) {
                assertThat(daytona.get(id).getLabels()).containsEntry("suite", "mcp-e2e");
                assertThat(daytona.get(id).getCpu()).isEqualTo(1);
            }

            // execute_command: stdout, exit code; a shell command line.
            JsonNode executed = JSON.readTree(text(ok(call(client, "execute_command", Map.of("id", id, "command", "echo $GREETING | tr h H; exit 3")))));
            assertThat(executed.get("stdout").asText()).isEqualTo("Hi");
            assertThat(executed.get("exit_code").asInt()).isEqualTo(3);

            // files
            ok(call(client, "create_folder", Map.of("id", id, "folder_path", "/tmp/mcp/dir")));
            ok(call(client, "upload_file", Map.of("id", id, "file_path", "/tmp/mcp/dir/a.txt", "content", "hello mcp", "encoding", "text",
                    "overwrite", false)));
            CallToolResult refused = call(client, "upload_file", Map.of("id", id, "file_path", "/tmp/mcp/dir/a.txt", "content", "x", "overwrite", false));
            assertThat(refused.isError()).isTrue();
            assertThat(text(refused)).contains("already exists", "overwrite: true");
            ok(call(client, "upload_file", Map.of("id", id, "file_path", "/tmp/mcp/dir/a.txt", "content", "hello again", "overwrite", true)));
            assertThat(text(ok(call(client, "download_file", Map.of("id", id, "file_path", "/tmp/mcp/dir/a.txt"))))).isEqualTo("hello again");
            byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 1, 2, (byte) 0xff};
            String base64 = Base64.getEncoder().encodeToString(png);
            ok(call(client, "upload_file", Map.of("id", id, "file_path", "/tmp/mcp/new/dir/pic.png", "content", base64, "encoding", "base64")));
            CallToolResult image = ok(call(client, "download_file", Map.of("id", id, "file_path", "/tmp/mcp/new/dir/pic.png")));
            assertThat(image.content().getFirst()).isInstanceOfSatisfying(McpSchema.ImageContent.class, content -> {
                assertThat(content.data()).isEqualTo(base64);
                assertThat(content.mimeType()).isEqualTo("image/png");
            });
            JsonNode info = JSON.readTree(text(ok(call(client, "get_file_info", Map.of("id", id, "file_path", "/tmp/mcp/dir/a.txt")))));
            assertThat(info.get("name").asText()).isEqualTo("a.txt");
            assertThat(info.get("size").asLong()).isEqualTo("hello again".length());
            ok(call(client, "move_file", Map.of("id", id, "source_path", "/tmp/mcp/dir/a.txt", "dest_path", "/tmp/mcp/dir/b.txt")));
            JsonNode listed = JSON.readTree(text(ok(call(client, "list_files", Map.of("id", id, "path", "/tmp/mcp/dir")))));
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).get("name").asText()).isEqualTo("b.txt");
            assertThat(text(ok(call(client, "list_files", Map.of("id", id))))).as("the work directory").startsWith("[");
            ok(call(client, "delete_file", Map.of("id", id, "file_path", "/tmp/mcp/dir")));
            CallToolResult missing = call(client, "get_file_info", Map.of("id", id, "file_path", "/tmp/mcp/dir/b.txt"));
            assertThat(missing.isError()).isTrue();
            assertThat(text(missing)).isNotBlank();

            // git_clone from a server that demands credentials
            String cloned = text(ok(call(client, "git_clone", Map.of("id", id, "url", git.url(), "path", "/home/daytona/project",
                    "branch", GitServer.FEATURE_BRANCH, "username", GitServer.USERNAME, "password", git.password()))));
            assertThat(cloned).isEqualTo("Cloned " + git.url() + " into /home/daytona/project");
            JsonNode files = JSON.readTree(text(ok(call(client, "execute_command", Map.of("id", id,
                    "command", "cat /home/daytona/project/feature.txt && git -C /home/daytona/project rev-list --count HEAD")))));
            assertThat(files.get("stdout").asText()).isEqualTo("feature work\n3");

            // preview_link: no server yet, then one
            CallToolResult noServer = call(client, "preview_link", Map.of("id", id, "port", "8080", "description", "web", "check_server", true));
            assertThat(noServer.isError()).isTrue();
            assertThat(text(noServer)).startsWith("No server detected on port 8080.");
            ok(call(client, "execute_command", Map.of("id", id,
                    "command", "cd /tmp && nohup python3 -m http.server 8080 > /tmp/http.log 2>&1 &")));
            CallToolResult preview = awaitPreview(client, id);
            assertThat(text(preview)).startsWith("Preview link generated: http").contains("8080-", "Service: web", "Server check: HTTP 200 on port 8080",
                    "X-Daytona-Preview-Token: ");
            String withoutCheck = text(ok(call(client, "preview_link", Map.of("id", id, "port", 8080))));
            assertThat(withoutCheck).startsWith("Preview link generated: ").doesNotContain("Server check");

            // errors are tool results the agent can read
            CallToolResult badPort = call(client, "preview_link", Map.of("id", id, "port", "eighty"));
            assertThat(badPort.isError()).isTrue();
            assertThat(text(badPort)).isEqualTo("port must be a whole number, got 'eighty'");
            CallToolResult unknown = call(client, "execute_command", Map.of("id", "no-such-sandbox", "command", "true"));
            assertThat(unknown.isError()).isTrue();
            assertThat(text(unknown)).contains("not found");

            assertThat(text(ok(call(client, "destroy_sandbox", Map.of("id", id))))).isEqualTo("Destroyed sandbox " + id);
            try (Daytona daytona = cli.sdk()) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> daytona.get(id)).isInstanceOf(DaytonaNotFoundException.class);
            }
        }
        Path log = home.resolve(".daytona/logs/daytona-mcp-server.log");
        assertThat(Files.readString(log)).contains("tool create_sandbox called", "tool destroy_sandbox done");
    }

    private McpSyncClient client() {
        List<String> command = Cli.javaCommand();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(key -> key.startsWith("DAYTONA_"));
        env.put("HOME", home.toString());
        List<String> args = new java.util.ArrayList<>(command.subList(1, command.size()));
        args.addAll(List.of("mcp", "start"));
        ServerParameters parameters = ServerParameters.builder(command.getFirst()).args(args).env(env).build();
        StdioClientTransport transport = new StdioClientTransport(parameters, new JacksonMcpJsonMapper(new ObjectMapper()));
        return McpClient.sync(transport).requestTimeout(Duration.ofMinutes(3)).initializationTimeout(Duration.ofMinutes(1)).build();
    }

    private static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    }

    private static CallToolResult ok(CallToolResult result) {
        assertThat(result.isError()).as(result.toString()).isFalse();
        return result;
    }

    private static String text(CallToolResult result) {
        return ((McpSchema.TextContent) result.content().getFirst()).text();
    }

    /** The server in the sandbox takes a moment to listen. */
    private static CallToolResult awaitPreview(McpSyncClient client, String id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        CallToolResult result = call(client, "preview_link", Map.of("id", id, "port", "8080", "description", "web", "check_server", true));
        while (Boolean.TRUE.equals(result.isError()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(300);
            result = call(client, "preview_link", Map.of("id", id, "port", "8080", "description", "web", "check_server", true));
        }
        return ok(result);
    }
}
