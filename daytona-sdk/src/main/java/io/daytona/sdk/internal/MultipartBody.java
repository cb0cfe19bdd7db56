package io.daytona.sdk.internal;

import java.io.FileNotFoundException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A {@code multipart/form-data} request body (RFC 7578) assembled from parts without reading them
 * into memory: each part's headers are a small byte array and its content is a
 * {@link BodyPublisher} of its own, and the parts are joined with {@link BodyPublishers#concat}.
 * When every part has a known length (bytes, files) the body has a {@code Content-Length};
 * otherwise (a stream) it is sent chunked. Not thread-safe while being built.
 *
 * <pre>{@code
 * MultipartBody body = new MultipartBody()
 *         .text("files[0].path", "/home/daytona/a.txt")
 *         .file("files[0].file", "/home/daytona/a.txt", Path.of("a.txt"));
 * HttpRequest.newBuilder(uri).header("Content-Type", body.contentType()).POST(body.publisher());
 * }</pre>
 */
public final class MultipartBody {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String FILE_CONTENT_TYPE = "application/octet-stream";

    private final String boundary;
    private final List<BodyPublisher> publishers = new ArrayList<>();
    private int parts;

    /** Starts an empty body with a random boundary. */
    public MultipartBody() {
        this(randomBoundary());
    }

    /**
     * Starts an empty body with {@code boundary}, which must not occur in any part.
     *
     * @param boundary the part boundary
     * @throws IllegalArgumentException if the boundary is empty, longer than 70 characters, or
     *     holds characters RFC 2046 does not allow unquoted
     */
    public MultipartBody(String boundary) {
        Objects.requireNonNull(boundary, "boundary is null");
        if (!boundary.matches("[0-9A-Za-z'()+_,\\-./:=?]{1,70}")) {
            throw new IllegalArgumentException("invalid multipart boundary: '" + boundary + "'");
        }
        this.boundary = boundary;
    }

    /** {@return the value of the request's {@code Content-Type} header, naming the boundary} */
    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** {@return the boundary} */
    public String boundary() {
        return boundary;
    }

    /** {@return how many parts were added} */
    public int size() {
        return parts;
    }

    /**
     * Adds a text field {@code name} holding {@code value} in UTF-8.
     *
     * @param name the field name
     * @param value the text
     * @return this body
     */
    public MultipartBody text(String name, String value) {
        Objects.requireNonNull(value, "value is null");
        addPart(name, null, null, BodyPublishers.ofByteArray(value.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /**
     * Adds a file field {@code name} whose content is {@code content}.
     *
     * @param name the field name
     * @param fileName the file name of the part
     * @param content the part's content
     * @return this body
     */
    public MultipartBody file(String name, String fileName, byte[] content) {
        Objects.requireNonNull(content, "content is null");
        addPart(name, Objects.requireNonNull(fileName, "fileName is null"), FILE_CONTENT_TYPE,
                BodyPublishers.ofByteArray(content));
        return this;
    }

    /**
     * Adds a file field {@code name} whose content is read from {@code localFile} while the
     * request is sent.
     *
     * @param name the field name
     * @param fileName the file name of the part
     * @param localFile the file on this machine
     * @return this body
     * @throws FileNotFoundException if {@code localFile} is not a readable regular file
     */
    public MultipartBody file(String name, String fileName, Path localFile) throws FileNotFoundException {
        Objects.requireNonNull(localFile, "localFile is null");
        if (!Files.isRegularFile(localFile) || !Files.isReadable(localFile)) {
            throw new FileNotFoundException(localFile + " is not a readable regular file");
        }
        addPart(name, Objects.requireNonNull(fileName, "fileName is null"), FILE_CONTENT_TYPE,
                BodyPublishers.ofFile(localFile));
        return this;
    }

    /**
     * Adds a file field {@code name} whose content is read from the stream {@code content}
     * supplies while the request is sent; the stream is closed at its end. This makes the whole
     * body's length unknown, so it is sent chunked.
     *
     * @param name the field name
     * @param fileName the file name of the part
     * @param content the part's content
     * @return this body
     */
    public MultipartBody file(String name, String fileName, Supplier<? extends InputStream> content) {
        Objects.requireNonNull(content, "content is null");
        addPart(name, Objects.requireNonNull(fileName, "fileName is null"), FILE_CONTENT_TYPE,
                BodyPublishers.ofInputStream(content));
        return this;
    }

    /**
     * Returns the publisher of the whole body: every part, then the closing delimiter.
     *
     * @return the publisher of the whole body: every part, then the closing delimiter
     * @throws IllegalStateException if no part was added
     */
    public BodyPublisher publisher() {
        if (parts == 0) {
            throw new IllegalStateException("a multipart body needs at least one part");
        }
        List<BodyPublisher> all = new ArrayList<>(publishers);
        all.add(BodyPublishers.ofByteArray(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII)));
        return BodyPublishers.concat(all.toArray(HttpRequest.BodyPublisher[]::new));
    }

    private void addPart(String name, String fileName, String contentType, BodyPublisher content) {
        Objects.requireNonNull(name, "name is null");
        StringBuilder headers = new StringBuilder();
        headers.append(parts == 0 ? "--" : "\r\n--").append(boundary).append("\r\n");
        headers.append("Content-Disposition: form-data; name=\"").append(escape(name)).append('"');
        if (fileName != null) {
            headers.append("; filename=\"").append(escape(fileName)).append('"');
        }
        headers.append("\r\n");
        if (contentType != null) {
            headers.append("Content-Type: ").append(contentType).append("\r\n");
        }
        headers.append("\r\n");
        // RFC 7578 section 5.1: field and file names may be UTF-8 in the headers of the part.
        publishers.add(BodyPublishers.ofByteArray(headers.toString().getBytes(StandardCharsets.UTF_8)));
        publishers.add(content);
        parts++;
    }

    /**
     * Escapes a quoted parameter as HTML forms do (RFC 7578 section 4.2): {@code "}, CR and LF
     * are percent-encoded, so a name can neither end the quoted string nor the header line.
     */
    static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> escaped.append("%22");
                case '\r' -> escaped.append("%0D");
                case '\n' -> escaped.append("%0A");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static String randomBoundary() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "daytona-" + HexFormat.of().formatHex(bytes);
    }
}
