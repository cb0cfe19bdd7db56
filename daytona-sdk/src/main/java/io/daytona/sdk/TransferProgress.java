package io.daytona.sdk;

/**
 * Receives the progress of an upload or download of {@link FileSystem}, on the thread doing the
 * transfer, after each chunk; it should return quickly.
 *
 * <pre>{@code
 * fs.uploadFile(Path.of("data.bin"), "data.bin", Duration.ofMinutes(5),
 *         (done, total) -> System.out.printf("%d of %d bytes%n", done, total));
 * }</pre>
 */
@FunctionalInterface
public interface TransferProgress {
    /**
     * Reports the bytes moved so far.
     *
     * @param transferred the bytes sent or received so far
     * @param total the size of the file, or -1 if it is not known in advance
     */
    void onProgress(long transferred, long total);
}
