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

    /** See {@link FileSystem#createFolder(String, String)}. */
    public CompletableFuture<Void> createFolder(String path, String mode) {
        return calls.run(() -> fs.createFolder(path, mode));
    }

    /** See {@link FileSystem#deleteFile(String)}. */
    public CompletableFuture<Void> deleteFile(String path) {
        return calls.run(() -> fs.deleteFile(path));
    }

    /** See {@link FileSystem#deleteFile(String, boolean)}. */
    public CompletableFuture<Void> deleteFile(String path, boolean recursive) {
        return calls.run(() -> fs.deleteFile(path, recursive));
    }

    /** See {@link FileSystem#listFiles(String)}. */
    public CompletableFuture<List<FileInfo>> listFiles(String path) {
        return calls.supply(() -> fs.listFiles(path));
    }

    /** See {@link FileSystem#getFileDetails(String)}. */
    public CompletableFuture<FileInfo> getFileDetails(String path) {
        return calls.supply(() -> fs.getFileDetails(path));
    }

    /** See {@link FileSystem#findFiles(String, String)}. */
    public CompletableFuture<List<Match>> findFiles(String path, String pattern) {
        return calls.supply(() -> fs.findFiles(path, pattern));
    }

    /** See {@link FileSystem#searchFiles(String, String)}. */
    public CompletableFuture<SearchFilesResponse> searchFiles(String path, String pattern) {
        return calls.supply(() -> fs.searchFiles(path, pattern));
    }

    /** See {@link FileSystem#replaceInFiles(List, String, String)}. */
    public CompletableFuture<List<ReplaceResult>> replaceInFiles(List<String> files, String pattern, String newValue) {
        return calls.supply(() -> fs.replaceInFiles(files, pattern, newValue));
    }

    /** See {@link FileSystem#moveFiles(String, String)}. */
    public CompletableFuture<Void> moveFiles(String source, String destination) {
        return calls.run(() -> fs.moveFiles(source, destination));
    }

    /** See {@link FileSystem#setFilePermissions(String, String, String, String)}. */
    public CompletableFuture<Void> setFilePermissions(String path, String owner, String group, String mode) {
        return calls.run(() -> fs.setFilePermissions(path, owner, group, mode));
    }

    /** See {@link FileSystem#uploadFile(byte[], String)}. */
    public CompletableFuture<Void> uploadFile(byte[] content, String remotePath) {
        return calls.run(() -> fs.uploadFile(content, remotePath));
    }

    /** See {@link FileSystem#uploadFile(Path, String)}. */
    public CompletableFuture<Void> uploadFile(Path localFile, String remotePath) {
        return calls.run(() -> fs.uploadFile(localFile, remotePath));
    }

    /** See {@link FileSystem#uploadFile(Path, String, Duration)}. */
    public CompletableFuture<Void> uploadFile(Path localFile, String remotePath, Duration timeout) {
        return calls.run(() -> fs.uploadFile(localFile, remotePath, timeout));
    }

    /** See {@link FileSystem#uploadFileStream(InputStream, String)}. */
    public CompletableFuture<Void> uploadFileStream(InputStream content, String remotePath) {
        return calls.run(() -> fs.uploadFileStream(content, remotePath));
    }

    /** See {@link FileSystem#uploadFileStream(InputStream, String, Duration)}. */
    public CompletableFuture<Void> uploadFileStream(InputStream content, String remotePath, Duration timeout) {
        return calls.run(() -> fs.uploadFileStream(content, remotePath, timeout));
    }

    /** See {@link FileSystem#uploadFiles(List)}. */
    public CompletableFuture<Void> uploadFiles(List<FileUpload> files) {
        return calls.run(() -> fs.uploadFiles(files));
    }

    /** See {@link FileSystem#uploadFiles(List, Duration)}. */
    public CompletableFuture<Void> uploadFiles(List<FileUpload> files, Duration timeout) {
        return calls.run(() -> fs.uploadFiles(files, timeout));
    }

    /** See {@link FileSystem#downloadFile(String)}. */
    public CompletableFuture<byte[]> downloadFile(String remotePath) {
        return calls.supply(() -> fs.downloadFile(remotePath));
    }

    /** See {@link FileSystem#downloadFile(String, Duration)}. */
    public CompletableFuture<byte[]> downloadFile(String remotePath, Duration timeout) {
        return calls.supply(() -> fs.downloadFile(remotePath, timeout));
    }

    /** See {@link FileSystem#downloadFile(String, Path)}. */
    public CompletableFuture<Void> downloadFile(String remotePath, Path localFile) {
        return calls.run(() -> fs.downloadFile(remotePath, localFile));
    }

    /** See {@link FileSystem#downloadFile(String, Path, Duration)}. */
    public CompletableFuture<Void> downloadFile(String remotePath, Path localFile, Duration timeout) {
        return calls.run(() -> fs.downloadFile(remotePath, localFile, timeout));
    }

    /** The stream completes once the response has begun; read it on any thread. See {@link FileSystem#downloadFileStream(String)}. */
    public CompletableFuture<InputStream> downloadFileStream(String remotePath) {
        return calls.supply(() -> fs.downloadFileStream(remotePath));
    }

    /** See {@link FileSystem#downloadFileStream(String, Duration)}. */
    public CompletableFuture<InputStream> downloadFileStream(String remotePath, Duration timeout) {
        return calls.supply(() -> fs.downloadFileStream(remotePath, timeout));
    }

    /** See {@link FileSystem#downloadFiles(List)}. */
    public CompletableFuture<List<FileDownloadResponse>> downloadFiles(List<FileDownloadRequest> files) {
        return calls.supply(() -> fs.downloadFiles(files));
    }

    /** See {@link FileSystem#downloadFiles(List, Duration)}. */
    public CompletableFuture<List<FileDownloadResponse>> downloadFiles(List<FileDownloadRequest> files, Duration timeout) {
        return calls.supply(() -> fs.downloadFiles(files, timeout));
    }

    /** See {@link FileSystem#uploadFile(Path, String, Duration, TransferProgress)}. */
    public CompletableFuture<Void> uploadFile(Path localFile, String remotePath, Duration timeout, TransferProgress onProgress) {
        return calls.run(() -> fs.uploadFile(localFile, remotePath, timeout, onProgress));
    }

    /** See {@link FileSystem#downloadFile(String, Path, Duration, TransferProgress)}. */
    public CompletableFuture<Void> downloadFile(String remotePath, Path localFile, Duration timeout, TransferProgress onProgress) {
        return calls.run(() -> fs.downloadFile(remotePath, localFile, timeout, onProgress));
    }
}
