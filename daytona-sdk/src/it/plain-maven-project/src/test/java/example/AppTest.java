package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.daytona.sdk.DaytonaNotFoundException;
import io.daytona.sdk.Image;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The SDK, resolved from the installed artifact with its dependencies, against a local HTTP server. */
class AppTest {
    @Test
    void theSdkCallsTheApiAndMapsItsErrors() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/sandbox/", exchange -> {
            boolean known = exchange.getRequestURI().getPath().endsWith("/sb-1")
                    && "Bearer dtn_key".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (known
                    ? "{\"id\":\"sb-1\",\"organizationId\":\"o\",\"name\":\"sb-1\",\"user\":\"daytona\",\"env\":{},\"labels\":{},"
                            + "\"public\":false,\"networkBlockAll\":false,\"target\":\"us\",\"cpu\":1,\"gpu\":0,\"memory\":1,\"disk\":3,"
                            + "\"state\":\"started\",\"toolboxProxyUrl\":\"http://localhost/toolbox\"}"
                    : "{\"statusCode\":404,\"message\":\"Sandbox not found\",\"error\":\"Not Found\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(known ? 200 : 404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String api = "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
            assertEquals("sb-1 is started", App.describe(api, "dtn_key", "sb-1"));
            DaytonaNotFoundException missing = assertThrows(DaytonaNotFoundException.class, () -> App.describe(api, "dtn_key", "nope"));
            assertEquals("Failed to get sandbox: Sandbox not found", missing.getMessage());
        } finally {
            server.stop(0);
        }
        assertTrue(Image.base("python:3.12-slim").pipInstall("requests").dockerfile().contains("RUN python -m pip install requests"));
    }
}
