package io.daytona.sdk;

import static io.daytona.sdk.FakeServer.ok;
import static io.daytona.sdk.TestSandboxes.sandbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.daytona.model.sandbox.SandboxState;
import io.daytona.model.toolbox.files.FileInfo;
import io.daytona.model.toolbox.files.Match;
import io.daytona.model.toolbox.files.ReplaceResult;
import io.daytona.model.toolbox.files.UploadFilesResponse;
import io.daytona.model.toolbox.files.UploadedFile;
import io.daytona.sdk.internal.MultipartReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemTest {
    private static final String FILES = "/toolbox/sb-1/files";
    private static final String BOUNDARY = "DAYTONA-FILE-BOUNDARY";

    @TempDir
    Path temp;

    private FakeServer server;
    private Daytona daytona;
    private FileSystem fs;

    @BeforeEach
    void setUp() {
        server = new FakeServer();
        daytona = new Daytona(DaytonaConfig.builder().apiKey("dtn_test").apiUrl(server.apiUrl()).build());
        server.on("GET", "/api/sandbox/sb-1", request -> ok(sandbox("sb-1", SandboxState.STARTED, server.toolboxProxyUrl())));
        fs = daytona.get("sb-1").getFs();
    }

    @AfterEach
    void tearDown() {
        daytona.close();
        server.close();
    }

    @Test
    void simpleOperationsSendTheirParametersAndParseTheAnswers() throws Exception {
        FileInfo info = new FileInfo("a b.txt", 3, "-rw-r--r--", "t", "2025-01-01T00:00:00Z", false, "1000", "1000", "0644");
        server.on("POST", FILES + "/folder", request -> new FakeServer.Response(201, ""));
        server.on("DELETE", FILES, request -> new FakeServer.Response(204, ""));
        server.on("GET", FILES, request -> ok(List.of(info)));
        server.on("GET", FILES + "/info", request -> ok(info));
        server.on("GET", FILES + "/find", request -> ok(List.of(new Match("d/a b.txt", 2, "x TODO"))));
        server.on("GET", FILES + "/search", request -> ok(Map.of("files", List.of("d/a b.txt"))));
        server.on("POST", FILES + "/replace", request -> ok(List.of(ReplaceResult.succeeded("d/a b.txt"))));
        server.on("POST", FILES + "/move", request -> new FakeServer.Response(200, ""));
        server.on("POST", FILES + "/permissions", request -> new FakeServer.Response(200, ""));

        fs.createFolder("d/e f", "750");
        fs.deleteFile("d/a b.txt");
        fs.deleteFile("d", true);
        assertThat(fs.listFiles("d")).containsExactly(info);
        assertThat(fs.listFiles(null)).containsExactly(info);
        assertThat(fs.getFileDetails("d/a b.txt")).isEqualTo(info);
        assertThat(fs.findFiles("d", "TODO")).containsExactly(new Match("d/a b.txt", 2, "x TODO"));
        assertThat(fs.searchFiles("d", "*.txt").files()).containsExactly("d/a b.txt");
        assertThat(fs.replaceInFiles(List.of("d/a b.txt"), "TODO", "")).containsExactly(ReplaceResult.succeeded("d/a b.txt"));
        fs.moveFiles("d/a b.txt", "d/c.txt");
        fs.setFilePermissions("d/c.txt", null, "staff", "600");

        assertThat(server.requests("POST", FILES + "/folder").getFirst().query()).containsExactly(
                Map.entry("path", "d/e f"), Map.entry("mode", "750"));
        assertThat(server.requests("DELETE", FILES)).extracting(FakeServer.Request::query).containsExactly(
                Map.of("path", "d/a b.txt"), Map.of("path", "d", "recursive", "true"));
        assertThat(server.requests("GET", FILES)).extracting(FakeServer.Request::query).containsExactly(
                Map.of("path", "d"), Map.of());
        assertThat(server.requests("GET", FILES + "/find").getFirst().query()).isEqualTo(Map.of("path", "d", "pattern", "TODO"));
        JsonNode replace = FakeServer.MAPPER.readTree(server.requests("POST", FILES + "/replace").getFirst().body());
        assertThat(replace.toString()).isEqualTo("{\"files\":[\"d/a b.txt\"],\"pattern\":\"TODO\",\"newValue\":\"\"}");
        assertThat(server.requests("POST", FILES + "/move").getFirst().query())
                .isEqualTo(Map.of("source", "d/a b.txt", "destination", "d/c.txt"));
        assertThat(server.requests("POST", FILES + "/permissions").getFirst().query())
                .as("unset attributes are not sent").isEqualTo(Map.of("path", "d/c.txt", "group", "staff", "mode", "600"));
        assertThat(server.requests("GET", FILES + "/info").getFirst().header("Authorization")).isEqualTo("Bearer dtn_test");
    }

    @Test
    void errorsMapToTheExceptionOfTheirStatus() {
        server.on("GET", FILES + "/info", request -> FakeServer.error(404, "Not Found", "no such file: /x"));
        server.on("POST", FILES + "/move", request -> FakeServer.error(409, "Conflict", "destination exists"));

        assertThatThrownBy(() -> fs.getFileDetails("/x")).isInstanceOf(DaytonaNotFoundException.class)
                .hasMessage("Failed to get file info: no such file: /x");
        assertThatThrownBy(() -> fs.moveFiles("a", "b")).isInstanceOf(DaytonaConflictException.class);
        assertThatThrownBy(() -> fs.getFileDetails("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void uploadsSendEachDestinationBeforeItsContent() throws Exception {
        server.on("POST", FILES + "/bulk-upload", request -> ok(new UploadFilesResponse(List.of(new UploadedFile("x", 1)))));
        Path local = Files.writeString(temp.resolve("local.txt"), "from disk");

        fs.uploadFiles(List.of(
                FileUpload.of("in memory".getBytes(StandardCharsets.UTF_8), "a/one.txt"),
                FileUpload.of(local, "/abs/two \"q\".txt")));
        fs.uploadFileStream(new ByteArrayInputStream("streamed".getBytes(StandardCharsets.UTF_8)), "three.txt");

        List<FakeServer.Request> requests = server.requests("POST", FILES + "/bulk-upload");
        List<Map.Entry<String, String>> first = parts(requests.get(0));
        assertThat(first).containsExactly(
                Map.entry("files[0].path", "a/one.txt"),
                Map.entry("files[0].file|a/one.txt", "in memory"),
                Map.entry("files[1].path", "/abs/two \"q\".txt"),
                Map.entry("files[1].file|/abs/two %22q%22.txt", "from disk"));
        assertThat(requests.get(0).header("Content-Length")).as("files and bytes have a known length").isNotNull();
        assertThat(parts(requests.get(1))).containsExactly(
                Map.entry("files[0].path", "three.txt"),
                Map.entry("files[0].file|three.txt", "streamed"));
        assertThat(requests.get(1).header("Transfer-Encoding")).as("a stream is sent chunked").isEqualTo("chunked");
    }

    @Test
    void aPartiallyFailedUploadIsAValidationErrorNamingTheFailures() {
        server.on("POST", FILES + "/bulk-upload", request -> FakeServer.json(400, Map.of(
                "statusCode", 400, "message", "/root/x: permission denied", "error", "Bad Request", "code", "BAD_REQUEST",
                "errors", List.of("/root/x: permission denied"), "files", List.of())));

        assertThatThrownBy(() -> fs.uploadFile("x".getBytes(StandardCharsets.UTF_8), "/root/x"))
                .isInstanceOf(DaytonaValidationException.class)
                .hasMessage("Failed to upload files: /root/x: permission denied");
        assertThatThrownBy(() -> fs.uploadFile(temp.resolve("missing.bin"), "x"))
                .isInstanceOf(DaytonaException.class)
                .hasMessageContaining("missing.bin");
    }

    @Test
    void aStreamThatFailsWhileBeingSentFailsTheUploadWithItsReason() {
        server.on("POST", FILES + "/bulk-upload", request -> ok(new UploadFilesResponse(List.of())));
        InputStream failing = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent++ < 10_000) {
                    return 'x';
                }
                throw new IOException("disk gone");
            }
        };

        assertThatThrownBy(() -> fs.uploadFileStream(failing, "x.txt"))
                .isExactlyInstanceOf(DaytonaException.class)
                .hasMessageContaining("Failed to upload files: ")
                .hasMessageContaining("disk gone");
    }

    @Test
    void downloadsReadTheFirstPartAndMapAnErrorPart() throws Exception {
        server.onSequence("POST", FILES + "/bulk-download",
                multipart(filePart("a.txt", "hello")),
                multipart(errorPart("gone.txt", 404, "FILE_NOT_FOUND", "no such file: gone.txt")),
                multipart(filePart("a.txt", "hello")),
                multipart(filePart("a.txt", "hello")));

        assertThat(new String(fs.downloadFile("a.txt"), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThatThrownBy(() -> fs.downloadFile("gone.txt"))
                .isInstanceOfSatisfying(DaytonaNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.errorCode()).contains("FILE_NOT_FOUND");
                })
                .hasMessage("Failed to download file: no such file: gone.txt");
        Path target = temp.resolve("new/dir/a.txt");
        fs.downloadFile("a.txt", target);
        assertThat(Files.readString(target)).isEqualTo("hello");
        assertThat(Files.list(target.getParent())).containsExactly(target);
        try (InputStream in = fs.downloadFileStream("a.txt")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
        JsonNode body = FakeServer.MAPPER.readTree(server.requests("POST", FILES + "/bulk-download").getFirst().body());
        assertThat(body.toString()).isEqualTo("{\"paths\":[\"a.txt\"]}");
    }

    @Test
    void aTruncatedDownloadFailsAndLeavesTheLocalFileAsItWas() throws Exception {
        String whole = new String(multipart(filePart("a.txt", "0123456789")).bytes(), StandardCharsets.ISO_8859_1);
        byte[] truncated = whole.substring(0, whole.indexOf("0123") + 4).getBytes(StandardCharsets.ISO_8859_1);
        server.on("POST", FILES + "/bulk-download",
                request -> new FakeServer.Response(200, truncated, "multipart/form-data; boundary=" + BOUNDARY));
        Path target = Files.writeString(temp.resolve("a.txt"), "previous");

        assertThatThrownBy(() -> fs.downloadFile("a.txt", target))
                .isInstanceOf(DaytonaConnectionException.class)
                .hasMessageContaining("broke off");
        assertThat(Files.readString(target)).isEqualTo("previous");
        assertThat(Files.list(temp)).containsExactly(target);
        assertThatThrownBy(() -> fs.downloadFile("a.txt")).isInstanceOf(DaytonaConnectionException.class);
    }

    @Test
    void aResponseThatIsNotMultipartIsRefused() {
        server.on("POST", FILES + "/bulk-download", request -> ok(Map.of("unexpected", true)));

        assertThatThrownBy(() -> fs.downloadFile("a.txt"))
                .isInstanceOf(DaytonaException.class)
                .hasMessageContaining("instead of multipart/form-data");
    }

    @Test
    void bulkDownloadsMatchPartsByFileNameAndReportEachFailure() throws Exception {
        server.on("POST", FILES + "/bulk-download", request -> multipart(
                filePart("b.txt", "bee"),
                errorPart("missing.txt", 404, "FILE_NOT_FOUND", "no such file"),
                filePart("a.txt", "ay"),
                filePart("unrequested.txt", "ignored")));
        Path target = temp.resolve("out/b.txt");

        List<FileDownloadResponse> responses = fs.downloadFiles(List.of(
                FileDownloadRequest.of("a.txt"),
                FileDownloadRequest.of("missing.txt"),
                FileDownloadRequest.of("b.txt", target),
                FileDownloadRequest.of("never-sent.txt")));

        assertThat(responses).extracting(FileDownloadResponse::source)
                .containsExactly("a.txt", "missing.txt", "b.txt", "never-sent.txt");
        assertThat(new String(responses.get(0).content(), StandardCharsets.UTF_8)).isEqualTo("ay");
        assertThat(responses.get(1).error()).isInstanceOf(DaytonaNotFoundException.class)
                .hasMessage("Failed to download missing.txt: no such file");
        assertThat(responses.get(2).file()).isEqualTo(target);
        assertThat(Files.readString(target)).isEqualTo("bee");
        assertThat(responses.get(3).isSuccessful()).isFalse();
        assertThat(responses.get(3).error()).hasMessageContaining("sent nothing");
        JsonNode body = FakeServer.MAPPER.readTree(server.requests("POST", FILES + "/bulk-download").getFirst().body());
        assertThat(body.toString()).isEqualTo("{\"paths\":[\"a.txt\",\"missing.txt\",\"b.txt\",\"never-sent.txt\"]}");
        assertThat(fs.downloadFiles(List.of())).isEmpty();
    }

    /** The parts of a multipart request: name (and "|filename" for files) to content. */
    private static List<Map.Entry<String, String>> parts(FakeServer.Request request) throws IOException {
        String boundary = MultipartReader.boundaryOf(request.header("Content-Type")).orElseThrow();
        List<Map.Entry<String, String>> parts = new ArrayList<>();
        try (MultipartReader reader = new MultipartReader(new ByteArrayInputStream(request.bodyBytes()), boundary)) {
            var next = reader.next();
            while (next.isPresent()) {
                MultipartReader.Part part = next.get();
                String key = part.fileName() == null ? part.name() : part.name() + "|" + part.fileName();
                parts.add(Map.entry(key, new String(part.body().readAllBytes(), StandardCharsets.UTF_8)));
                next = reader.next();
            }
        }
        return parts;
    }

    @Test
    void transfersWithProgressReportEveryByteAndTheSizeWhenKnown() throws Exception {
        server.on("POST", FILES + "/bulk-upload", request -> ok(new UploadFilesResponse(List.of(new UploadedFile("x", 1)))));
        server.on("POST", FILES + "/bulk-download", request -> multipart(filePart("big.bin", "x".repeat(200_000))));
        byte[] content = new byte[300_000];
        Path local = Files.write(temp.resolve("up.bin"), content);
        List<long[]> uploaded = new ArrayList<>();

        fs.uploadFile(local, "up.bin", java.time.Duration.ofMinutes(1), (done, total) -> uploaded.add(new long[] {done, total}));

        assertThat(uploaded).isNotEmpty();
        assertThat(uploaded.getLast()).containsExactly(300_000, 300_000);
        assertThat(uploaded).extracting(pair -> pair[0]).isSorted();
        assertThat(parts(server.requests("POST", FILES + "/bulk-upload").getFirst()))
                .contains(Map.entry("files[0].path", "up.bin"));

        List<long[]> downloaded = new ArrayList<>();
        Path back = temp.resolve("back.bin");
        fs.downloadFile("big.bin", back, java.time.Duration.ofMinutes(1), (done, total) -> downloaded.add(new long[] {done, total}));
        assertThat(Files.size(back)).isEqualTo(200_000);
        assertThat(downloaded.getLast()).containsExactly(200_000, -1);
        assertThatThrownBy(() -> fs.uploadFile(temp.resolve("missing.bin"), "x", java.time.Duration.ZERO, (done, total) -> { }))
                .isInstanceOf(DaytonaException.class).hasMessageStartingWith("Failed to upload files: cannot read ");
    }

    private static String filePart(String fileName, String content) {
        return "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: text/plain\r\nContent-Length: " + content.length() + "\r\n\r\n" + content;
    }

    private static String errorPart(String fileName, int status, String code, String message) {
        return "Content-Disposition: form-data; name=\"error\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/json; charset=utf-8\r\n\r\n"
                + "{\"statusCode\":" + status + ",\"message\":\"" + message + "\",\"error\":\"x\",\"code\":\"" + code + "\"}";
    }

    private static FakeServer.Response multipart(String... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String part : parts) {
            body.writeBytes(("--" + BOUNDARY + "\r\n" + part + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return new FakeServer.Response(200, body.toByteArray(), "multipart/form-data; boundary=" + BOUNDARY);
    }
}
