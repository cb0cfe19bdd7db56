package io.daytona.controlplane.snapshot;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The logs of snapshot pulls and builds: one file per snapshot, kept after the build (a failed
 * build's logs explain it), read whole or followed while the build runs.
 */
public final class BuildLogs {
    private static final Duration FOLLOW_POLL = Duration.ofMillis(200);

    private final Path directory;

    public BuildLogs(Path directory) {
        this.directory = requireNonNull(directory, "directory is null").toAbsolutePath();
    }

    /** A line sink appending to the snapshot's log, flushed at every line so followers see it at once. */
    public Consumer<String> writer(String snapshotId) throws IOException {
        Files.createDirectories(directory);
        Writer writer = Files.newBufferedWriter(file(snapshotId), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return line -> {
            try {
                synchronized (writer) {
                    writer.write(line);
                    writer.write('\n');
                    writer.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /**
     * Copies the log to {@code out}; with {@code follow}, keeps copying what is appended until
     * {@code finished} says the build is over and everything written has been sent.
     */
    public void copy(String snapshotId, OutputStream out, boolean follow, BooleanSupplier finished) throws IOException, InterruptedException {
        Path file = file(snapshotId);
        long position = 0;
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        while (true) {
            boolean over = !follow || finished.getAsBoolean();
            if (Files.exists(file)) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                    channel.position(position);
                    int read;
                    while ((read = channel.read(buffer.clear())) > 0) {
                        out.write(buffer.array(), 0, read);
                        position += read;
                    }
                }
                out.flush();
            }
            if (over) {
                return;
            }
            Thread.sleep(FOLLOW_POLL);
        }
    }

    public void delete(String snapshotId) throws IOException {
        Files.deleteIfExists(file(snapshotId));
    }

    private Path file(String snapshotId) {
        return directory.resolve(snapshotId + ".log");
    }
}
