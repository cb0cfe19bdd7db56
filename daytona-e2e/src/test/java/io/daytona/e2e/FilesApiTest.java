package io.daytona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.daytona.model.sandbox.Sandbox;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.io.Content;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The toolbox files API over raw HTTP, through the proxy into the daemon of a real sandbox, where
 * the daemon runs as the sandbox user with a 64 MB heap.
 */
@ExtendWith(PlatformExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilesApiTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String BOUNDARY = "e2e-boundary-Zq3xv9";
    private static final String HOME = "/home/daytona";

    private Api api;
    private Api toolbox;
    private String sandboxId;
    private URI toolboxBase;
    private String key;

    @BeforeAll
    void createSandbox(Platform platform) {
        api = Api.of(platform);
        Api.Reply created = api.post("/sandbox", Map.of("labels", Map.of("suite", "files-e2e")));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        sandboxId = created.as(Sandbox.class).id();
        toolbox = api.toolbox(platform, sandboxId);
        toolboxBase = URI.create(platform.proxyUrl() + "/toolbox/" + sandboxId);
        key = platform.adminKey();
    }

    @AfterAll
    void deleteSandbox() {
        if (sandboxId != null) {
            api.delete("/sandbox/" + sandboxId);
        }
    }

    @Test
    void everyEndpointWorksThroughTheProxy() throws Exception {
        assertThat(toolbox.post("/files/folder?path=proj/src&mode=750", null).status()).isEqualTo(201);
        Reply uploaded = upload("/files/bulk-upload", multipart(List.of(
                text("files[0].path", "proj/src/main.py"),
                file("files[0].file", "proj/src/main.py", bytes("import os\n# TODO: ship\n")),
                text("files[1].path", HOME + "/proj/notes/readme.md"),
                file("files[1].file", "readme.md", bytes("TODO later\n")))));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        assertThat(uploaded.json().get("files").toString())
                .isEqualTo("[{\"path\":\"proj/src/main.py\",\"bytes\":23},{\"path\":\"" + HOME + "/proj/notes/readme.md\",\"bytes\":11}]");

        JsonNode listing = toolbox.get("/files?path=proj").json();
        assertThat(listing).extracting(entry -> entry.get("name").asText()).containsExactly("notes", "src");
        JsonNode src = listing.get(1);
        assertThat(src.get("mode").asText()).isEqualTo("drwxr-x---");
        assertThat(src.get("permissions").asText()).isEqualTo("0750");
        assertThat(src.get("owner").asText()).isEqualTo("1000");
        assertThat(src.get("group").asText()).isEqualTo("1000");
        assertThat(src.get("isDir").asBoolean()).isTrue();
        JsonNode info = toolbox.get("/files/info?path=proj/src/main.py").json();
        assertThat(info.get("name").asText()).isEqualTo("main.py");
        assertThat(info.get("size").asLong()).isEqualTo(23);
        assertThat(info.get("mode").asText()).isEqualTo("-rw-r--r--");
        assertThat(info.get("modTime").asText()).endsWith(" +0000 UTC");
        assertThat(info.get("modifiedAt").asText()).endsWith("Z");

        JsonNode matches = toolbox.get("/files/find?path=proj&pattern=TODO").json();
        assertThat(matches.toString()).isEqualTo("[{\"file\":\"proj/notes/readme.md\",\"line\":1,\"content\":\"TODO later\"},"
                + "{\"file\":\"proj/src/main.py\",\"line\":2,\"content\":\"# TODO: ship\"}]");
        assertThat(toolbox.get("/files/search?path=proj&pattern=*.py").json().toString()).isEqualTo("{\"files\":[\"proj/src/main.py\"]}");
        JsonNode replaced = toolbox.post("/files/replace",
                Map.of("files", List.of("proj/src/main.py", "proj/none.py"), "pattern", "TODO", "newValue", "DONE")).json();
        assertThat(replaced.get(0).toString()).isEqualTo("{\"file\":\"proj/src/main.py\",\"success\":true}");
        assertThat(replaced.get(1).get("success").asBoolean()).isFalse();
        assertThat(execute("cat proj/src/main.py")).isEqualTo("import os\n# DONE: ship\n");

        assertThat(toolbox.post("/files/move?source=proj/notes/readme.md&destination=proj/README.md", null).status()).isEqualTo(200);
        assertThat(toolbox.post("/files/move?source=proj/src/main.py&destination=proj/README.md", null).status()).isEqualTo(409);
        assertThat(toolbox.post("/files/move?source=proj/gone.md&destination=proj/x.md", null).status()).isEqualTo(404);
        assertThat(toolbox.post("/files/permissions?path=proj/README.md&mode=600&owner=daytona&group=1000", null).status())
                .isEqualTo(200);
        assertThat(execute("stat -c '%a %U %G' proj/README.md")).isEqualTo("600 daytona daytona\n");

        HttpResponse<byte[]> legacy = raw("GET", "/files/download?path=proj/README.md", HttpRequest.BodyPublishers.noBody(), null);
        assertThat(legacy.statusCode()).isEqualTo(200);
        assertThat(legacy.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(new String(legacy.body(), StandardCharsets.UTF_8)).isEqualTo("TODO later\n");
        Reply legacyUpload = upload("/files/upload?path=proj/legacy.txt", multipart(List.of(file("file", "legacy.txt", bytes("old api")))));
        assertThat(legacyUpload.status()).as(legacyUpload.body()).isEqualTo(200);
        assertThat(execute("cat proj/legacy.txt")).isEqualTo("old api");

        List<Part> parts = bulkDownload("{\"paths\":[\"proj/README.md\",\"proj/missing.txt\",\"proj/src\"]}");
        assertThat(parts).extracting(Part::name).containsExactly("file", "error", "error");
        assertThat(parts).extracting(Part::fileName).containsExactly("proj/README.md", "proj/missing.txt", "proj/src");
        assertThat(new String(parts.get(0).content(), StandardCharsets.UTF_8)).isEqualTo("TODO later\n");
        JsonNode missing = Api.JSON.readTree(parts.get(1).content());
        assertThat(missing.get("statusCode").asInt()).isEqualTo(404);
        assertThat(missing.get("code").asText()).isEqualTo("FILE_NOT_FOUND");
        assertThat(Api.JSON.readTree(parts.get(2).content()).get("code").asText()).isEqualTo("INVALID_FILE_PATH");
        assertThat(toolbox.post("/files/bulk-download", Map.of("paths", List.of())).status()).isEqualTo(400);

        String unicode = "proj/ünïcödé 名前.txt";
        Reply unicodeUpload = upload("/files/bulk-upload", multipart(List.of(
                text("files[0].path", unicode), file("files[0].file", "x", bytes("grüße")))));
        assertThat(unicodeUpload.status()).as(unicodeUpload.body()).isEqualTo(200);
        assertThat(execute("cat 'proj/ünïcödé 名前.txt'")).isEqualTo("grüße");
        List<Part> unicodeParts = bulkDownload(Api.JSON.writeValueAsString(Map.of("paths", List.of(unicode))));
        assertThat(unicodeParts).extracting(Part::fileName).containsExactly(unicode);
        assertThat(new String(unicodeParts.get(0).content(), StandardCharsets.UTF_8)).isEqualTo("grüße");

        Api.Reply notRecursive = toolbox.delete("/files?path=proj");
        assertThat(notRecursive.status()).isEqualTo(400);
        assertThat(notRecursive.json().get("message").asText()).contains("recursive=true");
        assertThat(toolbox.delete("/files?path=proj&recursive=true").status()).isEqualTo(204);
        Api.Reply gone = toolbox.get("/files/info?path=proj");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(gone.json().get("message").asText()).contains(HOME + "/proj");
    }

    @Test
    void aFileOfHundredsOfMegabytesStreamsBothWaysThroughTheDaemonsSmallHeap() throws Exception {
        String daemonBefore = daemonPid();
        assertThat(execute("cat /proc/" + daemonBefore + "/cmdline | tr '\\0' ' '")).contains("-Xmx64m");
        long size = 320L * 1024 * 1024 + 13;
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        Reply uploaded = upload("/files/bulk-upload", multipart(List.of(
                text("files[0].path", "big/blob.bin"),
                file("files[0].file", "big/blob.bin", new DigestInputStream(new PatternStream(size), sent)))));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        assertThat(uploaded.json().get("files").get(0).get("bytes").asLong()).isEqualTo(size);
        String expected = HexFormat.of().formatHex(sent.digest());
        assertThat(execute("sha256sum big/blob.bin | cut -d' ' -f1")).isEqualTo(expected + "\n");

        MessageDigest received = MessageDigest.getInstance("SHA-256");
        long[] receivedBytes = {0};
        HttpResponse<InputStream> response = raw("POST", "/files/bulk-download",
                HttpRequest.BodyPublishers.ofString("{\"paths\":[\"big/blob.bin\"]}"), "application/json", HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        MultiPart.Parser parser = new MultiPart.Parser(BOUNDARY_OF_DOWNLOADS, new MultiPart.AbstractPartsListener() {
            @Override
            public void onPartContent(Content.Chunk chunk) {
                ByteBuffer bytes = chunk.getByteBuffer().slice();
                receivedBytes[0] += bytes.remaining();
                received.update(bytes);
            }

            @Override
            public void onPart(String name, String fileName, HttpFields headers) {
                names.add(name + ":" + fileName);
            }
        });
        try (InputStream body = response.body()) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = body.read(buffer)) >= 0) {
                parser.parse(Content.Chunk.from(ByteBuffer.wrap(buffer, 0, read), false));
            }
            parser.parse(Content.Chunk.EOF);
        }
        assertThat(names).containsExactly("file:big/blob.bin");
        assertThat(receivedBytes[0]).isEqualTo(size);
        assertThat(HexFormat.of().formatHex(received.digest())).isEqualTo(expected);

        MessageDigest legacy = MessageDigest.getInstance("SHA-256");
        HttpResponse<InputStream> download = raw("GET", "/files/download?path=big/blob.bin", HttpRequest.BodyPublishers.noBody(), null,
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(download.statusCode()).isEqualTo(200);
        try (InputStream body = new DigestInputStream(download.body(), legacy)) {
            assertThat(body.transferTo(OutputStream.nullOutputStream())).isEqualTo(size);
        }
        assertThat(HexFormat.of().formatHex(legacy.digest())).isEqualTo(expected);
        assertThat(daemonPid()).as("the daemon survived; it was not restarted").isEqualTo(daemonBefore);
        assertThat(toolbox.delete("/files?path=big&recursive=true").status()).isEqualTo(204);
    }

    @Test
    void theSandboxUserCannotReachWhatItCouldNotReachInAShell() throws Exception {
        Api.Reply shadow = toolbox.get("/files/download?path=../../etc/shadow");
        assertThat(shadow.status()).as(shadow.body()).isEqualTo(403);
        assertThat(shadow.json().get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(shadow.json().get("message").asText()).contains("/etc/shadow");
        List<Part> parts = bulkDownload("{\"paths\":[\"../../etc/shadow\"]}");
        assertThat(parts).extracting(Part::name).containsExactly("error");
        JsonNode denied = Api.JSON.readTree(parts.get(0).content());
        assertThat(denied.get("code").asText()).isEqualTo("FILE_ACCESS_DENIED");
        assertThat(denied.get("statusCode").asInt()).isEqualTo(403);

        execute("ln -sfn /root rootlink");
        assertThat(toolbox.get("/files?path=rootlink").status()).isEqualTo(403);
        assertThat(toolbox.get("/files/find?path=rootlink&pattern=x").status()).isEqualTo(403);
        assertThat(toolbox.get("/files/search?path=rootlink&pattern=*").status()).isEqualTo(403);
        Reply intoRoot = upload("/files/bulk-upload", multipart(List.of(
                text("files[0].path", "rootlink/planted.txt"), file("files[0].file", "planted.txt", bytes("x")))));
        assertThat(intoRoot.status()).as(intoRoot.body()).isEqualTo(403);
        assertThat(intoRoot.json().get("errors").get(0).asText()).contains("Permission denied");
        assertThat(toolbox.post("/files/folder?path=/root/new", null).status()).isEqualTo(403);
        assertThat(toolbox.delete("/files?path=/etc/passwd").status()).isEqualTo(403);
        assertThat(toolbox.post("/files/move?source=/etc/hostname&destination=stolen", null).status()).isEqualTo(403);

        execute("echo mine > owned.txt");
        Api.Reply chown = toolbox.post("/files/permissions?path=owned.txt&owner=root", null);
        assertThat(chown.status()).as(chown.body()).isEqualTo(403);
        assertThat(toolbox.post("/files/permissions?path=owned.txt&owner=nobody-here", null).status()).isEqualTo(400);
        assertThat(toolbox.get("/files/info?path=bad%00name").status()).isEqualTo(400);
        assertThat(execute("stat -c %U owned.txt; ls /root 2>&1 | head -1")).startsWith("daytona\n");
    }

    // --- helpers ---

    private static final String BOUNDARY_OF_DOWNLOADS = "DAYTONA-FILE-BOUNDARY";

    private record Reply(int status, String body) {
        JsonNode json() throws IOException {
            return Api.JSON.readTree(body);
        }
    }

    private record Piece(String headers, InputStream content) {}

    private record Part(String name, String fileName, byte[] content) {}

    private String execute(String command) {
        Api.Reply reply = toolbox.post("/process/execute", Map.of("command", command));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("result").asText();
    }

    private String daemonPid() {
        // Anchored on the JVM's path so neither the container's init nor this shell matches.
        String pid = execute("pgrep -f '^/opt/daytona/jre/bin/java .*[d]aemon[.]jar'");
        assertThat(pid).as("exactly one daemon JVM").matches("[0-9]+\n");
        return pid.strip();
    }

    private Reply upload(String path, InputStream body) throws Exception {
        HttpResponse<String> response = raw("POST", path, HttpRequest.BodyPublishers.ofInputStream(() -> body),
                "multipart/form-data; boundary=" + BOUNDARY, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    private List<Part> bulkDownload(String json) throws Exception {
        HttpResponse<byte[]> response = raw("POST", "/files/bulk-download", HttpRequest.BodyPublishers.ofString(json), "application/json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("multipart/form-data; boundary=" + BOUNDARY_OF_DOWNLOADS);
        List<Part> parts = new ArrayList<>();
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        MultiPart.Parser parser = new MultiPart.Parser(BOUNDARY_OF_DOWNLOADS, new MultiPart.AbstractPartsListener() {
            @Override
            public void onPartContent(Content.Chunk chunk) {
                ByteBuffer bytes = chunk.getByteBuffer().slice();
                byte[] copy = new byte[bytes.remaining()];
                bytes.get(copy);
                content.writeBytes(copy);
            }

            @Override
            public void onPart(String name, String fileName, HttpFields headers) {
                parts.add(new Part(name, fileName, content.toByteArray()));
                content.reset();
            }
        });
        parser.parse(Content.Chunk.from(ByteBuffer.wrap(response.body()), true));
        return parts;
    }

    private HttpResponse<byte[]> raw(String method, String path, HttpRequest.BodyPublisher body, String contentType) throws Exception {
        return raw(method, path, body, contentType, HttpResponse.BodyHandlers.ofByteArray());
    }

    private <T> HttpResponse<T> raw(String method, String path, HttpRequest.BodyPublisher body, String contentType,
                                    HttpResponse.BodyHandler<T> handler) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(toolboxBase + path))
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + key)
                .method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), handler);
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Piece text(String name, String value) {
        return new Piece("Content-Disposition: form-data; name=\"" + name + "\"\r\n", bytes(value));
    }

    private static Piece file(String name, String fileName, InputStream content) {
        return new Piece("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n", content);
    }

    private static InputStream multipart(List<Piece> pieces) {
        List<InputStream> streams = new ArrayList<>();
        for (Piece piece : pieces) {
            streams.add(bytes("--" + BOUNDARY + "\r\n" + piece.headers() + "\r\n"));
            streams.add(piece.content());
            streams.add(bytes("\r\n"));
        }
        streams.add(bytes("--" + BOUNDARY + "--\r\n"));
        return new SequenceInputStream(Collections.enumeration(streams));
    }

    /** Deterministic bytes of a given length, generated as they are read, never held whole. */
    private static final class PatternStream extends InputStream {
        private final long size;
        private long position;

        PatternStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= size) {
                return -1;
            }
            int count = (int) Math.min(length, size - position);
            for (int i = 0; i < count; i++, position++) {
                buffer[offset + i] = (byte) (position * 31 + (position >>> 9));
            }
            return count;
        }
    }
}
