package io.daytona.sdk;

import io.daytona.model.toolbox.files.FileInfo;
import io.daytona.model.toolbox.files.Match;
import io.daytona.model.toolbox.files.ReplaceResult;
import io.daytona.model.toolbox.files.SearchFilesResponse;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The files of an {@link AsyncSandbox}; each method mirrors {@link FileSystem}, streaming as it does. */
public final class AsyncFileSystem {
    private final FileSystem fs;
    private final AsyncCalls calls;

    AsyncFileSystem(FileSystem fs, AsyncCalls calls) {
        this.fs = fs;
        this.calls = calls;
    }

    /**
     * The asynchronous {@link FileSystem#createFolder(String, String)}: creates a directory and its missing
     * parents ({@code POST /files/folder}).
     *
     * @param path the directory
     * @param mode its permissions in octal, e.g. {@code "755"}; null for the toolbox's default (0755)
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> createFolder(String path, String mode) {
        return calls.run(() -> fs.createFolder(path, mode));
    }

    /**
     * The asynchronous {@link FileSystem#deleteFile(String)}: deletes a file or an empty directory.
     *
     * @param path the path in the sandbox, absolute or relative to the work directory
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> deleteFile(String path) {
        return calls.run(() -> fs.deleteFile(path));
    }

    /**
     * The asynchronous {@link FileSystem#deleteFile(String, boolean)}: deletes a file or directory ({@code
     * DELETE /files}).
     *
     * @param path the path in the sandbox, absolute or relative to the work directory
     * @param recursive whether a directory is deleted with its contents; without it, deleting a
     *     directory fails
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> deleteFile(String path, boolean recursive) {
        return calls.run(() -> fs.deleteFile(path, recursive));
    }

    /**
     * The asynchronous {@link FileSystem#listFiles(String)}: lists a directory ({@code GET /files}), like
     * {@code ls -l}.
     *
     * @param path the directory; null or empty for the work directory
     * @return a future of its entries, unmodifiable
     */
    public CompletableFuture<List<FileInfo>> listFiles(String path) {
        return calls.supply(() -> fs.listFiles(path));
    }

    /**
     * The asynchronous {@link FileSystem#getFileDetails(String)}: describes a file or directory ({@code GET
     * /files/info}): size, mode, owner, times.
     *
     * @param path the path in the sandbox, absolute or relative to the work directory
     * @return a future of the file information
     */
    public CompletableFuture<FileInfo> getFileDetails(String path) {
        return calls.supply(() -> fs.getFileDetails(path));
    }

    /**
     * The asynchronous {@link FileSystem#findFiles(String, String)}: finds the lines that contain
     * {@code pattern} ({@code GET /files/find}), like {@code grep -rn}: a literal search through the text files under
     * {@code path}, skipping binary files.
     *
     * @param path a file, or a directory searched recursively
     * @param pattern the literal text; not a regular expression
     * @return a future of one match per line, unmodifiable
     */
    public CompletableFuture<List<Match>> findFiles(String path, String pattern) {
        return calls.supply(() -> fs.findFiles(path, pattern));
    }

    /**
     * The asynchronous {@link FileSystem#searchFiles(String, String)}: finds the files and directories under
     * {@code path} whose names match a glob ({@code GET /files/search}), e.g. {@code *.py}.
     *
     * @param path the path in the sandbox, absolute or relative to the work directory
     * @param pattern the pattern
     * @return a future of the matching paths
     */
    public CompletableFuture<SearchFilesResponse> searchFiles(String path, String pattern) {
        return calls.supply(() -> fs.searchFiles(path, pattern));
    }

    /**
     * The asynchronous {@link FileSystem#replaceInFiles(List, String, String)}: replaces every occurrence of
     * {@code pattern} by {@code newValue} in each of {@code files} ({@code POST /files/replace}).
     *
     * @param files the files to edit
     * @param pattern the literal text to replace; not a regular expression
     * @param newValue its replacement; may be empty
     * @return a future of one result per file, in the order given, unmodifiable
     */
    public CompletableFuture<List<ReplaceResult>> replaceInFiles(List<String> files, String pattern, String newValue) {
        return calls.supply(() -> fs.replaceInFiles(files, pattern, newValue));
    }

    /**
     * The asynchronous {@link FileSystem#moveFiles(String, String)}: moves or renames a file or directory
     * ({@code POST /files/move}); the destination's parent must exist and the destination must not.
     *
     * @param source the path to move, in the sandbox
     * @param destination the destination in the sandbox
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> moveFiles(String source, String destination) {
        return calls.run(() -> fs.moveFiles(source, destination));
    }

    /**
     * The asynchronous {@link FileSystem#setFilePermissions(String, String, String, String)}: changes the
     * owner, group and permissions of a file or directory ({@code POST /files/permissions}); null leaves that
     * attribute unchanged.
     *
     * @param path the path in the sandbox, absolute or relative to the work directory
     * @param owner a user name or numeric uid, or null
     * @param group a group name or numeric gid, or null
     * @param mode permissions in octal, e.g. {@code "644"}, or null
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> setFilePermissions(String path, String owner, String group, String mode) {
        return calls.run(() -> fs.setFilePermissions(path, owner, group, mode));
    }

    /**
     * The asynchronous {@link FileSystem#uploadFile(byte[], String)}: uploads {@code content} to
     * {@code remotePath}, overwriting any file there and creating missing directories; for content that fits in
     * memory.
     *
     * @param content the file's bytes
     * @param remotePath the file in the sandbox, absolute or relative to the work directory
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> uploadFile(byte[] content, String remotePath) {
        return calls.run(() -> fs.uploadFile(content, remotePath));
    }

    /**
     * The asynchronous {@link FileSystem#uploadFile(Path, String)}: uploads the local file {@code localFile} to
     * {@code remotePath}, streaming it from disk.
     *
     * @param localFile the file on this machine
     * @param remotePath the file in the sandbox, absolute or relative to the work directory
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> uploadFile(Path localFile, String remotePath) {
        return calls.run(() -> fs.uploadFile(localFile, remotePath));
    }

    /**
     * The asynchronous {@link FileSystem#uploadFile(Path, String, Duration)}: uploads the local file
     * {@code localFile} to {@code remotePath}, streaming it from disk.
     *
     * @param localFile the file on this machine
     * @param remotePath the file in the sandbox, absolute or relative to the work directory
     * @param timeout how long the upload may take until the toolbox answers; {@link Duration#ZERO} for no limit
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> uploadFile(Path localFile, String remotePath, Duration timeout) {
        return calls.run(() -> fs.uploadFile(localFile, remotePath, timeout));
    }

    /**
     * The asynchronous {@link FileSystem#uploadFileStream(InputStream, String)}: uploads what {@code content}
     * yields to {@code remotePath}, sent chunked as it is read; the stream is read to its end and closed.
     *
     * @param content the stream, read to its end and closed
     * @param remotePath the file in the sandbox, absolute or relative to the work directory
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> uploadFileStream(InputStream content, String remotePath) {
        return calls.run(() -> fs.uploadFileStream(content, remotePath));
    }

    /**
     * The asynchronous {@link FileSystem#uploadFileStream(InputStream, String, Duration)}: uploads what
     * {@code content} yields to {@code remotePath}, sent chunked as it is read.
     *
     * @param content the stream, read to its end and closed
     * @param remotePath the file in the sandbox, absolute or relative to the work directory
     * @param timeout how long the upload may take until the toolbox answers; {@link Duration#ZERO} for no limit
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> uploadFileStream(InputStream content, String remotePath, Duration timeout) {
        return calls.run(() -> fs.uploadFileStream(content, remotePath, timeout));
    }

    /**
     * The asynchronous {@link FileSystem#uploadFiles(List)}: uploads several files in one request; see
     * {@link #uploadFiles(List, Duration)}.
     *
     * @param files the files to upload, each with its destination
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> uploadFiles(List<FileUpload> files) {
        return calls.run(() -> fs.uploadFiles(files));
    }

    /**
     * The asynchronous {@link FileSystem#uploadFiles(List, Duration)}: uploads several files in one multipart
     * request ({@code POST /files/bulk-upload}), each as a part {@code files[i].path} holding its destination
     * followed by a part {@code files[i].file} holding its content.
     *
     * @param files the files to upload, each with its destination
     * @param timeout how long the upload may take until the toolbox answers; {@link Duration#ZERO} for no limit
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> uploadFiles(List<FileUpload> files, Duration timeout) {
        return calls.run(() -> fs.uploadFiles(files, timeout));
    }

    /**
     * The asynchronous {@link FileSystem#downloadFile(String)}: downloads a file into memory; for files that fit in it.
     *
     * @param remotePath the file in the sandbox, absolute or relative to the work directory
     * @return a future of the file's content
     */
    public CompletableFuture<byte[]> downloadFile(String remotePath) {
        return calls.supply(() -> fs.downloadFile(remotePath));
    }

    /**
     * The asynchronous {@link FileSystem#downloadFile(String, Duration)}: downloads a file into memory.
     *
     * @param remotePath the file in the sandbox, absolute or relative to the work directory
     * @param timeout how long the toolbox may take to start answering; {@link Duration#ZERO} for no limit
     * @return a future of the file's content
     */
    public CompletableFuture<byte[]> downloadFile(String remotePath, Duration timeout) {
        return calls.supply(() -> fs.downloadFile(remotePath, timeout));
    }

    /**
     * The asynchronous {@link FileSystem#downloadFile(String, Path)}: downloads a file into {@code localFile},
     * streaming it to disk; see {@link #downloadFile(String, Path, Duration)}.
     *
     * @param remotePath the file in the sandbox, absolute or relative to the work directory
     * @param localFile the file on this machine
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> downloadFile(String remotePath, Path localFile) {
        return calls.run(() -> fs.downloadFile(remotePath, localFile));
    }

    /**
     * The asynchronous {@link FileSystem#downloadFile(String, Path, Duration)}: downloads a file into
     * {@code localFile}, streaming it to disk.
     *
     * @param remotePath the file in the sandbox, absolute or relative to the work directory
     * @param localFile the file on this machine
     * @param timeout how long the toolbox may take to start answering; {@link Duration#ZERO} for no limit
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> downloadFile(String remotePath, Path localFile, Duration timeout) {
        return calls.run(() -> fs.downloadFile(remotePath, localFile, timeout));
    }

    /**
     * The stream completes once the response has begun; read it on any thread. See {@link FileSystem#downloadFileStream(String)}.
     *
     * @param remotePath the file in the sandbox, absolute or relative to the work directory
     * @return a future of a stream of the file, to be closed
     */
    public CompletableFuture<InputStream> downloadFileStream(String remotePath) {
        return calls.supply(() -> fs.downloadFileStream(remotePath));
    }

    /**
     * The asynchronous {@link FileSystem#downloadFileStream(String, Duration)}: opens a file of the sandbox for
     * reading as it downloads ({@code POST /files/bulk-download}).
     *
     * @param remotePath the file in the sandbox, absolute or relative to the work directory
     * @param timeout how long the toolbox may take to start answering; {@link Duration#ZERO} for no limit
     * @return a future of a stream of the file, to be closed
     */
    public CompletableFuture<InputStream> downloadFileStream(String remotePath, Duration timeout) {
        return calls.supply(() -> fs.downloadFileStream(remotePath, timeout));
    }

    /**
     * The asynchronous {@link FileSystem#downloadFiles(List)}: downloads several files in one request; see
     * {@link #downloadFiles(List, Duration)}.
     *
     * @param files the files to download, each into memory or a local file
     * @return a future of one response per request, in the order given, unmodifiable
     */
    public CompletableFuture<List<FileDownloadResponse>> downloadFiles(List<FileDownloadRequest> files) {
        return calls.supply(() -> fs.downloadFiles(files));
    }

    /**
     * The asynchronous {@link FileSystem#downloadFiles(List, Duration)}: downloads several files in one request
     * ({@code POST /files/bulk-download}), each into memory or, if its request names a local file, streamed
     * into that file.
     *
     * @param files the files to download, each into memory or a local file
     * @param timeout how long the toolbox may take to start answering; {@link Duration#ZERO} for no limit
     * @return a future of one response per request, in the order given, unmodifiable
     */
    public CompletableFuture<List<FileDownloadResponse>> downloadFiles(List<FileDownloadRequest> files, Duration timeout) {
        return calls.supply(() -> fs.downloadFiles(files, timeout));
    }

    /**
     * The asynchronous {@link FileSystem#uploadFile(Path, String, Duration, TransferProgress)}: uploads the
     * local file {@code localFile} to {@code remotePath}, streaming it from disk and reporting the bytes sent
     * to {@code onProgress}.
     *
     * @param localFile the file on this machine
     * @param remotePath the destination in the sandbox
     * @param timeout how long the upload may take until the toolbox answers; {@link Duration#ZERO} for no limit
     * @param onProgress told the bytes sent so far, and the file's size, after each chunk
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> uploadFile(Path localFile, String remotePath, Duration timeout, TransferProgress onProgress) {
        return calls.run(() -> fs.uploadFile(localFile, remotePath, timeout, onProgress));
    }

    /**
     * The asynchronous {@link FileSystem#downloadFile(String, Path, Duration, TransferProgress)}: downloads a
     * file into {@code localFile} as {@link #downloadFile(String, Path, Duration)} does, reporting the bytes
     * received to {@code onProgress}.
     *
     * @param remotePath the file in the sandbox
     * @param localFile where to write it on this machine
     * @param timeout how long the toolbox may take to start answering; {@link Duration#ZERO} for no limit
     * @param onProgress told the bytes received so far after each chunk (the total is reported as -1:
     *     the toolbox does not announce it)
     * @return a future completed when the call is done
     */
    public CompletableFuture<Void> downloadFile(String remotePath, Path localFile, Duration timeout, TransferProgress onProgress) {
        return calls.run(() -> fs.downloadFile(remotePath, localFile, timeout, onProgress));
    }
}
