package io.daytona.daemon.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * One uploaded file on its way to disk. Bytes go to a hidden temporary file beside the destination
 * and replace it atomically at the end, so readers never see half a file and a failed upload leaves
 * the old one in place. Missing parent directories are created; a destination that is a symbolic
 * link is written through, as upstream does. The result has mode 0644, as upstream's has.
 */
final class UploadTarget implements AutoCloseable {
    private final Path destination;
    private final Path temporary;
    private final FileChannel channel;
    private long written;
    private boolean committed;

    private UploadTarget(Path destination, Path temporary, FileChannel channel) {
        this.destination = destination;
        this.temporary = temporary;
        this.channel = channel;
    }

    static UploadTarget open(Path requested) throws IOException {
        Path destination = followLink(requested);
        if (Files.isDirectory(destination)) {
            throw new FileSystemException(requested.toString(), null, "Is a directory");
        }
        Path parent = destination.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, ".daytona-upload-", ".part");
        try {
            return new UploadTarget(destination, temporary, FileChannel.open(temporary, StandardOpenOption.WRITE));
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    void write(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            written += channel.write(bytes);
        }
    }

    long written() {
        return written;
    }

    /** Puts the file in place; until then the destination is untouched. */
    void commit() throws IOException {
        channel.close();
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
        try {
            Files.move(temporary, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, destination, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
    }

    /** Discards the temporary file unless the upload was committed. */
    @Override
    public void close() throws IOException {
        channel.close();
        if (!committed) {
            Files.deleteIfExists(temporary);
        }
    }

    private static Path followLink(Path requested) throws IOException {
        if (!Files.isSymbolicLink(requested)) {
            return requested;
        }
        if (Files.exists(requested)) {
            return requested.toRealPath();
        }
        // A dangling link: create the file it names, as writing through it would.
        Path target = Files.readSymbolicLink(requested);
        Path parent = requested.toAbsolutePath().getParent();
        return parent == null ? target : parent.resolve(target);
    }
}
