package io.daytona.daemon.files;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.http.ErrorCode;
import io.daytona.http.Exchange;
import io.daytona.http.Router;
import io.daytona.http.ServiceException;
import io.daytona.model.toolbox.files.FileInfo;
import io.daytona.model.toolbox.files.FilesDownloadRequest;
import io.daytona.model.toolbox.files.Match;
import io.daytona.model.toolbox.files.ReplaceRequest;
import io.daytona.model.toolbox.files.ReplaceResult;
import io.daytona.model.toolbox.files.UploadFilesErrorResponse;
import io.daytona.model.toolbox.files.UploadFilesResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.MultiPart;

/**
 * The toolbox files API ({@code /files/*}), wire-compatible with the upstream daemon. Lists and
 * search results are streamed as they are found and file contents never pass through the heap,
 * because the daemon runs in every sandbox with a 64 MB heap.
 */
public final class FileEndpoints {
    private final ObjectMapper mapper;
    private final SandboxPaths paths;
    private final FileOperations operations;
    private final TextReplacer replacer;
    private final UploadReceiver uploads;
    private final BulkDownload downloads;

    public FileEndpoints(Path workDir, ObjectMapper mapper) {
        this(workDir, Path.of(System.getProperty("java.io.tmpdir")), ZoneId.systemDefault(), mapper);
    }

    FileEndpoints(Path workDir, Path scratchDirectory, ZoneId zone, ObjectMapper mapper) {
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.paths = new SandboxPaths(workDir);
        this.operations = new FileOperations(paths, new FileInfoReader(zone));
        this.replacer = new TextReplacer(scratchDirectory);
        this.uploads = new UploadReceiver(paths);
        this.downloads = new BulkDownload(paths, mapper);
    }

    public void register(Router router) {
        router.get("/files", this::list);
        router.delete("/files", ex -> {
            operations.delete(ex.query("path").orElse(null), ex.query("recursive").map(Boolean::parseBoolean).orElse(false));
            ex.status(204);
        });
        router.get("/files/info", ex -> ex.json(200, operations.info(ex.query("path").orElse(null))));
        router.post("/files/folder", ex -> {
            operations.createFolder(ex.query("path").orElse(null), ex.query("mode"));
            ex.status(201);
        });
        router.post("/files/move", ex -> {
            operations.move(ex.query("source").orElse(null), ex.query("destination").orElse(null));
            ex.status(200);
        });
        router.post("/files/permissions", ex -> {
            operations.setPermissions(ex.query("path").orElse(null), ex.query("owner"), ex.query("group"), ex.query("mode"));
            ex.status(200);
        });
        router.get("/files/find", this::find);
        router.get("/files/search", this::search);
        router.post("/files/replace", this::replace);
        router.post("/files/upload", this::upload);
        router.post("/files/bulk-upload", this::bulkUpload);
        router.get("/files/download", this::download);
        router.post("/files/bulk-download", this::bulkDownload);
    }

    private void list(Exchange ex) throws IOException {
        String directory = ex.query("path").filter(path -> !path.isEmpty()).orElse(".");
        jsonArray(ex, (ResultSink<FileInfo> sink) -> operations.list(directory, sink));
    }

    private void find(Exchange ex) throws IOException {
        String root = ex.query("path").orElse(null);
        Path path = paths.resolve(root, "path");
        BytePattern pattern = new BytePattern(requiredText(ex.query("pattern").orElse(null), "pattern", "the text to look for"));
        jsonArray(ex, (ResultSink<Match> sink) -> TextFinder.find(path, root, pattern, sink));
    }

    private void search(Exchange ex) throws IOException {
        String root = ex.query("path").orElse(null);
        Path path = paths.resolve(root, "path");
        String glob = requiredText(ex.query("pattern").orElse(null), "pattern", "a file name glob such as *.txt");
        NamePattern pattern;
        try {
            pattern = NamePattern.compile(glob);
        } catch (IllegalArgumentException e) {
            throw ServiceException.badRequest("%s: use *, ?, [a-z], [^a-z] and \\ to escape", e.getMessage());
        }
        StreamedArray<String> files = new StreamedArray<>(ex, "files");
        TreeWalk.walk(path, root, (file, display, attributes) -> {
            String name = display.equals(root) ? SandboxPaths.baseName(root) : file.getFileName().toString();
            if (pattern.matches(name)) {
                files.accept(display);
            }
        });
        files.finish();
    }

    private void replace(Exchange ex) throws IOException {
        ReplaceRequest request = ex.body(ReplaceRequest.class);
        BytePattern pattern = new BytePattern(requiredText(request.pattern(), "pattern", "the literal text to replace"));
        List<ReplaceResult> results = new ArrayList<>();
        for (String file : request.files()) {
            results.add(paths.resolve(file)
                    .map(path -> replacer.replace(path, file, pattern, request.newValue()))
                    .orElseGet(() -> ReplaceResult.failed(String.valueOf(file), "not a valid path: " + SandboxPaths.whyInvalid(file))));
        }
        ex.json(200, results);
    }

    /** The legacy single upload: the multipart field {@code file} goes to {@code ?path=}. */
    private void upload(Exchange ex) throws IOException {
        String destination = ex.query("path").orElse(null);
        paths.resolve(destination, "path");
        UploadReceiver.Outcome outcome = uploads.receive(ex.inputStream(), boundary(ex), Map.of("file", destination));
        if (!outcome.failures().isEmpty()) {
            UploadReceiver.Failure first = outcome.failures().getFirst();
            throw new ServiceException(first.code(), first.message());
        }
        if (outcome.files().isEmpty()) {
            throw ServiceException.badRequest("the multipart body has no part named 'file': send the content as form field file");
        }
        ex.status(200);
    }

    private void bulkUpload(Exchange ex) throws IOException {
        UploadReceiver.Outcome outcome = uploads.receive(ex.inputStream(), boundary(ex), Map.of());
        if (outcome.failures().isEmpty()) {
            ex.json(200, new UploadFilesResponse(outcome.files()));
            return;
        }
        // All refused by permissions is the caller's 403; any other mix is a bad request, as upstream answers.
        boolean allForbidden = outcome.failures().stream().allMatch(failure -> failure.code() == ErrorCode.FORBIDDEN);
        ErrorCode code = allForbidden ? ErrorCode.FORBIDDEN : ErrorCode.BAD_REQUEST;
        List<String> errors = outcome.failures().stream().map(UploadReceiver.Failure::message).toList();
        ex.json(code.status(), new UploadFilesErrorResponse(code.status(), String.join("; ", errors), code.reason(), code.name(),
                ex.path(), ex.method(), Instant.now(), errors, outcome.files()));
    }

    private void download(Exchange ex) throws IOException {
        String raw = ex.query("path").orElse(null);
        Path path = paths.resolve(raw, "path");
        FileChannel channel;
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                throw ServiceException.badRequest("%s is not a regular file; only files can be downloaded", path);
            }
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            throw FileErrors.translate(e, path);
        }
        try (channel) {
            ex.setStatus(200);
            ex.setHeader("Content-Type", "application/octet-stream");
            ex.setHeader("Content-Length", Long.toString(channel.size()));
            ex.setHeader("Content-Disposition", "attachment; " + MultipartFormWriter.fileNameParameters(SandboxPaths.baseName(raw)));
            try (OutputStream out = ex.outputStream()) {
                Channels.newInputStream(channel).transferTo(out);
            }
        }
    }

    private void bulkDownload(Exchange ex) throws IOException {
        FilesDownloadRequest request = ex.body(FilesDownloadRequest.class);
        if (request.paths().isEmpty()) {
            throw ServiceException.badRequest("paths must not be empty: send {\"paths\": [\"file1\", \"dir/file2\"]}");
        }
        ex.setStatus(200);
        ex.setHeader("Content-Type", MultipartFormWriter.CONTENT_TYPE);
        try (OutputStream out = ex.outputStream()) {
            downloads.send(request.paths(), new MultipartFormWriter(out), ex.path(), ex.method());
        }
    }

    /** Streams a JSON array of whatever {@code producer} finds, so long results never sit in the heap. */
    private <T> void jsonArray(Exchange ex, Producer<T> producer) throws IOException {
        StreamedArray<T> array = new StreamedArray<>(ex, null);
        producer.produce(array);
        array.finish();
    }

    /** Produces results into a sink. */
    @FunctionalInterface
    private interface Producer<T> {
        void produce(ResultSink<T> sink) throws IOException;
    }

    /**
     * A JSON array written as its elements arrive, optionally as the one field of an object. The
     * response starts with the first element, so a failure before it (a missing directory) still
     * gets its own status and error body instead of a 200 with an empty array.
     */
    private final class StreamedArray<T> implements ResultSink<T> {
        private final Exchange ex;
        private final String field;
        private OutputStream out;
        private JsonGenerator json;

        StreamedArray(Exchange ex, String field) {
            this.ex = ex;
            this.field = field;
        }

        @Override
        public void accept(T element) throws IOException {
            start();
            json.writeObject(element);
        }

        void finish() throws IOException {
            start();
            json.writeEndArray();
            if (field != null) {
                json.writeEndObject();
            }
            json.close();
            out.close();
        }

        private void start() throws IOException {
            if (json != null) {
                return;
            }
            startJson(ex);
            out = ex.outputStream();
            json = mapper.createGenerator(out);
            if (field != null) {
                json.writeStartObject();
                json.writeArrayFieldStart(field);
            } else {
                json.writeStartArray();
            }
        }
    }

    private static void startJson(Exchange ex) {
        ex.setStatus(200);
        ex.setHeader("Content-Type", "application/json; charset=utf-8");
    }

    private static String requiredText(String value, String parameter, String hint) {
        if (value == null || value.isEmpty()) {
            throw ServiceException.badRequest("%s is required: give %s", parameter, hint);
        }
        return value;
    }

    private static String boundary(Exchange ex) {
        String contentType = ex.header("Content-Type").orElse("");
        String boundary = contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")
                ? MultiPart.extractBoundary(contentType) : null;
        if (boundary == null || boundary.isEmpty()) {
            throw ServiceException.badRequest(
                    "expected a multipart/form-data body with a boundary, got Content-Type '%s'", contentType);
        }
        return boundary;
    }
}
