package io.daytona.daemon.files;

import io.daytona.model.toolbox.files.Match;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code GET /files/find}: every line of every text file under a path that contains a literal
 * pattern. A file is binary, and skipped, when its first 512 bytes hold a NUL, as upstream decides.
 * Lines are read in bounded pieces so one huge line cannot exhaust the daemon's small heap; a line
 * longer than {@link #MAX_LINE_BYTES} is skipped.
 */
final class TextFinder {
    static final int SNIFF_BYTES = 512;
    static final int MAX_LINE_BYTES = 1 << 20;
    private static final int READ_BUFFER = 64 * 1024;

    private TextFinder() {}

    static void find(Path root, String displayRoot, BytePattern pattern, ResultSink<Match> sink) throws IOException {
        TreeWalk.walk(root, displayRoot, (path, display, attributes) -> {
            if (attributes.isRegularFile()) {
                scan(path, display, pattern, sink);
            }
        });
    }

    /** Reports the matching lines of one file; a file that cannot be read is skipped, as upstream does. */
    static void scan(Path file, String display, BytePattern pattern, ResultSink<Match> sink) throws IOException {
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (IOException unreadable) {
            return;
        }
        try (in) {
            LineScanner lines = new LineScanner(display, pattern, sink);
            byte[] buffer = new byte[READ_BUFFER];
            int read = in.readNBytes(buffer, 0, SNIFF_BYTES);
            if (read <= 0 || isBinary(buffer, read)) {
                return;
            }
            do {
                lines.feed(buffer, read);
            } while ((read = in.read(buffer)) >= 0);
            lines.finish();
        } catch (SinkFailure failure) {
            throw failure.getCause();
        } catch (IOException readFailure) {
            // Upstream stops at the first read error of a file and keeps what it found.
        }
    }

    private static boolean isBinary(byte[] head, int length) {
        for (int i = 0; i < length; i++) {
            if (head[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** Distinguishes a failure to write a result, which ends the search, from a failure to read a file. */
    private static final class SinkFailure extends IOException {
        SinkFailure(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    /** Splits bytes into lines as Go's {@code bufio.ScanLines} does: {@code \n} ends a line, a trailing {@code \r} is dropped. */
    private static final class LineScanner {
        private final String display;
        private final BytePattern pattern;
        private final ResultSink<Match> sink;
        private byte[] line = new byte[256];
        private int length;
        private boolean tooLong;
        private int number = 1;

        LineScanner(String display, BytePattern pattern, ResultSink<Match> sink) {
            this.display = display;
            this.pattern = pattern;
            this.sink = sink;
        }

        void feed(byte[] data, int count) throws SinkFailure {
            int start = 0;
            for (int i = 0; i < count; i++) {
                if (data[i] == '\n') {
                    append(data, start, i);
                    endLine();
                    start = i + 1;
                }
            }
            append(data, start, count);
        }

        void finish() throws SinkFailure {
            if (length > 0 || tooLong) {
                endLine();
            }
        }

        private void append(byte[] data, int from, int to) {
            int count = to - from;
            if (tooLong || count == 0) {
                return;
            }
            if (length + count > MAX_LINE_BYTES) {
                tooLong = true;
                return;
            }
            if (length + count > line.length) {
                line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, Math.max(line.length * 2, length + count)));
            }
            System.arraycopy(data, from, line, length, count);
            length += count;
        }

        private void endLine() throws SinkFailure {
            if (!tooLong) {
                int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
                if (pattern.indexIn(line, 0, end) >= 0) {
                    emit(new Match(display, number, new String(line, 0, end, StandardCharsets.UTF_8)));
                }
            }
            number++;
            length = 0;
            tooLong = false;
            if (line.length > 64 * 1024) {
                line = new byte[256];
            }
        }

        private void emit(Match match) throws SinkFailure {
            try {
                sink.accept(match);
            } catch (IOException e) {
                throw new SinkFailure(e);
            }
        }
    }
}
