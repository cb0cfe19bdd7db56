package io.daytona.daemon.session;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A command's log file: stdout and stderr interleaved as written, every line and every switch
 * of stream starting with that stream's marker ({@code 01 01 01} or {@code 02 02 02}), the framing
 * the official SDKs demultiplex. Writes go straight to the file so followers see them at once.
 */
final class CommandLog implements AutoCloseable {
    private final OutputStream file;
    private LogStream current;
    private boolean atLineStart = true;

    CommandLog(Path path) throws IOException {
        this(new FileOutputStream(path.toFile(), true));
    }

    CommandLog(OutputStream file) {
        this.file = file;
    }

    synchronized void append(LogStream stream, byte[] bytes, int offset, int length) throws IOException {
        int end = offset + length;
        int index = offset;
        while (index < end) {
            if (atLineStart || current != stream) {
                file.write(stream.marker());
                current = stream;
                atLineStart = false;
            }
            int newline = indexOf(bytes, (byte) '\n', index, end);
            int stop = newline < 0 ? end : newline + 1;
            file.write(bytes, index, stop - index);
            atLineStart = newline >= 0;
            index = stop;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        file.close();
    }

    /**
     * A framed log split into its streams.
     *
     * @param output both streams interleaved, markers removed
     * @param stdout what was written to stdout
     * @param stderr what was written to stderr
     */
    record Demuxed(String output, String stdout, String stderr) {}

    static Demuxed demux(byte[] log) {
        ByteArrayOutputStream combined = new ByteArrayOutputStream();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        ByteArrayOutputStream target = stdout;
        int index = 0;
        while (index < log.length) {
            LogStream marker = LogStream.markerAt(log, index, log.length);
            if (marker != null) {
                target = marker == LogStream.STDOUT ? stdout : stderr;
                index += 3;
                continue;
            }
            combined.write(log[index]);
            target.write(log[index]);
            index++;
        }
        return new Demuxed(combined.toString(StandardCharsets.UTF_8), stdout.toString(StandardCharsets.UTF_8),
                stderr.toString(StandardCharsets.UTF_8));
    }

    private static int indexOf(byte[] bytes, byte value, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
