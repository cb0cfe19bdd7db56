package io.daytona.daemon.lsp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client side of JSON-RPC 2.0 over the LSP base protocol: each message is a
 * {@code Content-Length} header, a blank line and that many bytes of JSON.
 *
 * <p>One platform thread reads the server's messages (a blocking read on a pipe would hold a
 * virtual thread's carrier, and a small sandbox has one); callers block on their own request's
 * future. Requests the server makes of the client get an empty answer: this client advertises no
 * capability that would need more.
 */
final class JsonRpcConnection implements AutoCloseable {
    private static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

    private final ObjectMapper mapper;
    private final InputStream in;
    private final OutputStream out;
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile IOException closedBy;

    JsonRpcConnection(ObjectMapper mapper, InputStream in, OutputStream out, String name) {
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.in = new BufferedInputStream(requireNonNull(in, "in is null"));
        this.out = requireNonNull(out, "out is null");
        this.reader = Thread.ofPlatform().daemon().name("lsp-reader-" + name).unstarted(this::readLoop);
        reader.start();
    }

    /** Sends a request and waits for its result; an error answer becomes a {@link JsonRpcException}. */
    JsonNode request(String method, Object params, Duration timeout) throws IOException, InterruptedException {
        int id = nextId.getAndIncrement();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            ObjectNode message = envelope().put("id", id).put("method", method);
            if (params != null) {
                message.set("params", mapper.valueToTree(params));
            }
            write(message);
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new JsonRpcException("the language server did not answer %s within %d s".formatted(method, timeout.toSeconds()), true);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } finally {
            pending.remove(id);
        }
    }

    /** Sends a notification, which has no answer. */
    void notify(String method, Object params) throws IOException {
        ObjectNode message = envelope().put("method", method);
        if (params != null) {
            message.set("params", mapper.valueToTree(params));
        }
        write(message);
    }

    private ObjectNode envelope() {
        return mapper.createObjectNode().put("jsonrpc", "2.0");
    }

    private void write(JsonNode message) throws IOException {
        IOException closed = closedBy;
        if (closed != null) {
            throw new IOException("the language server has gone: " + closed.getMessage(), closed);
        }
        byte[] body = mapper.writeValueAsBytes(message);
        byte[] header = ("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        synchronized (out) {
            out.write(header);
            out.write(body);
            out.flush();
        }
    }

    private void readLoop() {
        try {
            while (true) {
                dispatch(mapper.readTree(readFrame()));
            }
        } catch (IOException e) {
            closedBy = e;
        } catch (RuntimeException e) {
            closedBy = new IOException("unreadable message from the language server: " + e.getMessage(), e);
        }
        pending.values().forEach(answer -> answer.completeExceptionally(closedBy));
    }

    private byte[] readFrame() throws IOException {
        int length = -1;
        String line;
        while (!(line = readHeaderLine()).isEmpty()) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals("content-length")) {
                length = Integer.parseInt(line.substring(colon + 1).strip());
            }
        }
        if (length < 0 || length > MAX_MESSAGE_BYTES) {
            throw new IOException("bad Content-Length in a message from the language server: " + length);
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("the language server closed its output");
        }
        return body;
    }

    private String readHeaderLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("the language server closed its output");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    private void dispatch(JsonNode message) throws IOException {
        boolean hasId = message.hasNonNull("id");
        if (message.has("method")) {
            if (hasId) {
                answerServerRequest(message);
            }
            return; // notifications (diagnostics, logs, progress) are not part of the toolbox API
        }
        if (hasId && message.get("id").canConvertToInt()) {
            CompletableFuture<JsonNode> answer = pending.get(message.get("id").asInt());
            if (answer == null) {
                return;
            }
            JsonNode error = message.get("error");
            if (error != null && !error.isNull()) {
                answer.completeExceptionally(new JsonRpcException(error.path("message").asText("error " + error.path("code").asInt()), false));
            } else {
                answer.complete(message.path("result"));
            }
        }
    }

    /** {@code workspace/configuration} wants one entry per item asked for; everything else accepts null. */
    private void answerServerRequest(JsonNode request) throws IOException {
        ObjectNode answer = envelope();
        answer.set("id", request.get("id"));
        if ("workspace/configuration".equals(request.path("method").asText())) {
            ArrayNode settings = answer.putArray("result");
            request.path("params").path("items").forEach(item -> settings.addNull());
        } else {
            answer.putNull("result");
        }
        write(answer);
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // the process is being stopped anyway
        }
    }

    /** The language server answered with an error, or not in time. */
    static final class JsonRpcException extends IOException {
        private final boolean timedOut;

        JsonRpcException(String message, boolean timedOut) {
            super(message);
            this.timedOut = timedOut;
        }

        boolean timedOut() {
            return timedOut;
        }
    }
}
