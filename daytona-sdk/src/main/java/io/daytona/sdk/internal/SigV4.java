package io.daytona.sdk.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** AWS Signature Version 4 for S3 requests, as the S3 API documents it. */
public final class SigV4 {
    /** The payload hash of a request whose body is not signed. */
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private SigV4() {}

    /**
     * The {@code Authorization} header value of a request.
     *
     * @param method the HTTP method
     * @param uri the request's URI
     * @param headers every header to sign (including {@code host}, {@code x-amz-date} and
     *                {@code x-amz-content-sha256}), by name
     * @param payloadHash the hex SHA-256 of the body, or {@link #UNSIGNED_PAYLOAD}
     * @param accessKey the access key ID
     * @param secretKey the secret access key
     * @param region the region, e.g. {@code us-east-1}
     * @param amzDate the request time as {@code yyyyMMdd'T'HHmmss'Z'}
     * @return the header value, {@code AWS4-HMAC-SHA256 Credential=...}
     */
    public static String authorization(String method, URI uri, Map<String, String> headers, String payloadHash,
                                       String accessKey, String secretKey, String region, String amzDate) {
        TreeMap<String, String> signed = new TreeMap<>();
        headers.forEach((name, value) -> signed.put(name.toLowerCase(java.util.Locale.ROOT), value.strip()));
        String signedHeaders = String.join(";", signed.keySet());
        String canonicalHeaders = signed.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue() + "\n").collect(Collectors.joining());
        String canonicalRequest = String.join("\n", method, canonicalPath(uri), canonicalQuery(uri), canonicalHeaders, signedHeaders, payloadHash);
        String date = amzDate.substring(0, 8);
        String scope = date + "/" + region + "/s3/aws4_request";
        String stringToSign = String.join("\n", "AWS4-HMAC-SHA256", amzDate, scope, hex(sha256(canonicalRequest)));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, "s3");
        key = hmac(key, "aws4_request");
        String signature = hex(hmac(key, stringToSign));
        return "AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature;
    }

    private static String canonicalPath(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            if (!out.isEmpty() || path.startsWith("/")) {
                out.append('/');
            }
            out.append(encode(java.net.URLDecoder.decode(segment, StandardCharsets.UTF_8)));
        }
        return out.substring(path.startsWith("/") ? 1 : 0).isEmpty() ? "/" : out.toString().replaceFirst("^//", "/");
    }

    private static String canonicalQuery(URI uri) {
        String query = uri.getRawQuery();
        if (query == null || query.isEmpty()) {
            return "";
        }
        TreeMap<String, String> parameters = new TreeMap<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = java.net.URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.put(encode(name), encode(value));
        }
        return parameters.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
    }

    /**
     * RFC 3986 encoding: everything but letters, digits and {@code -_.~}.
     *
     * @param value the text
     * @return the text, encoded
     */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    /**
     * The SHA-256 digest of a text.
     *
     * @param text the text, hashed as UTF-8
     * @return the digest
     */
    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Lower-case hexadecimal.
     *
     * @param bytes the bytes
     * @return two digits per byte
     */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
