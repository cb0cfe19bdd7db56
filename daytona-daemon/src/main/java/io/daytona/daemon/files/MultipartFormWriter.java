package io.daytona.daemon.files;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a {@code multipart/form-data} body part by part onto a stream, for the bulk download.
 * The framing is RFC 7578's: each part opens with {@code --BOUNDARY}, carries its headers in
 * ISO-8859-1, a blank line and its bytes; the body ends with {@code --BOUNDARY--}. The boundary is
 * the fixed one the upstream daemon uses. A file name outside printable ASCII is also sent as
 * RFC 5987 {@code filename*}, which the SDKs' parser (busboy) prefers over {@code filename}.
 */
final class MultipartFormWriter {
    static final String BOUNDARY = "DAYTONA-FILE-BOUNDARY";
    static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;
    private static final String ATTRIBUTE_CHARACTERS = "!#$&+-.^_`|~";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final OutputStream out;
    private boolean started;

    MultipartFormWriter(OutputStream out) {
        this.out = requireNonNull(out, "out is null");
    }

    /** Starts a part; its {@code length} bytes must follow on {@link #body()} before the next part. */
    void startPart(String field, String fileName, String contentType, long length) throws IOException {
        String headers = (started ? "\r\n--" : "--") + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"" + field + "\"; " + fileNameParameters(fileName) + "\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Content-Length: " + length + "\r\n"
                + "\r\n";
        out.write(headers.getBytes(StandardCharsets.ISO_8859_1));
        started = true;
    }

    /** A whole small part at once. */
    void part(String field, String fileName, String contentType, byte[] content) throws IOException {
        startPart(field, fileName, contentType, content.length);
        out.write(content);
    }

    /** Where the current part's bytes go. */
    OutputStream body() {
        return out;
    }

    /** Writes the closing delimiter; the stream stays open. */
    void finish() throws IOException {
        out.write(((started ? "\r\n--" : "--") + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** {@code filename="..."} and, when the name is not all printable ASCII, {@code filename*=utf-8''...}. */
    static String fileNameParameters(String fileName) {
        StringBuilder quoted = new StringBuilder(fileName.length() + 2).append('"');
        boolean plain = true;
        for (int i = 0; i < fileName.length(); i++) {
            char c = fileName.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                quoted.append(c);
            } else {
                plain = false;
                // ISO-8859-1 letters survive in the quoted form; anything else cannot be written there.
                quoted.append(c >= 0xa0 && c <= 0xff ? c : '?');
            }
        }
        quoted.append('"');
        String parameters = "filename=" + quoted;
        return plain ? parameters : parameters + "; filename*=utf-8''" + percentEncode(fileName);
    }

    private static String percentEncode(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || ATTRIBUTE_CHARACTERS.indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return encoded.toString();
    }
}
