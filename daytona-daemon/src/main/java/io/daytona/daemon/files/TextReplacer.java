package io.daytona.daemon.files;

import static java.util.Objects.requireNonNull;

import io.daytona.model.toolbox.files.ReplaceResult;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code POST /files/replace}: replaces every occurrence of a literal text in a file, like Go's
 * {@code strings.ReplaceAll}. Streams through a temporary copy so files larger than the daemon's
 * heap work, then writes the result back into the same file (keeping its inode, owner and mode,
 * as upstream's in-place write does). A file without the pattern is left untouched.
 */
final class TextReplacer {
    private static final int DEFAULT_BUFFER = 64 * 1024;

    private final Path scratchDirectory;
    private final int bufferSize;

    TextReplacer(Path scratchDirectory) {
        this(scratchDirectory, DEFAULT_BUFFER);
    }

    TextReplacer(Path scratchDirectory, int bufferSize) {
        this.scratchDirectory = requireNonNull(scratchDirectory, "scratchDirectory is null");
        this.bufferSize = bufferSize;
    }

    ReplaceResult replace(Path file, String display, BytePattern pattern, String newValue) {
        byte[] replacement = newValue.getBytes(StandardCharsets.UTF_8);
        Path scratch = null;
        try {
            scratch = Files.createTempFile(scratchDirectory, ".daytona-replace-", ".tmp");
            long replaced;
            try (InputStream in = open(file);
                 OutputStream out = new BufferedOutputStream(Files.newOutputStream(scratch), bufferSize)) {
                replaced = copyReplacing(in, out, pattern, replacement);
            }
            if (replaced > 0) {
                writeBack(scratch, file);
            }
            return ReplaceResult.succeeded(display);
        } catch (IOException e) {
            return ReplaceResult.failed(display, describe(e, display));
        } finally {
            deleteQuietly(scratch);
        }
    }

    /** Copies {@code in} to {@code out} replacing every non-overlapping occurrence, left to right. */
    long copyReplacing(InputStream in, OutputStream out, BytePattern pattern, byte[] replacement) throws IOException {
        byte[] buffer = new byte[bufferSize + pattern.length()];
        int length = 0;
        long replaced = 0;
        boolean end = false;
        while (!end) {
            int read = in.readNBytes(buffer, length, buffer.length - length);
            length += read;
            end = length < buffer.length;
            // Near the end of a full buffer a match may continue in the next read: keep that tail.
            int decidable = end ? length : length - (pattern.length() - 1);
            int written = 0;
            int at;
            while ((at = pattern.indexIn(buffer, written, length)) >= 0 && at < decidable) {
                out.write(buffer, written, at - written);
                out.write(replacement);
                replaced++;
                written = at + pattern.length();
            }
            int flushed = Math.max(written, decidable);
            out.write(buffer, written, flushed - written);
            System.arraycopy(buffer, flushed, buffer, 0, length - flushed);
            length -= flushed;
        }
        return replaced;
    }

    private static InputStream open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new FileSystemException(file.toString(), null, "Is a directory");
        }
        return Files.newInputStream(file);
    }

    private static void writeBack(Path scratch, Path file) throws IOException {
        try (FileChannel source = FileChannel.open(scratch, StandardOpenOption.READ);
             FileChannel target = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            long size = source.size();
            long position = 0;
            while (position < size) {
                position += source.transferTo(position, size - position, target);
            }
        }
    }

    private static String describe(IOException failure, String display) {
        return failure instanceof FileSystemException ? FileErrors.message(failure, display) : failure.getMessage();
    }

    private static void deleteQuietly(Path scratch) {
        if (scratch == null) {
            return;
        }
        try {
            Files.deleteIfExists(scratch);
        } catch (IOException ignored) {
            // a leftover in the temporary directory; nothing the caller can act on
        }
    }
}
