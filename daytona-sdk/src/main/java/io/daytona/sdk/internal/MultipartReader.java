package io.daytona.sdk.internal;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a {@code multipart/form-data} (or any RFC 2046 multipart) body part by part as it streams
 * in, so a part of any size passes through a fixed buffer. A part's body is an
 * {@link InputStream} that ends at the next delimiter; moving to the next part skips whatever of
 * it was not read. A body that ends before its closing delimiter is an {@link EOFException}, so a
 * truncated transfer is never taken for a whole one. Not thread-safe.
 */
public final class MultipartReader implements Closeable {
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buffer;
    private int position;
    private int limit;
    private boolean endOfInput;
    private PartStream current;
    private boolean finished;

    /**
     * Reads {@code in}, whose parts are separated by {@code boundary}.
     *
     * @param in the response body
     * @param boundary the boundary of its {@code Content-Type}
     * @throws IllegalArgumentException if {@code boundary} is empty
     */
    public MultipartReader(InputStream in, String boundary) {
        this.in = Objects.requireNonNull(in, "in is null");
        Objects.requireNonNull(boundary, "boundary is null");
        if (boundary.isEmpty()) {
            throw new IllegalArgumentException("boundary is empty");
        }
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buffer = new byte[Math.max(BUFFER_SIZE, delimiter.length * 4)];
        // The first delimiter need not follow a line break; pretending one came first lets the
        // preamble be skipped like any part body.
        buffer[0] = '\r';
        buffer[1] = '\n';
        limit = 2;
    }

    /**
     * Returns the boundary parameter of a {@code Content-Type} header value, e.g. {@code XYZ} of
     * {@code multipart/form-data; boundary="XYZ"}, or empty if it is not a multipart type or has none.
     *
     * @param contentType a {@code Content-Type} header value
     * @return the boundary, or empty
     */
    public static Optional<String> boundaryOf(String contentType) {
        if (contentType == null || !contentType.strip().toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return Optional.empty();
        }
        String value = HeaderParameters.parse(contentType).get("boundary");
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /**
     * Advances to the next part, skipping the rest of the current one.
     *
     * @return the next part, or empty after the closing delimiter
     * @throws EOFException if the body ends before its closing delimiter
     * @throws IOException if reading fails or a part's headers are malformed
     */
    public Optional<Part> next() throws IOException {
        if (finished) {
            return Optional.empty();
        }
        if (current == null) {
            // Skip the preamble up to and including the first delimiter.
            current = new PartStream();
        }
        current.skipToEnd();
        if (startsWith("--")) {
            finished = true;
            return Optional.empty();
        }
        skipTransportPadding();
        Map<String, String> headers = readHeaders();
        current = new PartStream();
        return Optional.of(new Part(headers, current));
    }

    /** Closes the underlying stream. */
    @Override
    public void close() throws IOException {
        in.close();
    }

    /** After a delimiter: tells whether {@code text} follows, consuming it if so. */
    private boolean startsWith(String text) throws IOException {
        byte[] expected = text.getBytes(StandardCharsets.ISO_8859_1);
        fill(expected.length);
        if (limit - position < expected.length) {
            throw new EOFException("the multipart body ended right after a delimiter");
        }
        for (int i = 0; i < expected.length; i++) {
            if (buffer[position + i] != expected[i]) {
                return false;
            }
        }
        position += expected.length;
        return true;
    }

    /** Skips the optional whitespace after a delimiter and the line break ending it. */
    private void skipTransportPadding() throws IOException {
        while (true) {
            fill(1);
            if (position == limit) {
                throw new EOFException("the multipart body ended inside a delimiter line");
            }
            byte b = buffer[position];
            if (b == ' ' || b == '\t') {
                position++;
                continue;
            }
            if (!startsWith("\r\n")) {
                throw new IOException("malformed multipart body: a delimiter is not followed by a line break");
            }
            return;
        }
    }

    /** Reads header lines up to the empty line; names are lower-cased, later duplicates win. */
    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        int total = 0;
        while (true) {
            String line = readLine();
            total += line.length() + 2;
            if (total > MAX_HEADER_BYTES) {
                throw new IOException("malformed multipart body: the headers of a part exceed " + MAX_HEADER_BYTES + " bytes");
            }
            if (line.isEmpty()) {
                return Collections.unmodifiableMap(headers);
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed multipart body: header line without a name: '" + line + "'");
            }
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            fill(2);
            if (limit - position < 2) {
                throw new EOFException("the multipart body ended inside the headers of a part");
            }
            if (buffer[position] == '\r' && buffer[position + 1] == '\n') {
                position += 2;
                return line.toString();
            }
            line.append((char) (buffer[position++] & 0xff));
            if (line.length() > MAX_HEADER_BYTES) {
                throw new IOException("malformed multipart body: a header line exceeds " + MAX_HEADER_BYTES + " bytes");
            }
        }
    }

    /** Reads until at least {@code wanted} bytes are buffered or the input ends. */
    private void fill(int wanted) throws IOException {
        if (limit - position >= wanted || endOfInput) {
            return;
        }
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        while (limit - position < wanted && !endOfInput) {
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                endOfInput = true;
            } else {
                limit += read;
            }
        }
    }

    /** The index of the delimiter in the buffered bytes, or -1. */
    private int indexOfDelimiter() {
        byte first = delimiter[0];
        int last = limit - delimiter.length;
        outer:
        for (int i = position; i <= last; i++) {
            if (buffer[i] != first) {
                continue;
            }
            for (int j = 1; j < delimiter.length; j++) {
                if (buffer[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * One part: its headers and its body.
     *
     * @param headers the part's headers, names lower-cased, values as sent (ISO-8859-1)
     * @param body the part's bytes; ends at the next delimiter and is valid until {@link #next()}
     */
    public record Part(Map<String, String> headers, InputStream body) {
        /**
         * Checks the components and copies the mutable ones.
         *
         * @param headers the part's headers, names lower-cased, values as sent (ISO-8859-1)
         * @param body the part's bytes; ends at the next delimiter and is valid until {@link #next()}
         */
        public Part {
            headers = Map.copyOf(headers);
            Objects.requireNonNull(body, "body is null");
        }

        /**
         * Returns a header's value, or null; the name is matched case-insensitively.
         *
         * @param name the header name, lower-case
         * @return a header's value, or null
         */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** {@return the {@code name} parameter of {@code Content-Disposition}, or null} */
        public String name() {
            return disposition().get("name");
        }

        /**
         * Returns the file name of {@code Content-Disposition}: its RFC 5987 {@code filename*} if
         * present and decodable, else its {@code filename}, else null.
         *
         * @return the file name of {@code Content-Disposition}: its RFC 5987 {@code filename*} if present and decodable, else its {@code filename}, else null
         */
        public String fileName() {
            Map<String, String> parameters = disposition();
            String extended = parameters.get("filename*");
            if (extended != null) {
                String decoded = HeaderParameters.decodeExtended(extended);
                if (decoded != null) {
                    return decoded;
                }
            }
            return parameters.get("filename");
        }

        private Map<String, String> disposition() {
            String value = header("content-disposition");
            return value == null ? Map.of() : HeaderParameters.parse(value);
        }
    }

    /** The body of the current part: the bytes up to the next delimiter, which it consumes. */
    private final class PartStream extends InputStream {
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int read = read(one, 0, 1);
            return read < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, target.length);
            if (ended || current != this) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            while (true) {
                fill(delimiter.length);
                int found = indexOfDelimiter();
                if (found == position) {
                    position += delimiter.length;
                    ended = true;
                    return -1;
                }
                int available;
                if (found >= 0) {
                    available = found - position;
                } else if (endOfInput) {
                    throw new EOFException("the multipart body ended before its closing delimiter");
                } else {
                    // The last bytes could start a delimiter; keep them until more arrive.
                    available = limit - position - (delimiter.length - 1);
                }
                if (available <= 0) {
                    fill(limit - position + 1);
                    continue;
                }
                int count = Math.min(length, available);
                System.arraycopy(buffer, position, target, offset, count);
                position += count;
                return count;
            }
        }

        void skipToEnd() throws IOException {
            byte[] scratch = new byte[8192];
            while (read(scratch, 0, scratch.length) >= 0) {
                // discard
            }
        }

        /** Skips the rest of the part; the reader moves on at {@link MultipartReader#next()}. */
        @Override
        public void close() {
            // Nothing to release: the reader owns the underlying stream.
        }
    }

    /** Parsing of {@code type; name=value; name="quoted"} header values. */
    static final class HeaderParameters {
        private HeaderParameters() {}

        /** The parameters after the first {@code ;}, names lower-cased, quoted values unescaped. */
        static Map<String, String> parse(String headerValue) {
            Map<String, String> parameters = new LinkedHashMap<>();
            int i = headerValue.indexOf(';');
            if (i < 0) {
                return parameters;
            }
            i++;
            int length = headerValue.length();
            while (i < length) {
                while (i < length && (headerValue.charAt(i) == ' ' || headerValue.charAt(i) == '\t' || headerValue.charAt(i) == ';')) {
                    i++;
                }
                int nameStart = i;
                while (i < length && headerValue.charAt(i) != '=' && headerValue.charAt(i) != ';') {
                    i++;
                }
                String name = headerValue.substring(nameStart, i).strip().toLowerCase(Locale.ROOT);
                if (i >= length || headerValue.charAt(i) == ';') {
                    if (!name.isEmpty()) {
                        parameters.put(name, "");
                    }
                    continue;
                }
                i++; // '='
                while (i < length && (headerValue.charAt(i) == ' ' || headerValue.charAt(i) == '\t')) {
                    i++;
                }
                StringBuilder value = new StringBuilder();
                if (i < length && headerValue.charAt(i) == '"') {
                    i++;
                    while (i < length && headerValue.charAt(i) != '"') {
                        char c = headerValue.charAt(i);
                        if (c == '\\' && i + 1 < length) {
                            i++;
                            c = headerValue.charAt(i);
                        }
                        value.append(c);
                        i++;
                    }
                    i++; // closing quote
                    while (i < length && headerValue.charAt(i) != ';') {
                        i++;
                    }
                } else {
                    while (i < length && headerValue.charAt(i) != ';') {
                        value.append(headerValue.charAt(i));
                        i++;
                    }
                }
                if (!name.isEmpty()) {
                    parameters.put(name, name.endsWith("*") ? value.toString().strip() : value.toString().stripTrailing());
                }
            }
            return parameters;
        }

        /** Decodes an RFC 5987 value {@code charset'language'percent-encoded}, or returns null. */
        static String decodeExtended(String value) {
            int first = value.indexOf('\'');
            int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
            if (second < 0) {
                return null;
            }
            try {
                Charset charset = Charset.forName(value.substring(0, first));
                // URLDecoder would turn '+' into a space, which RFC 5987 does not.
                return URLDecoder.decode(value.substring(second + 1).replace("+", "%2B"), charset);
            } catch (IllegalArgumentException e) {
                // An unknown charset (IllegalCharsetNameException, UnsupportedCharsetException) or bad escapes.
                return null;
            }
        }
    }
}
