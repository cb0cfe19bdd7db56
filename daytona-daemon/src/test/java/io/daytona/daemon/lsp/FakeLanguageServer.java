package io.daytona.daemon.lsp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A language server for tests, run as its own process: answers {@code initialize},
 * {@code shutdown} and (after 300 ms) {@code textDocument/documentSymbol}, and appends every
 * method it receives, with the document's URI if any, to the file named by its argument.
 */
public final class FakeLanguageServer {
    private FakeLanguageServer() {}

    public static void main(String[] args) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        Path log = Path.of(args[0]);
        InputStream in = new BufferedInputStream(System.in);
        OutputStream out = System.out;
        while (true) {
            JsonNode message = mapper.readTree(readFrame(in));
            String method = message.path("method").asText();
            String uri = message.path("params").path("textDocument").path("uri").asText("");
            Files.writeString(log, method + " " + uri + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (method.equals("exit")) {
                System.exit(0);
            }
            if (!message.has("id")) {
                continue;
            }
            ObjectNode answer = mapper.createObjectNode().put("jsonrpc", "2.0");
            answer.set("id", message.get("id"));
            switch (method) {
                case "initialize" -> answer.putObject("result").putObject("capabilities");
                case "textDocument/documentSymbol" -> {
                    Thread.sleep(300);
                    answer.putArray("result");
                }
                default -> answer.putNull("result");
            }
            byte[] body = mapper.writeValueAsBytes(answer);
            synchronized (out) {
                out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            }
        }
    }

    private static byte[] readFrame(InputStream in) throws IOException {
        StringBuilder header = new StringBuilder();
        while (!header.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                System.exit(0);
            }
            header.append((char) b);
        }
        String text = header.toString().strip();
        return in.readNBytes(Integer.parseInt(text.substring(text.indexOf(':') + 1).strip()));
    }
}
