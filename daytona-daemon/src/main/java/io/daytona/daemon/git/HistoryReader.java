package io.daytona.daemon.git;

import io.daytona.model.toolbox.git.GitCommitInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads {@code git log -z} with {@link #FORMAT} one commit at a time, so a long history goes to
 * the client without being held in the daemon's small heap.
 */
final class HistoryReader {
    /** Hash, author name, author email, author date (strict ISO 8601) and raw message, NUL-separated. */
    static final String FORMAT = "--format=%H%x00%an%x00%ae%x00%aI%x00%B";
    private static final int FIELDS = 5;

    /** Receives each commit as it is read. */
    @FunctionalInterface
    interface CommitSink {
        void accept(GitCommitInfo commit) throws IOException;
    }

    private HistoryReader() {}

    static void read(InputStream in, CommitSink sink) throws IOException {
        String[] fields = new String[FIELDS];
        int field = 0;
        ByteArrayOutputStream token = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            for (int i = 0; i < read; i++) {
                if (buffer[i] != 0) {
                    token.write(buffer[i]);
                    continue;
                }
                fields[field++] = token.toString(StandardCharsets.UTF_8);
                token.reset();
                if (field == FIELDS) {
                    sink.accept(commit(fields));
                    field = 0;
                }
            }
        }
        if (field == FIELDS - 1) {
            // The last commit's message is not followed by a separator.
            fields[field] = token.toString(StandardCharsets.UTF_8);
            sink.accept(commit(fields));
        }
    }

    private static GitCommitInfo commit(String[] fields) {
        // Separators between commits follow the previous message; git puts nothing before the hash.
        return new GitCommitInfo(fields[0].strip(), fields[1], fields[2], stripTrailingNewlines(fields[4]), timestamp(fields[3]));
    }

    /** RFC 3339 as Go writes it, which the upstream daemon sends: {@code Z} for UTC, else the offset. */
    static String timestamp(String isoDate) {
        try {
            return OffsetDateTime.parse(isoDate).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            return isoDate;
        }
    }

    private static String stripTrailingNewlines(String message) {
        int end = message.length();
        while (end > 0 && (message.charAt(end - 1) == '\n' || message.charAt(end - 1) == '\r')) {
            end--;
        }
        return message.substring(0, end);
    }
}
