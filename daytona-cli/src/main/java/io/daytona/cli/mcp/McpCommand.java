package io.daytona.cli.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.daytona.cli.CliContext;
import io.daytona.cli.CliException;
import io.daytona.sdk.Daytona;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code daytona mcp start|config|init}. */
@Command(name = "mcp", mixinStandardHelpOptions = true, description = "Manage Daytona MCP Server.")
public final class McpCommand implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    public static CommandLine commandLine(CliContext context) {
        return new CommandLine(new McpCommand())
                .addSubcommand(new Start(context))
                .addSubcommand(new Config(context))
                .addSubcommand(new Init(context));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start Daytona MCP Server (on stdin/stdout, until stdin closes; as the logged-in user).")
    static final class Start implements Callable<Integer> {
        private final CliContext context;
        @Option(names = "--log-file", description = "Where to log tool calls (default: ${DEFAULT-VALUE}).")
        Path logFile;

        Start(CliContext context) {
            this.context = Objects.requireNonNull(context, "context is null");
            this.logFile = McpAgent.logFile(context);
        }

        @Override
        public Integer call() throws InterruptedException {
            try (Daytona daytona = context.client()) {
                // The protocol owns stdout: nothing else may write there.
                DaytonaMcpServer.serve(daytona, new McpLog(logFile, System.err), System.in, System.out);
            }
            return 0;
        }
    }

    @Command(name = "config", mixinStandardHelpOptions = true, description = "Outputs JSON configuration for Daytona MCP Server.")
    static final class Config implements Runnable {
        private final CliContext context;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", arity = "0..1", paramLabel = "AGENT_NAME",
                description = "claude, cursor or windsurf (the block is the same for every agent).")
        McpAgent agent;

        Config(CliContext context) {
            this.context = Objects.requireNonNull(context, "context is null");
        }

        @Override
        public void run() {
            try {
                spec.commandLine().getOut().println(JSON.writeValueAsString(McpConfig.block(context)));
                spec.commandLine().getOut().flush();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Initialize Daytona MCP Server with an agent (currently supported: claude, windsurf, cursor).")
    static final class Init implements Runnable {
        private final CliContext context;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "AGENT_NAME", description = "${COMPLETION-CANDIDATES}.")
        McpAgent agent;

        Init(CliContext context) {
            this.context = Objects.requireNonNull(context, "context is null");
        }

        /** Adds (or replaces) {@code mcpServers.daytona-mcp} in the agent's file, keeping everything else in it. */
        @Override
        public void run() {
            Path file = agent.configFile(context);
            try {
                ObjectNode config = Files.exists(file) && Files.size(file) > 0
                        ? readObject(file) : JSON.createObjectNode();
                ObjectNode servers = config.get("mcpServers") instanceof ObjectNode existing ? existing : config.putObject("mcpServers");
                servers.set(McpConfig.SERVER_NAME, JSON.valueToTree(McpConfig.server(context)));
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, JSON.writeValueAsString(config) + "\n");
            } catch (IOException e) {
                throw new CliException("Cannot update " + file + ": " + e.getMessage(), e);
            }
            spec.commandLine().getOut().println("Daytona MCP server added to " + file + "; restart " + agent.displayName() + " to use it");
            spec.commandLine().getOut().flush();
        }

        private static ObjectNode readObject(Path file) throws IOException {
            if (JSON.readTree(file.toFile()) instanceof ObjectNode object) {
                return object;
            }
            throw new CliException(file + " does not hold a JSON object; fix it or move it away and run this again");
        }
    }
}
