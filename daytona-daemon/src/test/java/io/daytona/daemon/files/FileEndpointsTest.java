package io.daytona.daemon.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.http.HttpServer;
import io.daytona.http.Router;
import io.daytona.model.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.io.Content;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files API over real HTTP against an in-process server, as the proxy would reach it. */
class FileEndpointsTest {
    private static final ObjectMapper JSON = Json.newMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path workDir;
    @TempDir
    Path scratch;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        Router router = new Router(JSON);
        new FileEndpoints(workDir, scratch, ZoneOffset.UTC, JSON).register(router);
        server = HttpServer.start("files-test", "127.0.0.1", 0, router, JSON);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void listsAndDescribesFilesWithEveryFieldResolvingRelativePathsAgainstTheWorkDir() throws Exception {
        Files.createDirectories(workDir.resolve("project/src"));
        Files.writeString(workDir.resolve("project/b.txt"), "hello");
        Files.setPosixFilePermissions(workDir.resolve("project/b.txt"), PosixFilePermissions.fromString("rw-r-----"));
        Files.createSymbolicLink(workDir.resolve("project/dangling"), workDir.resolve("nowhere"));

        Reply list = get("/files?path=project");
        assertThat(list.status()).isEqualTo(200);
        JsonNode entries = list.json();
        assertThat(entries).extracting(entry -> entry.get("name").asText()).containsExactly("b.txt", "dangling", "src");
        JsonNode file = entries.get(0);
        assertThat(fieldNames(file)).containsExactly("name", "size", "mode", "modTime", "modifiedAt", "isDir", "owner", "group", "permissions");
        assertThat(file.get("size").asLong()).isEqualTo(5);
        assertThat(file.get("mode").asText()).isEqualTo("-rw-r-----");
        assertThat(file.get("permissions").asText()).isEqualTo("0640");
        assertThat(file.get("isDir").asBoolean()).isFalse();
        assertThat(file.get("owner").asText()).isEqualTo(Files.getAttribute(workDir.resolve("project/b.txt"), "unix:uid").toString());
        assertThat(file.get("modTime").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d+)? \\+0000 UTC");
        assertThat(file.get("modifiedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        assertThat(entries.get(1).get("mode").asText()).isEqualTo("Lrwxrwxrwx");
        assertThat(entries.get(2).get("mode").asText()).isEqualTo("drwxr-xr-x");
        assertThat(entries.get(2).get("isDir").asBoolean()).isTrue();

        JsonNode info = get("/files/info?path=project/src/").json();
        assertThat(info.get("name").asText()).isEqualTo("src");
        assertThat(info.get("isDir").asBoolean()).isTrue();
        assertThat(get("/files/info?path=" + encode(workDir.resolve("project/b.txt").toString())).json().get("name").asText()).isEqualTo("b.txt");
        assertThat(get("/files").json()).extracting(entry -> entry.get("name").asText()).containsExactly("project");
    }

    @Test
    void answersMissingFilesWith404AndMalformedRequestsWith400InTheStandardErrorBody() throws Exception {
        Reply missing = get("/files/info?path=nope.txt");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(missing.json().get("statusCode").asInt()).isEqualTo(404);
        assertThat(missing.json().get("message").asText()).contains(workDir.resolve("nope.txt").toString());
        assertThat(get("/files?path=nope").status()).isEqualTo(404);
        assertThat(get("/files/find?path=nope&pattern=x").status()).isEqualTo(404);
        assertThat(get("/files/search?path=nope&pattern=x").status()).isEqualTo(404);

        Reply nul = get("/files/info?path=a%00b");
        assertThat(nul.status()).isEqualTo(400);
        assertThat(nul.json().get("message").asText()).contains("NUL");
        assertThat(get("/files/info").status()).isEqualTo(400);
        assertThat(get("/files/find?path=.").json().get("message").asText()).contains("pattern is required");
        assertThat(get("/files/search?path=.&pattern=%5B").json().get("message").asText()).contains("pattern '['");
        Files.writeString(workDir.resolve("plain.txt"), "x");
        assertThat(get("/files?path=plain.txt").status()).isEqualTo(400);
        assertThat(send("POST", "/files/bulk-download", "{\"paths\":[]}", "application/json").status()).isEqualTo(400);
        assertThat(send("POST", "/files/bulk-upload", "not multipart", "text/plain").json().get("message").asText())
                .contains("multipart/form-data");
    }

    @Test
    void createsFoldersDeletesAndMoves() throws Exception {
        assertThat(send("POST", "/files/folder?path=a/b/c&mode=700", null, null).status()).isEqualTo(201);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(workDir.resolve("a/b/c")))).isEqualTo("rwx------");
        assertThat(send("POST", "/files/folder?path=a/b/c", null, null).status()).as("mkdir -p of an existing folder").isEqualTo(201);
        assertThat(send("POST", "/files/folder?path=d", null, null).status()).isEqualTo(201);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(workDir.resolve("d")))).isEqualTo("rwxr-xr-x");
        assertThat(send("POST", "/files/folder?path=e&mode=9", null, null).status()).isEqualTo(400);

        Files.writeString(workDir.resolve("a/file.txt"), "content");
        assertThat(send("POST", "/files/move?source=a/file.txt&destination=d/moved.txt", null, null).status()).isEqualTo(200);
        assertThat(Files.readString(workDir.resolve("d/moved.txt"))).isEqualTo("content");
        assertThat(send("POST", "/files/move?source=a/file.txt&destination=d/again.txt", null, null).status()).isEqualTo(404);
        Files.writeString(workDir.resolve("a/other.txt"), "other");
        Reply conflict = send("POST", "/files/move?source=a/other.txt&destination=d/moved.txt", null, null);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(Files.readString(workDir.resolve("d/moved.txt"))).isEqualTo("content");
        assertThat(send("POST", "/files/move?source=a/other.txt&destination=no/such/dir.txt", null, null).status()).isEqualTo(404);
        assertThat(send("POST", "/files/move?source=a&destination=d/a", null, null).status()).isEqualTo(200);
        assertThat(workDir.resolve("d/a/b/c")).isDirectory();

        Reply notRecursive = send("DELETE", "/files?path=d", null, null);
        assertThat(notRecursive.status()).isEqualTo(400);
        assertThat(notRecursive.json().get("message").asText()).contains("recursive=true");
        assertThat(send("DELETE", "/files?path=d/moved.txt", null, null).status()).isEqualTo(204);
        assertThat(send("DELETE", "/files?path=d&recursive=true", null, null).status()).isEqualTo(204);
        assertThat(workDir.resolve("d")).doesNotExist();
        assertThat(send("DELETE", "/files?path=d", null, null).status()).isEqualTo(404);
    }

    @Test
    void deletesASymbolicLinkNotWhatItPointsTo() throws Exception {
        Path target = Files.createDirectories(scratch.resolve("kept"));
        Files.writeString(target.resolve("inside.txt"), "x");
        Files.createSymbolicLink(workDir.resolve("link"), target);
        assertThat(send("DELETE", "/files?path=link&recursive=true", null, null).status()).isEqualTo(204);
        assertThat(workDir.resolve("link")).doesNotExist();
        assertThat(target.resolve("inside.txt")).exists();
    }

    @Test
    void setsModeOwnerAndGroupByIdOrName() throws Exception {
        Path file = Files.writeString(workDir.resolve("run.sh"), "#!/bin/sh\n");
        assertThat(send("POST", "/files/permissions?path=run.sh&mode=750", null, null).status()).isEqualTo(200);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rwxr-x---");
        String uid = Files.getAttribute(file, "unix:uid").toString();
        String user = Files.getOwner(file).getName();
        assertThat(send("POST", "/files/permissions?path=run.sh&owner=" + uid + "&group=" + user, null, null).status())
                .isIn(200);
        assertThat(send("POST", "/files/permissions?path=run.sh&owner=no-such-user-xyz", null, null).json().get("message").asText())
                .contains("no-such-user-xyz");
        assertThat(send("POST", "/files/permissions?path=run.sh&mode=rwx", null, null).status()).isEqualTo(400);
        assertThat(send("POST", "/files/permissions?path=missing&mode=600", null, null).status()).isEqualTo(404);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rwxr-x---");
    }

    @Test
    void findsSearchesAndReplaces() throws Exception {
        Files.createDirectories(workDir.resolve("src/util"));
        Files.writeString(workDir.resolve("src/main.py"), "import os\n# TODO: one\n");
        Files.writeString(workDir.resolve("src/util/helper.py"), "x = 1 # TODO\n");
        Files.writeString(workDir.resolve("src/notes.md"), "nothing\n");

        JsonNode matches = get("/files/find?path=src&pattern=TODO").json();
        assertThat(matches).hasSize(2);
        assertThat(fieldNames(matches.get(0))).containsExactly("file", "line", "content");
        assertThat(matches.get(0).get("file").asText()).isEqualTo("src/main.py");
        assertThat(matches.get(0).get("line").asInt()).isEqualTo(2);
        assertThat(matches.get(0).get("content").asText()).isEqualTo("# TODO: one");
        assertThat(get("/files/find?path=src&pattern=absent").body()).isEqualTo("[]");

        JsonNode search = get("/files/search?path=src&pattern=*.py").json();
        assertThat(search.get("files")).extracting(JsonNode::asText).containsExactly("src/main.py", "src/util/helper.py");
        assertThat(get("/files/search?path=src&pattern=*.none").body()).isEqualTo("{\"files\":[]}");
        String absolute = workDir.resolve("src").toString();
        assertThat(get("/files/search?path=" + encode(absolute) + "&pattern=util").json().get("files").get(0).asText())
                .isEqualTo(absolute + "/util");

        Reply replaced = send("POST", "/files/replace",
                "{\"files\":[\"src/main.py\",\"src/missing.py\"],\"pattern\":\"TODO\",\"newValue\":\"DONE\"}", "application/json");
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().get(0).toString()).isEqualTo("{\"file\":\"src/main.py\",\"success\":true}");
        assertThat(replaced.json().get(1).get("success").asBoolean()).isFalse();
        assertThat(replaced.json().get(1).get("error").asText()).contains("No such file");
        assertThat(Files.readString(workDir.resolve("src/main.py"))).isEqualTo("import os\n# DONE: one\n");
        assertThat(send("POST", "/files/replace", "{\"files\":[\"src/main.py\"],\"pattern\":\"\"}", "application/json").status())
                .isEqualTo(400);
    }

    @Test
    void bulkUploadStreamsEachChunkedPartToItsDestinationCreatingParents() throws Exception {
        long size = 24L * 1024 * 1024 + 7;
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        InputStream body = multipart(List.of(
                text("files[0].path", "deep/nested/big.bin"),
                file("files[0].file", "deep/nested/big.bin", new DigestInputStream(new PatternStream(size), sent)),
                text("files[1].path", workDir.resolve("small.txt").toString()),
                file("files[1].file", "small.txt", new ByteArrayInputStream("small".getBytes(StandardCharsets.UTF_8)))));
        Reply reply = upload("/files/bulk-upload", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().toString()).isEqualTo("{\"files\":[{\"path\":\"deep/nested/big.bin\",\"bytes\":" + size
                + "},{\"path\":\"" + workDir.resolve("small.txt") + "\",\"bytes\":5}]}");
        assertThat(sha256(workDir.resolve("deep/nested/big.bin"))).isEqualTo(HexFormat.of().formatHex(sent.digest()));
        assertThat(Files.readString(workDir.resolve("small.txt"))).isEqualTo("small");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(workDir.resolve("small.txt")))).isEqualTo("rw-r--r--");
        try (var left = Files.list(workDir.resolve("deep/nested"))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("big.bin");
        }
    }

    @Test
    void bulkUploadReportsPartsItCouldNotWriteAndStillWritesTheOthers() throws Exception {
        Files.createDirectories(workDir.resolve("taken"));
        InputStream body = multipart(List.of(
                file("files[0].file", "orphan.txt", new ByteArrayInputStream(new byte[] {1})),
                text("files[1].path", "taken"),
                file("files[1].file", "taken", new ByteArrayInputStream(new byte[] {2})),
                text("files[2].path", "ok.txt"),
                file("files[2].file", "ok.txt", new ByteArrayInputStream(new byte[] {3}))));
        Reply reply = upload("/files/bulk-upload", body);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errors")).hasSize(2);
        assertThat(reply.json().get("errors").get(0).asText()).contains("files[0].path");
        assertThat(reply.json().get("errors").get(1).asText()).contains("Is a directory");
        assertThat(reply.json().get("files").toString()).isEqualTo("[{\"path\":\"ok.txt\",\"bytes\":1}]");
        assertThat(reply.json().get("code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(Files.readAllBytes(workDir.resolve("ok.txt"))).containsExactly(3);
        assertThat(workDir.resolve("orphan.txt")).doesNotExist();

        Reply truncated = upload("/files/bulk-upload", new ByteArrayInputStream(
                ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"files[0].path\"\r\n\r\ncut.txt\r\n--" + BOUNDARY
                        + "\r\nContent-Disposition: form-data; name=\"files[0].file\"; filename=\"cut.txt\"\r\n\r\npartial")
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(truncated.status()).isEqualTo(400);
        assertThat(truncated.json().get("errors").toString()).contains("closing boundary");
        assertThat(workDir.resolve("cut.txt")).doesNotExist();
    }

    @Test
    void legacyUploadAndDownloadMoveRawBytes() throws Exception {
        byte[] content = {0, 1, 2, (byte) 0xff, '\r', '\n', '-', '-'};
        Reply uploaded = upload("/files/upload?path=bin/raw.dat",
                multipart(List.of(file("file", "ignored.dat", new ByteArrayInputStream(content)))));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        assertThat(Files.readAllBytes(workDir.resolve("bin/raw.dat"))).isEqualTo(content);
        assertThat(upload("/files/upload?path=x", multipart(List.of(text("other", "x")))).status()).isEqualTo(400);

        HttpResponse<byte[]> download = HTTP.send(HttpRequest.newBuilder(uri("/files/download?path=bin/raw.dat")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(download.body()).isEqualTo(content);
        assertThat(get("/files/download?path=bin").status()).isEqualTo(400);
        assertThat(get("/files/download?path=bin/none").status()).isEqualTo(404);
    }

    @Test
    void bulkDownloadSendsOnePartPerPathAndErrorPartsForWhatItCannotSend() throws Exception {
        Files.createDirectories(workDir.resolve("dir"));
        Files.writeString(workDir.resolve("dir/a.txt"), "alpha");
        Files.write(workDir.resolve("ü.bin"), new byte[] {0, 1, 2});
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(uri("/files/bulk-download"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"paths\":[\"dir/a.txt\",\"missing.txt\",\"dir\",\"ü.bin\"]}"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("multipart/form-data; boundary=DAYTONA-FILE-BOUNDARY");

        List<Part> parts = parse(response.body(), "DAYTONA-FILE-BOUNDARY");
        assertThat(parts).extracting(Part::name).containsExactly("file", "error", "error", "file");
        assertThat(parts).extracting(Part::fileName).containsExactly("dir/a.txt", "missing.txt", "dir", "ü.bin");
        assertThat(new String(parts.get(0).content(), StandardCharsets.UTF_8)).isEqualTo("alpha");
        assertThat(parts.get(0).headers().get("Content-Type")).isEqualTo("text/plain");
        assertThat(parts.get(0).headers().get("Content-Length")).isEqualTo("5");
        JsonNode notFound = JSON.readTree(parts.get(1).content());
        assertThat(notFound.get("statusCode").asInt()).isEqualTo(404);
        assertThat(notFound.get("code").asText()).isEqualTo("FILE_NOT_FOUND");
        assertThat(notFound.get("message").asText()).contains("missing.txt");
        assertThat(notFound.get("path").asText()).isEqualTo("/files/bulk-download");
        assertThat(notFound.get("method").asText()).isEqualTo("POST");
        assertThat(notFound.hasNonNull("timestamp")).isTrue();
        assertThat(parts.get(1).headers().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(JSON.readTree(parts.get(2).content()).get("code").asText()).isEqualTo("INVALID_FILE_PATH");
        assertThat(parts.get(3).content()).containsExactly(0, 1, 2);
        assertThat(parts.get(3).headers().get("Content-Type")).isEqualTo("application/octet-stream");
    }

    // --- helpers: a hand-built multipart request and Jetty's parser to read responses ---

    private static final String BOUNDARY = "test-boundary-7MA4YWxkTrZu0gW";

    private record Piece(String headers, InputStream content) {}

    private record Part(String name, String fileName, Map<String, String> headers, byte[] content) {}

    private static Piece text(String name, String value) {
        return new Piece("Content-Disposition: form-data; name=\"" + name + "\"\r\n",
                new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8)));
    }

    private static Piece file(String name, String fileName, InputStream content) {
        return new Piece("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n", content);
    }

    private static InputStream multipart(List<Piece> pieces) {
        List<InputStream> streams = new ArrayList<>();
        for (Piece piece : pieces) {
            streams.add(new ByteArrayInputStream(("--" + BOUNDARY + "\r\n" + piece.headers() + "\r\n").getBytes(StandardCharsets.UTF_8)));
            streams.add(piece.content());
            streams.add(new ByteArrayInputStream("\r\n".getBytes(StandardCharsets.UTF_8)));
        }
        streams.add(new ByteArrayInputStream(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8)));
        return new SequenceInputStream(Collections.enumeration(streams));
    }

    private static List<Part> parse(byte[] body, String boundary) {
        List<Part> parts = new ArrayList<>();
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        Map<String, String> headers = new LinkedHashMap<>();
        MultiPart.Parser parser = new MultiPart.Parser(boundary, new MultiPart.AbstractPartsListener() {
            @Override
            public void onPartHeader(String name, String value) {
                super.onPartHeader(name, value);
                headers.put(name, value);
            }

            @Override
            public void onPartContent(Content.Chunk chunk) {
                ByteBuffer bytes = chunk.getByteBuffer().slice();
                byte[] copy = new byte[bytes.remaining()];
                bytes.get(copy);
                content.writeBytes(copy);
            }

            @Override
            public void onPart(String name, String fileName, HttpFields fields) {
                parts.add(new Part(name, fileName, Map.copyOf(headers), content.toByteArray()));
                content.reset();
                headers.clear();
            }
        });
        parser.parse(Content.Chunk.from(ByteBuffer.wrap(body), true));
        return parts;
    }

    /** Deterministic bytes of a given length, generated as they are read. */
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

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private record Reply(int status, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private Reply upload(String path, InputStream body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    private Reply get(String path) throws Exception {
        return send("GET", path, null, null);
    }

    private Reply send(String method, String path, String body, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
