package io.daytona.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MultipartReaderTest {
    private static final String DAEMON_BODY = "--DAYTONA-FILE-BOUNDARY\r\n"
            + "Content-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
            + "Content-Type: text/plain\r\n"
            + "Content-Length: 5\r\n"
            + "\r\n"
            + "hello"
            + "\r\n--DAYTONA-FILE-BOUNDARY\r\n"
            + "Content-Disposition: form-data; name=\"error\"; filename=\"missing.txt\"\r\n"
            + "Content-Type: application/json; charset=utf-8\r\n"
            + "\r\n"
            + "{\"statusCode\":404}"
            + "\r\n--DAYTONA-FILE-BOUNDARY\r\n"
            + "Content-Disposition: form-data; name=\"file\"; filename=\"caf?.txt\"; filename*=utf-8''caf%C3%A9%2B1.txt\r\n"
            + "\r\n"
            + "\r\n--DAYTONA-FILE-BOUNDARY--\r\n";

    @Test
    void readsTheDaemonsBulkDownloadFormat() throws IOException {
        MultipartReader reader = reader(DAEMON_BODY.getBytes(StandardCharsets.UTF_8), 1_000_000);

        MultipartReader.Part first = reader.next().orElseThrow();
        assertThat(first.name()).isEqualTo("file");
        assertThat(first.fileName()).isEqualTo("a.txt");
        assertThat(first.header("Content-Type")).isEqualTo("text/plain");
        assertThat(new String(first.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");

        MultipartReader.Part second = reader.next().orElseThrow();
        assertThat(second.name()).isEqualTo("error");
        assertThat(second.fileName()).isEqualTo("missing.txt");
        assertThat(new String(second.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"statusCode\":404}");

        MultipartReader.Part third = reader.next().orElseThrow();
        assertThat(third.fileName()).as("filename* wins and '+' stays a plus").isEqualTo("café+1.txt");
        assertThat(third.body().readAllBytes()).isEmpty();

        assertThat(reader.next()).isEmpty();
        assertThat(reader.next()).isEmpty();
    }

    @Test
    void findsDelimitersSplitAcrossReadsOfAnySize() throws IOException {
        for (int chunk = 1; chunk <= 40; chunk++) {
            MultipartReader reader = reader(DAEMON_BODY.getBytes(StandardCharsets.UTF_8), chunk);
            assertThat(new String(reader.next().orElseThrow().body().readAllBytes(), StandardCharsets.UTF_8))
                    .as("chunk size %d", chunk).isEqualTo("hello");
            assertThat(reader.next().orElseThrow().name()).isEqualTo("error");
            assertThat(reader.next().orElseThrow().fileName()).isEqualTo("café+1.txt");
            assertThat(reader.next()).isEmpty();
        }
    }

    @Test
    void skipsUnreadPartsAndThePreamble() throws IOException {
        String body = "preamble to ignore\r\n" + DAEMON_BODY;
        MultipartReader reader = reader(body.getBytes(StandardCharsets.UTF_8), 7);

        reader.next().orElseThrow();
        reader.next().orElseThrow();
        assertThat(reader.next().orElseThrow().fileName()).isEqualTo("café+1.txt");
        assertThat(reader.next()).isEmpty();
    }

    @Test
    void keepsBytesThatOnlyResembleTheDelimiter() throws IOException {
        String content = "a\r\n--DAYTONA-FILE-BOUNDAR\r\n-\r\n--DAYTONA-FILE-BOUNDARYX";
        String body = "--DAYTONA-FILE-BOUNDARY\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f\"\r\n\r\n"
                + content + "\r\n--DAYTONA-FILE-BOUNDARY--\r\n";
        // The last line is a delimiter followed by X: RFC 2046 forbids it, but it must not be
        // taken for the end of the part either... unless followed by padding; here it is data.
        MultipartReader reader = reader(body.getBytes(StandardCharsets.UTF_8), 3);

        MultipartReader.Part part = reader.next().orElseThrow();
        assertThat(new String(part.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a\r\n--DAYTONA-FILE-BOUNDAR\r\n-");
        assertThatThrownBy(reader::next).isInstanceOf(IOException.class).hasMessageContaining("not followed by a line break");
    }

    @Test
    void aTruncatedBodyIsAnErrorNotAShortFile() throws IOException {
        byte[] full = DAEMON_BODY.getBytes(StandardCharsets.UTF_8);
        byte[] truncated = java.util.Arrays.copyOf(full, DAEMON_BODY.indexOf("hello") + 3);
        MultipartReader reader = reader(truncated, 1000);

        InputStream body = reader.next().orElseThrow().body();
        assertThatThrownBy(body::readAllBytes).isInstanceOf(EOFException.class);

        MultipartReader endsAfterPart = reader(DAEMON_BODY.substring(0, DAEMON_BODY.indexOf("--DAYTONA-FILE-BOUNDARY--"))
                .getBytes(StandardCharsets.UTF_8), 1000);
        endsAfterPart.next();
        endsAfterPart.next();
        endsAfterPart.next();
        assertThatThrownBy(endsAfterPart::next).isInstanceOf(EOFException.class);
    }

    @Test
    void readsTheBoundaryOfAContentType() {
        assertThat(MultipartReader.boundaryOf("multipart/form-data; boundary=DAYTONA-FILE-BOUNDARY")).contains("DAYTONA-FILE-BOUNDARY");
        assertThat(MultipartReader.boundaryOf("Multipart/Form-Data; charset=utf-8; boundary=\"a b\"")).contains("a b");
        assertThat(MultipartReader.boundaryOf("application/json")).isEmpty();
        assertThat(MultipartReader.boundaryOf("multipart/form-data")).isEmpty();
        assertThat(MultipartReader.boundaryOf(null)).isEmpty();
    }

    private static MultipartReader reader(byte[] body, int chunk) {
        return new MultipartReader(new ChunkedInputStream(body, chunk), "DAYTONA-FILE-BOUNDARY");
    }

    /** Returns at most {@code chunk} bytes per read, as a network stream may. */
    private static final class ChunkedInputStream extends InputStream {
        private final ByteArrayInputStream in;
        private final int chunk;

        ChunkedInputStream(byte[] bytes, int chunk) {
            this.in = new ByteArrayInputStream(bytes);
            this.chunk = chunk;
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, Math.min(len, chunk));
        }
    }
}
