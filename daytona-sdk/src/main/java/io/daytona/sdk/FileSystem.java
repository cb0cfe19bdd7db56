package io.daytona.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import io.daytona.model.toolbox.files.FileInfo;
import io.daytona.model.toolbox.files.FilesDownloadRequest;
import io.daytona.model.toolbox.files.Match;
import io.daytona.model.toolbox.files.ReplaceRequest;
import io.daytona.model.toolbox.files.ReplaceResult;
import io.daytona.model.toolbox.files.SearchFilesResponse;
import io.daytona.model.toolbox.files.UploadFilesResponse;
import io.daytona.sdk.internal.CountingInputStream;
import io.daytona.sdk.internal.Deadline;
import io.daytona.sdk.internal.ErrorMapper;
import io.daytona.sdk.internal.HttpTransport;
import io.daytona.sdk.internal.HttpTransport.HttpCall;
import io.daytona.sdk.internal.HttpTransport.RawBody;
import io.daytona.sdk.internal.MultipartBody;
import io.daytona.sdk.internal.MultipartReader;
import io.daytona.sdk.internal.Urls;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The files of one sandbox, through its toolbox; obtained from {@link Sandbox#getFs()}.
 * Thread-safe.
 *
 * <p>Paths in the sandbox are resolved against its work directory unless absolute. Uploads and
 * downloads stream: {@link #uploadFile(Path, String)} reads the local file while sending and
 * {@link #downloadFile(String, Path)} writes the local file while receiving, so neither holds the
 * file in memory.
 *
 * <pre>{@code
 * FileSystem fs = sandbox.getFs();
 * fs.uploadFile("hello".getBytes(StandardCharsets.UTF_8), "notes/hello.txt");
 * for (FileInfo file : fs.listFiles("notes")) {
 *     System.out.println(file.name() + " " + file.size());
 * }
 * fs.downloadFile("notes/hello.txt", Path.of("hello.txt"));
 * }</pre>
 */
public final class FileSystem {
    /** The time an upload or download may take until the toolbox answers, unless one is given: 30 minutes. */
    public static final Duration DEFAULT_TRANSFER_TIMEOUT = Duration.ofMinutes(30);

    private static final int MAX_ERROR_PART = 64 * 1024;

    private final Sandbox sandbox;
    private final HttpTransport transport;

    FileSystem(Sandbox sandbox, HttpTransport transport) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox is null");
        this.transport = Objects.requireNonNull(transport, "transport is null");
    }

    /**
     * Creates a directory and its missing parents ({@code POST /files/folder}).
     *
     * @param path the directory
     * @param mode its permissions in octal, e.g. {@code "755"}; null for the toolbox's default (0755)
     * @throws DaytonaException if the call fails
     */
    public void createFolder(String path, String mode) {
        requirePath(path, "path");
        transport.send(HttpCall.post("create folder", files("/folder", "path", path, "mode", mode), null), Void.class);
    }

    /**
     * Deletes a file or an empty directory.
     *
     * @param path the path in the sandbox, absolute or relative to the work directory
     * @throws DaytonaNotFoundException if there is nothing at {@code path}
     * @throws DaytonaException if the call fails, e.g. for a directory that is not empty
     */
    public void deleteFile(String path) {
        deleteFile(path, false);
    }

    /**
     * Deletes a file or directory ({@code DELETE /files}).
     *
     * @param path the path in the sandbox, absolute or relative to the work directory
     * @param recursive whether a directory is deleted with its contents; without it, deleting a
     *     directory fails
     * @throws DaytonaNotFoundException if there is nothing at {@code path}
     * @throws DaytonaException if the call fails
     */
    public void deleteFile(String path, boolean recursive) {
        requirePath(path, "path");
        transport.send(HttpCall.delete("delete file",
                files("", "path", path, "recursive", recursive ? "true" : null)), Void.class);
    }

    /**
     * Lists a directory ({@code GET /files}), like {@code ls -l}.
     *
     * @param path the directory; null or empty for the work directory
     * @return its entries, unmodifiable
     * @throws DaytonaNotFoundException if the directory does not exist
     * @throws DaytonaException if the call fails
     */
    public List<FileInfo> listFiles(String path) {
        FileInfo[] entries = transport.send(
                HttpCall.get("list files", files("", "path", path == null || path.isEmpty() ? null : path)), FileInfo[].class);
        return entries == null ? List.of() : List.of(entries);
    }

    /**
     * Describes a file or directory ({@code GET /files/info}): size, mode, owner, times.
     *
     * @param path the path in the sandbox, absolute or relative to the work directory
     * @return the file information
     * @throws DaytonaNotFoundException if there is nothing at {@code path}
     * @throws DaytonaException if the call fails
     */
    public FileInfo getFileDetails(String path) {
        requirePath(path, "path");
        FileInfo info = transport.send(HttpCall.get("get file info", files("/info", "path", path)), FileInfo.class);
        if (info == null) {
            throw new DaytonaException("Failed to get file info: the toolbox sent no file information for " + path);
        }
        return info;
    }

    /**
     * Finds the lines that contain {@code pattern} ({@code GET /files/find}), like {@code grep -rn}:
     * a literal search through the text files under {@code path}, skipping binary files.
     *
     * @param path a file, or a directory searched recursively
     * @param pattern the literal text; not a regular expression
     * @return one match per line, unmodifiable
     * @throws DaytonaException if the call fails
     */
    public List<Match> findFiles(String path, String pattern) {
        requirePath(path, "path");
        requireText(pattern, "pattern");
        Match[] matches = transport.send(
                HttpCall.get("find files", files("/find", "path", path, "pattern", pattern)), Match[].class);
        return matches == null ? List.of() : List.of(matches);
    }

    /**
     * Finds the files and directories under {@code path} whose names match a glob
     * ({@code GET /files/search}), e.g. {@code *.py}.
     *
     * @param path the path in the sandbox, absolute or relative to the work directory
     * @param pattern the pattern
     * @return the matching paths
     * @throws DaytonaException if the call fails
     */
    public SearchFilesResponse searchFiles(String path, String pattern) {
        requirePath(path, "path");
        requireText(pattern, "pattern");
        SearchFilesResponse response = transport.send(
                HttpCall.get("search files", files("/search", "path", path, "pattern", pattern)), SearchFilesResponse.class);
        return response == null ? new SearchFilesResponse(List.of()) : response;
    }

    /**
     * Replaces every occurrence of {@code pattern} by {@code newValue} in each of {@code files}
     * ({@code POST /files/replace}). A file that fails does not stop the others.
     *
     * @param files the files to edit
     * @param pattern the literal text to replace; not a regular expression
     * @param newValue its replacement; may be empty
     * @return one result per file, in the order given, unmodifiable
     * @throws DaytonaException if the call fails
     */
    public List<ReplaceResult> replaceInFiles(List<String> files, String pattern, String newValue) {
        Objects.requireNonNull(files, "files is null");
        requireText(pattern, "pattern");
        Objects.requireNonNull(newValue, "newValue is null");
        ReplaceResult[] results = transport.send(HttpCall.post("replace in files", files("/replace"),
                new ReplaceRequest(files, pattern, newValue)), ReplaceResult[].class);
        return results == null ? List.of() : List.of(results);
    }

    /**
     * Moves or renames a file or directory ({@code POST /files/move}); the destination's parent
     * must exist and the destination must not.
     *
     * @param source the path to move, in the sandbox
     * @param destination the destination in the sandbox
     * @throws DaytonaNotFoundException if the source or the destination's parent does not exist
     * @throws DaytonaConflictException if the destination exists
     * @throws DaytonaException if the call fails
     */
    public void moveFiles(String source, String destination) {
        requirePath(source, "source");
        requirePath(destination, "destination");
        transport.send(HttpCall.post("move files",
                files("/move", "source", source, "destination", destination), null), Void.class);
    }

    /**
     * Changes the owner, group and permissions of a file or directory ({@code POST /files/permissions});
     * null leaves that attribute unchanged.
     *
     * @param path the path in the sandbox, absolute or relative to the work directory
     * @param owner a user name or numeric uid, or null
     * @param group a group name or numeric gid, or null
     * @param mode permissions in octal, e.g. {@code "644"}, or null
     * @throws DaytonaException if the call fails
     */
    public void setFilePermissions(String path, String owner, String group, String mode) {
        requirePath(path, "path");
        transport.send(HttpCall.post("set file permissions",
                files("/permissions", "path", path, "owner", owner, "group", group, "mode", mode), null), Void.class);
    }

    /**
     * Uploads {@code content} to {@code remotePath}, overwriting any file there and creating missing
     * directories; for content that fits in memory.
     *
     * @param content the file's bytes
     * @param remotePath the file in the sandbox, absolute or relative to the work directory
     * @throws DaytonaException if the call fails
     */
    public void uploadFile(byte[] content, String remotePath) {
        uploadFiles(List.of(FileUpload.of(content, remotePath)), DEFAULT_TRANSFER_TIMEOUT);
    }

    /**
     * Uploads the local file {@code localFile} to {@code remotePath}, streaming it from disk.
     *
     * @param localFile the file on this machine
     * @param remotePath the file in the sandbox, absolute or relative to the work directory
     * @throws DaytonaException if the call fails or {@code localFile} is not a readable file
     */
    public void uploadFile(Path localFile, String remotePath) {
        uploadFile(localFile, remotePath, DEFAULT_TRANSFER_TIMEOUT);
    }

    /**
     * Uploads the local file {@code localFile} to {@code remotePath}, streaming it from disk.
     *
     * @param localFile the file on this machine
     * @param remotePath the file in the sandbox, absolute or relative to the work directory
     * @param timeout how long the upload may take until the toolbox answers; {@link Duration#ZERO} for no limit
     * @throws DaytonaTimeoutException if it takes longer
     * @throws DaytonaException if the call fails or {@code localFile} is not a readable file
     */
    public void uploadFile(Path localFile, String remotePath, Duration timeout) {
        uploadFiles(List.of(FileUpload.of(localFile, remotePath)), timeout);
    }

    /**
     * Uploads the local file {@code localFile} to {@code remotePath}, streaming it from disk and
     * reporting the bytes sent to {@code onProgress}.
     *
     * @param localFile the file on this machine
     * @param remotePath the destination in the sandbox
     * @param timeout how long the upload may take until the toolbox answers; {@link Duration#ZERO} for no limit
     * @param onProgress told the bytes sent so far, and the file's size, after each chunk
     * @throws DaytonaTimeoutException if it takes longer
     * @throws DaytonaException if the call fails or {@code localFile} is not a readable file
     */
    public void uploadFile(Path localFile, String remotePath, Duration timeout, TransferProgress onProgress) {
        Objects.requireNonNull(localFile, "localFile is null");
        Objects.requireNonNull(onProgress, "onProgress is null");
        InputStream in;
        long size;
        try {
            size = Files.size(localFile);
            in = Files.newInputStream(localFile);
        } catch (IOException e) {
            throw new DaytonaException("Failed to upload files: cannot read " + localFile + ": " + e, e);
        }
        uploadFileStream(new CountingInputStream(in, size, onProgress), remotePath, timeout);
    }

    /**
     * Uploads what {@code content} yields to {@code remotePath}, sent chunked as it is read; the
     * stream is read to its end and closed.
     *
     * @param content the stream, read to its end and closed
     * @param remotePath the file in the sandbox, absolute or relative to the work directory
     * @throws DaytonaException if the call fails
     */
    public void uploadFileStream(InputStream content, String remotePath) {
        uploadFileStream(content, remotePath, DEFAULT_TRANSFER_TIMEOUT);
    }

    /**
     * Uploads what {@code content} yields to {@code remotePath}, sent chunked as it is read.
     *
     * @param content the stream, read to its end and closed
     * @param remotePath the file in the sandbox, absolute or relative to the work directory
     * @param timeout how long the upload may take until the toolbox answers; {@link Duration#ZERO} for no limit
     * @throws DaytonaTimeoutException if it takes longer
     * @throws DaytonaException if the call fails
     */
    public void uploadFileStream(InputStream content, String remotePath, Duration timeout) {
        uploadFiles(List.of(FileUpload.of(content, remotePath)), timeout);
    }

    /**
     * Uploads several files in one request; see {@link #uploadFiles(List, Duration)}.
     *
     * @param files the files to upload, each with its destination
     * @throws DaytonaException if the call fails or any file could not be written
     */
    public void uploadFiles(List<FileUpload> files) {
        uploadFiles(files, DEFAULT_TRANSFER_TIMEOUT);
    }

    /**
     * Uploads several files in one multipart request ({@code POST /files/bulk-upload}), each as a
     * part {@code files[i].path} holding its destination followed by a part {@code files[i].file}
     * holding its content. Local files and streams are read while the request is sent.
     *
     * @param files the files to upload, each with its destination
     * @param timeout how long the upload may take until the toolbox answers; {@link Duration#ZERO} for no limit
     * @throws DaytonaValidationException if some files could not be written (the others were);
     *     its message names each failure
     * @throws DaytonaTimeoutException if it takes longer
     * @throws DaytonaException if the call fails or a local file is not readable
     */
    public void uploadFiles(List<FileUpload> files, Duration timeout) {
        Objects.requireNonNull(files, "files is null");
        Deadline deadline = Deadline.after(Objects.requireNonNull(timeout, "timeout is null"));
        if (files.isEmpty()) {
            return;
        }
        String operation = "upload files"; // the Python SDK's prefix, one file or many
        MultipartBody body = new MultipartBody();
        for (int i = 0; i < files.size(); i++) {
            FileUpload file = Objects.requireNonNull(files.get(i), "files[" + i + "] is null");
            String prefix = "files[" + i + "]";
            body.text(prefix + ".path", file.destination());
            switch (file) {
                case FileUpload.Bytes bytes -> body.file(prefix + ".file", file.destination(), bytes.content());
                case FileUpload.LocalFile local -> {
                    try {
                        body.file(prefix + ".file", file.destination(), local.source());
                    } catch (FileNotFoundException e) {
                        throw new DaytonaException("Failed to " + operation + ": " + e.getMessage(), e);
                    }
                }
                case FileUpload.Stream stream -> body.file(prefix + ".file", file.destination(), stream::content);
            }
        }
        HttpCall call = HttpCall.post(operation, files("/bulk-upload"),
                new RawBody(body.publisher(), body.contentType()));
        transport.send(call, UploadFilesResponse.class, deadline);
    }

    /**
     * Downloads a file into memory; for files that fit in it.
     *
     * @param remotePath the file in the sandbox, absolute or relative to the work directory
     * @return the file's content
     * @throws DaytonaNotFoundException if the file does not exist
     * @throws DaytonaException if the call fails or the path is not a regular file
     */
    public byte[] downloadFile(String remotePath) {
        return downloadFile(remotePath, DEFAULT_TRANSFER_TIMEOUT);
    }

    /**
     * Downloads a file into memory.
     *
     * @param remotePath the file in the sandbox, absolute or relative to the work directory
     * @param timeout how long the toolbox may take to start answering; {@link Duration#ZERO} for no limit
     * @return the file's content
     * @throws DaytonaNotFoundException if the file does not exist
     * @throws DaytonaException if the call fails or the path is not a regular file
     */
    public byte[] downloadFile(String remotePath, Duration timeout) {
        String operation = "download file";
        try (InputStream in = downloadFileStream(remotePath, timeout)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw brokenDownload(operation, remotePath, e);
        }
    }

    /**
     * Downloads a file into {@code localFile}, streaming it to disk; see
     * {@link #downloadFile(String, Path, Duration)}.
     *
     * @param remotePath the file in the sandbox, absolute or relative to the work directory
     * @param localFile the file on this machine
     */
    public void downloadFile(String remotePath, Path localFile) {
        downloadFile(remotePath, localFile, DEFAULT_TRANSFER_TIMEOUT);
    }

    /**
     * Downloads a file into {@code localFile}, streaming it to disk. The content goes to a
     * temporary file next to {@code localFile} that replaces it once complete, so a failed
     * download leaves {@code localFile} as it was. Missing directories are created.
     *
     * @param remotePath the file in the sandbox, absolute or relative to the work directory
     * @param localFile the file on this machine
     * @param timeout how long the toolbox may take to start answering; {@link Duration#ZERO} for no limit
     * @throws DaytonaNotFoundException if the file does not exist
     * @throws DaytonaException if the call fails or {@code localFile} cannot be written
     */
    public void downloadFile(String remotePath, Path localFile, Duration timeout) {
        Objects.requireNonNull(localFile, "localFile is null");
        String operation = "download file";
        try (InputStream in = downloadFileStream(remotePath, timeout)) {
            writeLocal(operation, remotePath, in, localFile);
        } catch (IOException e) {
            throw brokenDownload(operation, remotePath, e);
        }
    }

    /**
     * Downloads a file into {@code localFile} as {@link #downloadFile(String, Path, Duration)} does,
     * reporting the bytes received to {@code onProgress}.
     *
     * @param remotePath the file in the sandbox
     * @param localFile where to write it on this machine
     * @param timeout how long the toolbox may take to start answering; {@link Duration#ZERO} for no limit
     * @param onProgress told the bytes received so far after each chunk (the total is reported as -1:
     *     the toolbox does not announce it)
     * @throws DaytonaNotFoundException if the file does not exist
     * @throws DaytonaException if the call fails or {@code localFile} cannot be written
     */
    public void downloadFile(String remotePath, Path localFile, Duration timeout, TransferProgress onProgress) {
        Objects.requireNonNull(localFile, "localFile is null");
        Objects.requireNonNull(onProgress, "onProgress is null");
        String operation = "download file";
        try (InputStream in = new CountingInputStream(downloadFileStream(remotePath, timeout), -1, onProgress)) {
            writeLocal(operation, remotePath, in, localFile);
        } catch (IOException e) {
            throw brokenDownload(operation, remotePath, e);
        }
    }

    /**
     * Opens a file of the sandbox for reading; see {@link #downloadFileStream(String, Duration)}.
     *
     * @param remotePath the file in the sandbox, absolute or relative to the work directory
     * @return a stream of the file, to be closed
     */
    public InputStream downloadFileStream(String remotePath) {
        return downloadFileStream(remotePath, DEFAULT_TRANSFER_TIMEOUT);
    }

    /**
     * Opens a file of the sandbox for reading as it downloads ({@code POST /files/bulk-download}).
     * The stream must be closed. It ends at the end of the file; if the transfer breaks off early,
     * reading it throws an {@link IOException} rather than ending, so a truncated file is never
     * mistaken for a whole one.
     *
     * @param remotePath the file in the sandbox, absolute or relative to the work directory
     * @param timeout how long the toolbox may take to start answering; {@link Duration#ZERO} for no limit
     * @return a stream of the file, to be closed
     * @throws DaytonaNotFoundException if the file does not exist
     * @throws DaytonaException if the call fails or the path is not a regular file
     */
    public InputStream downloadFileStream(String remotePath, Duration timeout) {
        requirePath(remotePath, "remotePath");
        String operation = "download file";
        MultipartReader reader = openDownload(operation, List.of(remotePath), timeout);
        boolean handedOver = false;
        try {
            MultipartReader.Part part = reader.next().orElseThrow(() -> new DaytonaException(
                    "Failed to " + operation + ": the toolbox sent no part for " + remotePath));
            if ("error".equals(part.name())) {
                throw partError(operation, remotePath, part);
            }
            InputStream stream = new FilterInputStream(part.body()) {
                @Override
                public void close() throws IOException {
                    reader.close();
                }
            };
            handedOver = true;
            return stream;
        } catch (IOException e) {
            throw brokenDownload(operation, remotePath, e);
        } finally {
            if (!handedOver) {
                closeQuietly(reader);
            }
        }
    }

    /**
     * Downloads several files in one request; see {@link #downloadFiles(List, Duration)}.
     *
     * @param files the files to download, each into memory or a local file
     * @return one response per request, in the order given, unmodifiable
     */
    public List<FileDownloadResponse> downloadFiles(List<FileDownloadRequest> files) {
        return downloadFiles(files, DEFAULT_TRANSFER_TIMEOUT);
    }

    /**
     * Downloads several files in one request ({@code POST /files/bulk-download}), each into memory
     * or, if its request names a local file, streamed into that file. A file that cannot be
     * downloaded (missing, a directory, unreadable) or written locally does not fail the others:
     * its response carries the {@link DaytonaException} of its failure.
     *
     * @param files the files to download, each into memory or a local file
     * @param timeout how long the toolbox may take to start answering; {@link Duration#ZERO} for no limit
     * @return one response per request, in the order given, unmodifiable
     * @throws DaytonaException only if the request as a whole fails
     */
    public List<FileDownloadResponse> downloadFiles(List<FileDownloadRequest> files, Duration timeout) {
        Objects.requireNonNull(files, "files is null");
        Objects.requireNonNull(timeout, "timeout is null");
        if (files.isEmpty()) {
            return List.of();
        }
        String operation = "download files";
        List<String> sources = new ArrayList<>();
        Map<String, Deque<Integer>> waiting = new HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            FileDownloadRequest request = Objects.requireNonNull(files.get(i), "files[" + i + "] is null");
            sources.add(request.source());
            waiting.computeIfAbsent(request.source(), source -> new ArrayDeque<>()).add(i);
        }
        FileDownloadResponse[] responses = new FileDownloadResponse[files.size()];
        try (MultipartReader reader = openDownload(operation, sources, timeout)) {
            Optional<MultipartReader.Part> next;
            while ((next = reader.next()).isPresent()) {
                MultipartReader.Part part = next.get();
                String source = part.fileName();
                Deque<Integer> indexes = source == null ? null : waiting.get(source);
                if (indexes == null || indexes.isEmpty()) {
                    continue; // a part for nothing requested: skipped
                }
                int index = indexes.removeFirst();
                responses[index] = receive(operation, files.get(index), part);
            }
        } catch (IOException e) {
            throw brokenDownload(operation, null, e);
        }
        for (int i = 0; i < responses.length; i++) {
            if (responses[i] == null) {
                String source = files.get(i).source();
                responses[i] = new FileDownloadResponse(source, null, null, new DaytonaException(
                        "Failed to download " + source + ": the toolbox sent nothing for it"));
            }
        }
        return List.copyOf(Arrays.asList(responses));
    }

    private FileDownloadResponse receive(String operation, FileDownloadRequest request, MultipartReader.Part part)
            throws IOException {
        String source = request.source();
        if ("error".equals(part.name())) {
            return new FileDownloadResponse(source, null, null, partError("download " + source, source, part));
        }
        if (request.destination() == null) {
            return new FileDownloadResponse(source, part.body().readAllBytes(), null, null);
        }
        try {
            writeLocal(operation, source, part.body(), request.destination());
        } catch (DaytonaException e) {
            return new FileDownloadResponse(source, null, null, e);
        }
        return new FileDownloadResponse(source, null, request.destination(), null);
    }

    /**
     * Copies {@code in} into a temporary file next to {@code target}, then moves it over
     * {@code target}. An {@link IOException} from {@code in} propagates as is; one of the local
     * file system becomes a {@link DaytonaException}.
     */
    private static void writeLocal(String operation, String source, InputStream in, Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Path temporary;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, "." + absolute.getFileName() + ".", ".download");
        } catch (IOException e) {
            throw localWriteFailed(operation, source, target, e);
        }
        boolean moved = false;
        try {
            OutputStream out;
            try {
                out = Files.newOutputStream(temporary);
            } catch (IOException e) {
                throw localWriteFailed(operation, source, target, e);
            }
            try (out) {
                byte[] buffer = new byte[64 * 1024];
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    try {
                        out.write(buffer, 0, read);
                    } catch (IOException e) {
                        throw localWriteFailed(operation, source, target, e);
                    }
                }
            }
            try {
                try {
                    Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
                }
                moved = true;
            } catch (IOException e) {
                throw localWriteFailed(operation, source, target, e);
            }
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // The temporary file stays behind; nothing more can be done.
                }
            }
        }
    }

    private MultipartReader openDownload(String operation, List<String> sources, Duration timeout) {
        Deadline deadline = Deadline.after(timeout);
        HttpCall call = HttpCall.post(operation, files("/bulk-download"), new FilesDownloadRequest(sources))
                .withTimeout(deadline.requestTimeout());
        HttpResponse<InputStream> response = transport.stream(call);
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        Optional<String> boundary = MultipartReader.boundaryOf(contentType);
        if (boundary.isEmpty()) {
            closeQuietly(response.body());
            throw new DaytonaException("Failed to " + operation + ": the toolbox answered with Content-Type '"
                    + contentType + "' instead of multipart/form-data with a boundary");
        }
        return new MultipartReader(response.body(), boundary.get());
    }

    /** Maps a part named {@code error} to the exception of its status, e.g. 404 FILE_NOT_FOUND. */
    private DaytonaException partError(String operation, String source, MultipartReader.Part part) throws IOException {
        byte[] body = part.body().readNBytes(MAX_ERROR_PART);
        int status = 0;
        try {
            JsonNode tree = transport.mapper().readTree(body);
            status = tree == null ? 0 : tree.path("statusCode").asInt(0);
        } catch (IOException e) {
            // Not JSON: the text itself is the reason.
        }
        if (body.length == 0) {
            return new DaytonaException("Failed to " + operation + ": the toolbox could not send " + source);
        }
        return ErrorMapper.fromResponse(operation, status, Map.of(), body, transport.mapper());
    }

    private static DaytonaException localWriteFailed(String operation, String source, Path target, IOException cause) {
        return new DaytonaException("Failed to " + operation + ": could not write " + source + " to the local file "
                + target + ": " + cause, cause);
    }

    private static DaytonaException brokenDownload(String operation, String source, IOException e) {
        String what = source == null ? "" : " of " + source;
        String reason = e instanceof EOFException
                ? "the transfer" + what + " broke off: " + e.getMessage()
                : "reading the response" + what + " failed: " + e;
        return new DaytonaConnectionException("Failed to " + operation + ": " + reason, e);
    }

    private URI files(String suffix, String... parameters) {
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i < parameters.length; i += 2) {
            query.put(parameters[i], parameters[i + 1]);
        }
        return sandbox.toolboxUri("/files" + suffix + Urls.query(query));
    }

    private static void requirePath(String value, String name) {
        Objects.requireNonNull(value, name + " is null");
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + " is empty: give a path in the sandbox");
        }
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name + " is null");
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + " is empty");
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing after a failure; the failure is what matters.
        }
    }
}
