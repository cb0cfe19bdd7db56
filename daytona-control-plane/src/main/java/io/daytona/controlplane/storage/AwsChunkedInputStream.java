package io.daytona.controlplane.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decodes S3's {@code aws-chunked} upload encoding: {@code <hex size>[;chunk-signature=...]\r\n
 * <data>\r\n}, repeated, ended by a zero-size chunk and optional trailers (checksums).
 */
final class AwsChunkedInputStream extends InputStream {
    private final InputStream in;
    private long remaining;
    private boolean done;

    AwsChunkedInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (done) {
            return -1;
        }
        if (remaining == 0) {
            if (!nextChunk()) {
                return -1;
            }
        }
        int n = in.read(buffer, offset, (int) Math.min(length, remaining));
        if (n < 0) {
            throw new IOException("aws-chunked body ended inside a chunk");
        }
        remaining -= n;
        if (remaining == 0) {
            expectCrLf();
        }
        return n;
    }

    private boolean nextChunk() throws IOException {
        String header = line();
        int semicolon = header.indexOf(';');
        String size = (semicolon < 0 ? header : header.substring(0, semicolon)).strip();
        try {
            remaining = Long.parseLong(size, 16);
        } catch (NumberFormatException e) {
            throw new IOException("malformed aws-chunked chunk header: " + header);
        }
        if (remaining == 0) {
            // trailers (e.g. x-amz-checksum-crc32) up to an empty line or the end
            String trailer;
            do {
                trailer = lineOrEnd();
            } while (trailer != null && !trailer.isEmpty());
            done = true;
            return false;
        }
        return true;
    }

    private void expectCrLf() throws IOException {
        if (in.read() != '\r' || in.read() != '\n') {
            throw new IOException("malformed aws-chunked body: a chunk does not end with CRLF");
        }
    }

    private String line() throws IOException {
        String line = lineOrEnd();
        if (line == null) {
            throw new IOException("aws-chunked body ended before its last chunk");
        }
        return line;
    }

    private String lineOrEnd() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                String text = bytes.toString(StandardCharsets.US_ASCII);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            if (bytes.size() > 8192) {
                throw new IOException("aws-chunked line too long");
            }
            bytes.write(c);
        }
        return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.US_ASCII);
    }
}
