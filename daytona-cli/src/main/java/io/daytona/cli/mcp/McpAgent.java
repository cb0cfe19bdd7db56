package io.daytona.cli.mcp;

import io.daytona.cli.CliContext;
import io.daytona.cli.CliException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The agents {@code daytona mcp init} configures, and where each keeps its MCP servers (the
 * paths the upstream CLI writes).
 */
public enum McpAgent {
    claude("Claude Desktop"),
    cursor("Cursor"),
    windsurf("Windsurf");

    private final String displayName;

    McpAgent(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** {@return the agent's configuration file on this operating system} */
    public Path configFile(CliContext context) {
        Path home = context.home();
        return switch (this) {
            case claude -> switch (os(context)) {
                case MAC -> home.resolve("Library/Application Support/Claude/claude_desktop_config.json");
                case WINDOWS -> appData(context).resolve("Claude/claude_desktop_config.json");
                case LINUX -> home.resolve(".config/Claude/claude_desktop_config.json");
            };
            case cursor -> home.resolve(".cursor/mcp.json");
            case windsurf -> home.resolve(".codeium/windsurf/mcp_config.json");
        };
    }

    /** {@return where the MCP server logs: {@code ~/Library/Logs/daytona/} on macOS (as the docs show), else {@code ~/.daytona/logs/}} */
    public static Path logFile(CliContext context) {
        return switch (os(context)) {
            case MAC -> context.home().resolve("Library/Logs/daytona/daytona-mcp-server.log");
            case WINDOWS -> appData(context).resolve(".daytona/daytona-mcp-server.log");
            case LINUX -> context.home().resolve(".daytona/logs/daytona-mcp-server.log");
        };
    }

    enum Os { MAC, WINDOWS, LINUX }

    static Os os(CliContext context) {
        String name = context.osName().toLowerCase(Locale.ROOT);
        return name.startsWith("mac") ? Os.MAC : name.startsWith("windows") ? Os.WINDOWS : Os.LINUX;
    }

    private static Path appData(CliContext context) {
        return context.env("APPDATA").map(Path::of).orElseThrow(() -> new CliException("APPDATA is not set"));
    }
}
