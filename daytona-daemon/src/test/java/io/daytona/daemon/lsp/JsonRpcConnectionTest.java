package io.daytona.daemon.lsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.model.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The LSP base protocol framing, against the other end of two pipes played by the test. */
class JsonRpcConnectionTest {
    private final ObjectMapper mapper = Json.newMapper();
    private PipedOutputStream serverOut;
    private PipedInputStream serverIn;
    private JsonRpcConnection connection;

    @BeforeEach
    void connect() throws IOException {
        serverOut = new PipedOutputStream();
        PipedInputStream clientIn = new PipedInputStream(serverOut, 1 << 16);
        PipedOutputStream clientOut = new PipedOutputStream();
        serverIn = new PipedInputStream(clientOut, 1 << 16);
        connection = new JsonRpcConnection(mapper, clientIn, clientOut, "test");
    }

    @AfterEach
    void close() throws IOException {
        connection.close();
        serverOut.close();
    }

    @Test
    void framesRequestsAndMatchesAnswersByIdAcrossNotificationsAndServerRequests() throws Exception {
        Thread server = Thread.ofVirtual().start(() -> {
            try {
                JsonNode request = readFrame(serverIn);
                assertThat(request.get("method").asText()).isEqualTo("textDocument/completion");
                assertThat(request.get("params").get("x").asInt()).isEqualTo(1);
                // A notification and a request of the server's own come first, in mixed header case.
                send("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n", Map.of("jsonrpc", "2.0",
                        "method", "textDocument/publishDiagnostics", "params", Map.of()));
                send("", Map.of("jsonrpc", "2.0", "id", 99, "method", "workspace/configuration",
                        "params", Map.of("items", java.util.List.of(Map.of(), Map.of()))));
                JsonNode configurationAnswer = readFrame(serverIn);
                assertThat(configurationAnswer.get("id").asInt()).isEqualTo(99);
                assertThat(configurationAnswer.get("result").size()).isEqualTo(2);
                send("", Map.of("jsonrpc", "2.0", "id", request.get("id").asInt(), "result", Map.of("items", java.util.List.of("é"))));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        JsonNode result = connection.request("textDocument/completion", Map.of("x", 1), Duration.ofSeconds(5));

        assertThat(result.get("items").get(0).asText()).isEqualTo("é");
        server.join();
    }

    @Test
    void anErrorAnswerAndAClosedServerFailTheRequest() throws Exception {
        Thread.ofVirtual().start(() -> {
            try {
                JsonNode request = readFrame(serverIn);
                send("", Map.of("jsonrpc", "2.0", "id", request.get("id").asInt(),
                        "error", Map.of("code", -32602, "message", "bad position")));
                readFrame(serverIn);
                serverOut.close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        assertThatThrownBy(() -> connection.request("a", Map.of(), Duration.ofSeconds(5)))
                .isInstanceOf(JsonRpcConnection.JsonRpcException.class).hasMessage("bad position");
        assertThatThrownBy(() -> connection.request("b", Map.of(), Duration.ofSeconds(5)))
                .isInstanceOf(IOException.class).hasMessageContaining("closed its output");
    }

    @Test
    void aServerThatDoesNotAnswerTimesOut() {
        assertThatThrownBy(() -> connection.request("slow", null, Duration.ofMillis(200)))
                .isInstanceOfSatisfying(JsonRpcConnection.JsonRpcException.class, e -> assertThat(e.timedOut()).isTrue())
                .hasMessageContaining("did not answer slow");
    }

    private void send(String extraHeader, Object message) throws IOException {
        byte[] body = mapper.writeValueAsBytes(message);
        String header = "content-length: " + body.length + "\r\n" + extraHeader + "\r\n";
        serverOut.write(header.getBytes(StandardCharsets.US_ASCII));
        serverOut.write(body);
        serverOut.flush();
    }

    private JsonNode readFrame(InputStream in) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        while (!header.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed");
            }
            header.write(b);
        }
        String text = header.toString(StandardCharsets.US_ASCII);
        int length = Integer.parseInt(text.substring(text.indexOf(':') + 1, text.indexOf('\r')).strip());
        return mapper.readTree(in.readNBytes(length));
    }
}
