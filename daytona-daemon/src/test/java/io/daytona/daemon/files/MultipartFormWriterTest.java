package io.daytona.daemon.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MultipartFormWriterTest {
    @Test
    void framesPartsWithTheFixedBoundaryHeadersAndLengths() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MultipartFormWriter writer = new MultipartFormWriter(out);
        writer.startPart("file", "dir/a.txt", "text/plain", 5);
        writer.body().write("hello".getBytes(StandardCharsets.UTF_8));
        writer.part("error", "missing.txt", "application/json; charset=utf-8", "{}".getBytes(StandardCharsets.UTF_8));
        writer.finish();
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo(
                "--DAYTONA-FILE-BOUNDARY\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"dir/a.txt\"\r\n"
                + "Content-Type: text/plain\r\n"
                + "Content-Length: 5\r\n"
                + "\r\n"
                + "hello\r\n"
                + "--DAYTONA-FILE-BOUNDARY\r\n"
                + "Content-Disposition: form-data; name=\"error\"; filename=\"missing.txt\"\r\n"
                + "Content-Type: application/json; charset=utf-8\r\n"
                + "Content-Length: 2\r\n"
                + "\r\n"
                + "{}\r\n"
                + "--DAYTONA-FILE-BOUNDARY--\r\n");
        assertThat(MultipartFormWriter.CONTENT_TYPE).isEqualTo("multipart/form-data; boundary=DAYTONA-FILE-BOUNDARY");
    }

    @Test
    void escapesQuotesAndAddsAnRfc5987NameForAnythingButPrintableAscii() {
        assertThat(MultipartFormWriter.fileNameParameters("/tmp/a \"b\"\\c.txt")).isEqualTo("filename=\"/tmp/a \\\"b\\\"\\\\c.txt\"");
        assertThat(MultipartFormWriter.fileNameParameters("café.txt"))
                .isEqualTo("filename=\"café.txt\"; filename*=utf-8''caf%C3%A9.txt");
        assertThat(MultipartFormWriter.fileNameParameters("日本/ü.txt"))
                .isEqualTo("filename=\"??/ü.txt\"; filename*=utf-8''%E6%97%A5%E6%9C%AC%2F%C3%BC.txt");
        assertThat(MultipartFormWriter.fileNameParameters("line\nbreak"))
                .isEqualTo("filename=\"line?break\"; filename*=utf-8''line%0Abreak");
    }

    @Test
    void anEmptyBodyIsJustTheClosingDelimiter() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MultipartFormWriter(out).finish();
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("--DAYTONA-FILE-BOUNDARY--\r\n");
    }
}
