package io.daytona.sdk.internal;

import io.daytona.sdk.DaytonaException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Uploads a build context to an S3-compatible store (the one of {@code /object-storage/push-access}),
 * the way the official SDKs do: an uncompressed tar at {@code {organizationId}/{md5}/context.tar},
 * skipped when that prefix already exists. The hash is MD5 over the archive path, then each
 * file's path relative to the context and its content.
 */
public final class ContextUpload {
    private static final Pattern AWS_REGION = Pattern.compile("s3[.-]([a-z0-9-]+)\\.amazonaws\\.com");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final HttpClient http;
    private final Credentials access;

    /**
     * Where and as whom to upload.
     *
     * @param storageUrl the store's endpoint, e.g. {@code http://localhost:3000/s3}
     * @param accessKey the access key ID
     * @param secret the secret access key
     * @param sessionToken the session token of temporary credentials, or null
     * @param bucket the bucket
     */
    public record Credentials(String storageUrl, String accessKey, String secret, String sessionToken, String bucket) {
        /**
         * Checks that the endpoint, keys and bucket are given.
         *
         * @param storageUrl the store's endpoint
         * @param accessKey the access key ID
         * @param secret the secret access key
         * @param sessionToken the session token, or null
         * @param bucket the bucket
         */
        public Credentials {
            java.util.Objects.requireNonNull(storageUrl, "storageUrl is null");
            java.util.Objects.requireNonNull(accessKey, "accessKey is null");
            java.util.Objects.requireNonNull(secret, "secret is null");
            java.util.Objects.requireNonNull(bucket, "bucket is null");
        }
    }

    /**
     * Creates an uploader sending through {@code http}.
     *
     * @param http the HTTP client; not closed by this
     * @param access the store and the credentials
     */
    public ContextUpload(HttpClient http, Credentials access) {
        this.http = java.util.Objects.requireNonNull(http, "http is null");
        this.access = java.util.Objects.requireNonNull(access, "access is null");
    }

    /**
     * Uploads {@code source} (file or directory) as {@code archivePath} under the organization's
     * prefix, unless an identical context is there already.
     *
     * @param source the local file or directory
     * @param organizationId the first segment of the object key
     * @param archivePath the path of {@code source} inside the tar
     * @return the context's hash, which a build names it by
     * @throws DaytonaException if reading or uploading fails
     */
    public String upload(Path source, String organizationId, String archivePath) {
        try {
            String hash = hash(source, archivePath);
            String prefix = organizationId + "/" + hash + "/";
            if (!exists(prefix)) {
                put(prefix + "context.tar", source, archivePath);
            }
            return hash;
        } catch (IOException e) {
            throw new DaytonaException("Failed to upload build context " + source + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DaytonaException("Failed to upload build context " + source + ": interrupted", e);
        }
    }

    static String hash(Path source, String archivePath) throws IOException {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        md5.update(archivePath.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (Files.isRegularFile(source)) {
            digestFile(md5, source);
        } else {
            digestDirectory(md5, source, source);
        }
        return SigV4.hex(md5.digest());
    }

    private static void digestDirectory(MessageDigest md5, Path directory, Path base) throws IOException {
        List<Path> entries;
        try (Stream<Path> list = Files.list(directory)) {
            entries = list.sorted().toList();
        }
        if (entries.stream().noneMatch(p -> Files.isDirectory(p) || Files.isRegularFile(p))) {
            md5.update(base.relativize(directory).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        for (Path entry : entries) {
            if (Files.isDirectory(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                digestDirectory(md5, entry, base);
            } else if (Files.isRegularFile(entry)) {
                md5.update(base.relativize(entry).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digestFile(md5, entry);
            }
        }
    }

    private static void digestFile(MessageDigest md5, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                md5.update(buffer, 0, n);
            }
        }
    }

    private boolean exists(String prefix) throws IOException, InterruptedException {
        URI uri = objectUri("", Map.of("list-type", "2", "max-keys", "1", "prefix", prefix));
        HttpResponse<String> response = http.send(signed("GET", uri, HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("listing " + prefix + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().contains("<Contents>");
    }

    private void put(String key, Path source, String archivePath) throws IOException, InterruptedException {
        // The archive is written into a temporary file first: S3 needs the body's length.
        Path archive = Files.createTempFile("daytona-context-", ".tar");
        try {
            try (TarWriter tar = new TarWriter(Files.newOutputStream(archive))) {
                String root = archivePath.replaceFirst("^/+", "");
                if (Files.isRegularFile(source)) {
                    tar.file(root, source);
                } else {
                    addDirectory(tar, source, root.isEmpty() ? "" : root + "/", source);
                }
            }
            URI uri = objectUri(key, Map.of());
            HttpResponse<String> response = http.send(signed("PUT", uri, HttpRequest.BodyPublishers.ofFile(archive)),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IOException("uploading " + key + " answered " + response.statusCode() + ": " + response.body());
            }
        } finally {
            Files.deleteIfExists(archive);
        }
    }

    private static void addDirectory(TarWriter tar, Path directory, String prefix, Path base) throws IOException {
        if (!prefix.isEmpty()) {
            tar.directory(prefix);
        }
        List<Path> entries;
        try (Stream<Path> list = Files.list(directory)) {
            entries = list.sorted().toList();
        }
        for (Path entry : entries) {
            String name = prefix + entry.getFileName();
            if (Files.isDirectory(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                addDirectory(tar, entry, name + "/", base);
            } else if (Files.isRegularFile(entry)) {
                tar.file(name, entry);
            }
        }
    }

    private URI objectUri(String key, Map<String, String> query) {
        String base = Urls.stripTrailingSlashes(access.storageUrl());
        StringBuilder path = new StringBuilder(base).append('/').append(SigV4.encode(access.bucket()));
        if (!key.isEmpty()) {
            path.append('/');
            path.append(String.join("/", Stream.of(key.split("/")).map(SigV4::encode).toList()));
        }
        if (!query.isEmpty()) {
            path.append('?').append(String.join("&", query.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> SigV4.encode(e.getKey()) + "=" + SigV4.encode(e.getValue())).toList()));
        }
        return URI.create(path.toString());
    }

    private HttpRequest signed(String method, URI uri, HttpRequest.BodyPublisher body) {
        String amzDate = ZonedDateTime.now(ZoneOffset.UTC).format(AMZ_DATE);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort());
        headers.put("x-amz-content-sha256", SigV4.UNSIGNED_PAYLOAD);
        headers.put("x-amz-date", amzDate);
        String token = access.sessionToken() == null ? "" : access.sessionToken();
        if (!token.isEmpty()) {
            headers.put("x-amz-security-token", token);
        }
        String authorization = SigV4.authorization(method, uri, headers, SigV4.UNSIGNED_PAYLOAD,
                access.accessKey(), access.secret(), region(uri), amzDate);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(30)).method(method, body)
                .header("Authorization", authorization);
        headers.forEach((name, value) -> {
            if (!name.equals("host")) {
                request.header(name, value);
            }
        });
        return request.build();
    }

    private static String region(URI uri) {
        Matcher matcher = AWS_REGION.matcher(uri.getHost() == null ? "" : uri.getHost());
        return matcher.find() ? matcher.group(1) : "us-east-1";
    }
}
