package io.daytona.controlplane.storage;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subset of the S3 API that SDKs use to upload build contexts, served on the API port under
 * {@code /{bucket}/…} (path-style): ListObjectsV2, PutObject (plain or {@code aws-chunked}),
 * multipart upload (create, upload part, complete, abort), GetObject, HeadObject, DeleteObject.
 * A request must carry a session token from {@code /api/object-storage/push-access} with its
 * access key, and may only touch keys under that token's organization.
 */
public final class S3Endpoint extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(S3Endpoint.class);
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/");
    private static final Pattern PART = Pattern.compile("<PartNumber>(\\d+)</PartNumber>");

    private final ObjectStore store;
    private final PushAccess access;
    private final Path uploads;
    private final java.util.Map<String, String> uploadKeys = new ConcurrentHashMap<>();

    public S3Endpoint(ObjectStore store, PushAccess access, Path uploads) {
        this.store = requireNonNull(store, "store is null");
        this.access = requireNonNull(access, "access is null");
        this.uploads = requireNonNull(uploads, "uploads is null").toAbsolutePath();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        String prefix = "/" + store.bucket();
        if (!path.equals(prefix) && !path.startsWith(prefix + "/")) {
            return false;
        }
        String key = path.length() <= prefix.length() + 1 ? "" : path.substring(prefix.length() + 1);
        Fields query = Request.extractQueryParameters(request);
        try {
            Optional<PushAccess.Grant> grant = access.check(token(request, query), accessKey(request, query));
            if (grant.isEmpty()) {
                error(response, callback, 403, "AccessDenied", "Missing, wrong or expired credentials; get new ones from GET /api/object-storage/push-access");
                return true;
            }
            String scope = grant.get().organizationId() + "/";
            if (key.isEmpty()) {
                list(request, response, callback, query, scope);
            } else if (!key.startsWith(scope)) {
                error(response, callback, 403, "AccessDenied", "These credentials allow keys under " + scope + " only");
            } else {
                object(request, response, callback, query, key);
            }
        } catch (IllegalArgumentException e) {
            error(response, callback, 400, "InvalidArgument", e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.warn("object storage request {} {} failed", request.getMethod(), path, e);
            if (!response.isCommitted()) {
                error(response, callback, 500, "InternalError", e.getMessage());
            } else {
                callback.failed(e);
            }
        }
        return true;
    }

    private void list(Request request, Response response, Callback callback, Fields query, String scope) throws IOException {
        if (!request.getMethod().equals("GET")) {
            error(response, callback, 405, "MethodNotAllowed", "Only ListObjectsV2 (GET) is served on the bucket");
            return;
        }
        String prefix = Optional.ofNullable(query.getValue("prefix")).orElse("");
        if (!prefix.startsWith(scope)) {
            error(response, callback, 403, "AccessDenied", "These credentials list keys under " + scope + " only");
            return;
        }
        int maxKeys = Optional.ofNullable(query.getValue("max-keys")).map(Integer::parseInt).orElse(1000);
        List<ObjectStore.ObjectInfo> objects = store.list(prefix, maxKeys + 1);
        boolean truncated = objects.size() > maxKeys;
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">")
                .append("<Name>").append(escape(store.bucket())).append("</Name>")
                .append("<Prefix>").append(escape(prefix)).append("</Prefix>")
                .append("<KeyCount>").append(Math.min(objects.size(), maxKeys)).append("</KeyCount>")
                .append("<MaxKeys>").append(maxKeys).append("</MaxKeys>")
                .append("<IsTruncated>").append(truncated).append("</IsTruncated>");
        for (ObjectStore.ObjectInfo object : objects.subList(0, Math.min(objects.size(), maxKeys))) {
            xml.append("<Contents><Key>").append(escape(object.key())).append("</Key>")
                    .append("<LastModified>").append(DateTimeFormatter.ISO_INSTANT.format(object.lastModified())).append("</LastModified>")
                    .append("<ETag>\"").append(etag(object)).append("\"</ETag>")
                    .append("<Size>").append(object.size()).append("</Size>")
                    .append("<StorageClass>STANDARD</StorageClass></Contents>");
        }
        xml.append("</ListBucketResult>");
        xml(response, callback, 200, xml.toString());
    }

    private void object(Request request, Response response, Callback callback, Fields query, String key) throws IOException {
        String uploadId = query.getValue("uploadId");
        switch (request.getMethod()) {
            case "PUT" -> {
                if (uploadId != null) {
                    uploadPart(request, response, callback, key, uploadId, query.getValue("partNumber"));
                } else {
                    store.put(key, body(request));
                    response.getHeaders().put(HttpHeader.ETAG, "\"" + UUID.randomUUID().toString().replace("-", "") + "\"");
                    empty(response, callback, 200);
                }
            }
            case "POST" -> {
                if (query.get("uploads") != null) {
                    String id = UUID.randomUUID().toString().replace("-", "");
                    uploadKeys.put(id, key);
                    Files.createDirectories(uploads.resolve(id));
                    xml(response, callback, 200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<InitiateMultipartUploadResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                            + "<Bucket>" + escape(store.bucket()) + "</Bucket><Key>" + escape(key) + "</Key><UploadId>" + id
                            + "</UploadId></InitiateMultipartUploadResult>");
                } else if (uploadId != null) {
                    complete(request, response, callback, key, uploadId);
                } else {
                    error(response, callback, 400, "InvalidRequest", "POST on an object needs ?uploads or ?uploadId");
                }
            }
            case "GET", "HEAD" -> {
                Optional<Path> file = store.get(key);
                if (file.isEmpty()) {
                    error(response, callback, 404, "NoSuchKey", "The specified key does not exist.");
                    return;
                }
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, Files.size(file.get()));
                try (OutputStream out = Content.Sink.asOutputStream(response)) {
                    if (request.getMethod().equals("GET")) {
                        Files.copy(file.get(), out);
                    }
                }
                callback.succeeded();
            }
            case "DELETE" -> {
                if (uploadId != null) {
                    abort(uploadId);
                } else {
                    store.delete(key);
                }
                empty(response, callback, 204);
            }
            default -> error(response, callback, 405, "MethodNotAllowed", request.getMethod() + " is not supported");
        }
    }

    private void uploadPart(Request request, Response response, Callback callback, String key, String uploadId, String partNumber) throws IOException {
        Path directory = upload(key, uploadId);
        int number = Integer.parseInt(requireNonNull(partNumber, "partNumber is required"));
        if (number < 1 || number > 10000) {
            throw new IllegalArgumentException("partNumber must be from 1 to 10000");
        }
        try (InputStream in = body(request)) {
            Files.copy(in, directory.resolve(String.format("%05d", number)), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        response.getHeaders().put(HttpHeader.ETAG, "\"part-" + number + "\"");
        empty(response, callback, 200);
    }

    private void complete(Request request, Response response, Callback callback, String key, String uploadId) throws IOException {
        Path directory = upload(key, uploadId);
        String body = new String(Content.Source.asInputStream(request).readAllBytes(), StandardCharsets.UTF_8);
        List<Path> parts = new ArrayList<>();
        Matcher matcher = PART.matcher(body);
        while (matcher.find()) {
            Path part = directory.resolve(String.format("%05d", Integer.parseInt(matcher.group(1))));
            if (!Files.exists(part)) {
                error(response, callback, 400, "InvalidPart", "Part " + matcher.group(1) + " was not uploaded");
                return;
            }
            parts.add(part);
        }
        parts.sort(Comparator.naturalOrder());
        List<InputStream> streams = new ArrayList<>();
        try {
            for (Path part : parts) {
                streams.add(Files.newInputStream(part));
            }
            store.put(key, new SequenceInputStream(Collections.enumeration(streams)));
        } finally {
            for (InputStream stream : streams) {
                stream.close();
            }
        }
        abort(uploadId);
        xml(response, callback, 200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CompleteMultipartUploadResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<Bucket>" + escape(store.bucket()) + "</Bucket><Key>" + escape(key) + "</Key><ETag>\"" + uploadId + "-" + parts.size()
                + "\"</ETag></CompleteMultipartUploadResult>");
    }

    private Path upload(String key, String uploadId) {
        if (!key.equals(uploadKeys.get(uploadId))) {
            throw new IllegalArgumentException("NoSuchUpload: upload " + uploadId + " is not an upload of " + key);
        }
        return uploads.resolve(uploadId);
    }

    private void abort(String uploadId) throws IOException {
        uploadKeys.remove(uploadId);
        Path directory = uploads.resolve(uploadId).normalize();
        if (directory.getParent().equals(uploads) && Files.isDirectory(directory)) {
            try (var files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(directory);
        }
    }

    private static InputStream body(Request request) {
        InputStream in = Content.Source.asInputStream(request);
        String sha = request.getHeaders().get("x-amz-content-sha256");
        String encoding = request.getHeaders().get(HttpHeader.CONTENT_ENCODING);
        boolean chunked = (sha != null && sha.startsWith("STREAMING-")) || (encoding != null && encoding.contains("aws-chunked"));
        return chunked ? new AwsChunkedInputStream(in) : in;
    }

    private static String token(Request request, Fields query) {
        String header = request.getHeaders().get("x-amz-security-token");
        return header != null ? header : query.getValue("X-Amz-Security-Token");
    }

    private static String accessKey(Request request, Fields query) {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        String credential = authorization != null ? authorization : query.getValue("X-Amz-Credential");
        if (credential == null) {
            return null;
        }
        Matcher matcher = CREDENTIAL.matcher(authorization != null ? authorization : "Credential=" + credential);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static String etag(ObjectStore.ObjectInfo object) {
        return Integer.toHexString((object.key() + object.size() + object.lastModified()).hashCode());
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void error(Response response, Callback callback, int status, String code, String message) throws IOException {
        xml(response, callback, status, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                + escape(String.valueOf(message)) + "</Message></Error>");
    }

    private static void xml(Response response, Callback callback, int status, String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/xml");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            out.write(bytes);
        }
        callback.succeeded();
    }

    private static void empty(Response response, Callback callback, int status) throws IOException {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
        Content.Sink.asOutputStream(response).close();
        callback.succeeded();
    }
}
