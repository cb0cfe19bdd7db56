package io.daytona.sdk.internal;

import io.daytona.sdk.TransferProgress;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/** Reports the bytes read through it to a {@link TransferProgress}. */
public final class CountingInputStream extends FilterInputStream {
    private final TransferProgress progress;
    private final long total;
    private long transferred;

    /**
     * Wraps {@code in}.
     *
     * @param in the stream read
     * @param total the bytes it will yield, or -1 if unknown
     * @param progress told after each read that returned bytes
     */
    public CountingInputStream(InputStream in, long total, TransferProgress progress) {
        super(Objects.requireNonNull(in, "in is null"));
        this.total = total;
        this.progress = Objects.requireNonNull(progress, "progress is null");
    }

    @Override
    public int read() throws IOException {
        int value = super.read();
        if (value >= 0) {
            count(1);
        }
        return value;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        if (read > 0) {
            count(read);
        }
        return read;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        if (skipped > 0) {
            count(skipped);
        }
        return skipped;
    }

    /** Marks are not supported: a reset would count bytes twice. */
    @Override
    public boolean markSupported() {
        return false;
    }

    private void count(long bytes) {
        transferred += bytes;
        progress.onProgress(transferred, total);
    }
}
