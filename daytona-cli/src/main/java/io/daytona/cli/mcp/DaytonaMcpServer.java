package io.daytona.cli.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.cli.DaytonaCli;
import io.daytona.sdk.Daytona;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;

/** The Daytona MCP server over stdio (the official MCP Java SDK's transport), until stdin closes. */
final class DaytonaMcpServer {
    static final String NAME = "Daytona MCP Server";

    private DaytonaMcpServer() {}

    static void serve(Daytona daytona, McpLog log, InputStream in, OutputStream out) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        StdioServerTransportProvider transport = new StdioServerTransportProvider(
                new JacksonMcpJsonMapper(new ObjectMapper()), new EndSignalling(in, closed), out);
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo(NAME, DaytonaCli.Version.current())
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(new DaytonaTools(daytona, log).specifications())
                .build();
        log.info("started, serving on stdio");
        closed.await();
        log.info("stdin closed, stopping");
        server.closeGracefully();
    }

    /** Tells when the client closed stdin, which is how a stdio MCP server is asked to stop. */
    private static final class EndSignalling extends FilterInputStream {
        private final CountDownLatch closed;

        EndSignalling(InputStream in, CountDownLatch closed) {
            super(in);
            this.closed = closed;
        }

        @Override
        public int read() throws IOException {
            return signal(super.read());
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return signal(super.read(buffer, offset, length));
        }

        @Override
        public void close() throws IOException {
            closed.countDown();
            super.close();
        }

        private int signal(int result) {
            if (result < 0) {
                closed.countDown();
            }
            return result;
        }
    }
}
