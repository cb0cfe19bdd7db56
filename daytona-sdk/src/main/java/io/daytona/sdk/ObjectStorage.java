package io.daytona.sdk;

import io.daytona.model.storage.StorageAccess;
import io.daytona.sdk.internal.ContextUpload;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * An S3-compatible object store to which build contexts (the local files of an {@link Image})
 * are uploaded before a build: each as an uncompressed tar at
 * {@code {organizationId}/{hash}/context.tar}, skipped when an identical context is there already.
 * {@link SnapshotService#processImageContext(Image)} does this with the credentials of
 * {@code GET /object-storage/push-access}, so most programs never use this class directly.
 *
 * <pre>{@code
 * try (ObjectStorage storage = ObjectStorage.of(pushAccess)) {
 *     String hash = storage.upload(Path.of("app"), pushAccess.organizationId());
 * }
 * }</pre>
 *
 * <p>Thread-safe. Requests are signed with AWS Signature Version 4, path-style.
 */
public final class ObjectStorage implements AutoCloseable {
    /** The bucket used when none is given, as in the official SDKs. */
    public static final String DEFAULT_BUCKET = "daytona-volume-builds";

    private final String endpointUrl;
    private final String bucketName;
    private final HttpClient http;
    private final ContextUpload upload;

    /**
     * Creates a client of the store at {@code endpointUrl}.
     *
     * @param endpointUrl the store's endpoint, e.g. {@code http://localhost:3000/s3}
     * @param accessKeyId the access key ID
     * @param secretAccessKey the secret access key
     * @param sessionToken the session token of temporary credentials, or null
     * @param bucketName the bucket; null for {@value #DEFAULT_BUCKET}
     */
    public ObjectStorage(String endpointUrl, String accessKeyId, String secretAccessKey, String sessionToken, String bucketName) {
        this.endpointUrl = Objects.requireNonNull(endpointUrl, "endpointUrl is null");
        this.bucketName = bucketName == null || bucketName.isBlank() ? DEFAULT_BUCKET : bucketName;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30)).build();
        this.upload = new ContextUpload(http, new ContextUpload.Credentials(endpointUrl,
                Objects.requireNonNull(accessKeyId, "accessKeyId is null"),
                Objects.requireNonNull(secretAccessKey, "secretAccessKey is null"), sessionToken, this.bucketName));
    }

    /**
     * Creates a client of the store described by {@code GET /object-storage/push-access}.
     *
     * @param access the server's answer: endpoint, temporary credentials and bucket
     * @return a client that must be closed
     */
    public static ObjectStorage of(StorageAccess access) {
        Objects.requireNonNull(access, "access is null");
        return new ObjectStorage(access.storageUrl(), access.accessKey(), access.secret(), access.sessionToken(), access.bucket());
    }

    /**
     * Returns the store's endpoint.
     *
     * @return the endpoint URL given at creation
     */
    public String endpointUrl() {
        return endpointUrl;
    }

    /**
     * Returns the bucket uploads go to.
     *
     * @return the bucket name
     */
    public String bucketName() {
        return bucketName;
    }

    /**
     * Uploads a file or directory under the archive path {@link #computeArchiveBasePath(Path)} gives it.
     *
     * @param path the local file or directory
     * @param organizationId the organization whose prefix it goes under
     * @return the content hash the build names the context by
     * @throws DaytonaException if the path does not exist or the upload fails
     */
    public String upload(Path path, String organizationId) {
        return upload(path, organizationId, null);
    }

    /**
     * Uploads a file or directory; the hash covers {@code archiveBasePath}, the names of the files
     * below it and their contents, so the same content uploaded twice is stored once.
     *
     * @param path the local file or directory
     * @param organizationId the organization whose prefix it goes under
     * @param archiveBasePath the path of {@code path} inside the tar, which the Dockerfile's
     *     {@code COPY} names; null for {@link #computeArchiveBasePath(Path)}
     * @return the content hash the build names the context by
     * @throws DaytonaException if the path does not exist or the upload fails
     */
    public String upload(Path path, String organizationId, String archiveBasePath) {
        Objects.requireNonNull(path, "path is null");
        Objects.requireNonNull(organizationId, "organizationId is null");
        if (!Files.exists(path)) {
            throw new DaytonaException("Failed to upload build context: path does not exist: " + path);
        }
        Path source = path.toAbsolutePath().normalize();
        return upload.upload(source, organizationId, archiveBasePath == null ? computeArchiveBasePath(source) : archiveBasePath);
    }

    /**
     * Returns the archive path of a local path: normalized, without its root (leading slash or
     * drive), e.g. {@code /home/me/app} gives {@code home/me/app}.
     *
     * @param path a local path; relative paths stay relative
     * @return the path as it appears inside a context archive and in {@code COPY}
     */
    public static String computeArchiveBasePath(Path path) {
        Path normalized = path.normalize();
        Path root = normalized.getRoot();
        String text = root == null ? normalized.toString() : root.relativize(normalized).toString();
        return text.replace('\\', '/').replaceFirst("^/+", "");
    }

    /** Releases the HTTP client. Idempotent. */
    @Override
    public void close() {
        http.close();
    }
}
