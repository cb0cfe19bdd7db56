package io.daytona.cli.mcp;

import io.daytona.cli.CliContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The block agents need to start the server: {@code {"mcpServers": {"daytona-mcp": {"command",
 * "args": ["mcp", "start"], "env", "logFile"}}}}, the upstream CLI's. The command is
 * {@code $DAYTONA_COMMAND} (the {@code ./daytona} launcher sets it to its own path, since agents
 * start servers without the user's PATH), else {@code daytona}.
 */
final class McpConfig {
    static final String SERVER_NAME = "daytona-mcp";

    private McpConfig() {}

    static Map<String, Object> server(CliContext context) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", context.home().toString());
        env.put("PATH", context.home() + ":/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin:/opt/homebrew/bin");
        if (McpAgent.os(context) == McpAgent.Os.WINDOWS) {
            context.env("APPDATA").ifPresent(appData -> env.put("APPDATA", appData));
        }
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("command", context.env("DAYTONA_COMMAND").orElse("daytona"));
        server.put("args", List.of("mcp", "start"));
        server.put("env", env);
        server.put("logFile", McpAgent.logFile(context).toString());
        return server;
    }

    static Map<String, Object> block(CliContext context) {
        return Map.of("mcpServers", Map.of(SERVER_NAME, server(context)));
    }
}
