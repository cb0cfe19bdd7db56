package io.daytona.daemon.files;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.http.ErrorCode;
import io.daytona.model.error.ErrorResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.MimeTypes;

/**
 * {@code POST /files/bulk-download}: one multipart part per requested path, in request order,
 * streamed from disk. A path that cannot be sent gets a part named {@code error} instead, whose
 * JSON says why with the code the SDKs map to an exception. Parts are named by the path exactly as
 * requested, which is how the SDKs match them to their requests.
 */
final class BulkDownload {
    private static final int COPY_BUFFER = 64 * 1024;
    private static final String ERROR_CONTENT_TYPE = "application/json; charset=utf-8";

    private final SandboxPaths paths;
    private final ObjectMapper mapper;

    BulkDownload(SandboxPaths paths, ObjectMapper mapper) {
        this.paths = requireNonNull(paths, "paths is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    /** Why a file could not be sent, with the code the SDK reports. */
    private record Refusal(ErrorCode status, String code, String message) {}

    void send(List<String> requested, MultipartFormWriter writer, String requestPath, String method) throws IOException {
        for (String raw : requested) {
            String name = raw == null ? "" : raw;
            Optional<Refusal> refusal = sendFile(name, writer);
            if (refusal.isPresent()) {
                Refusal why = refusal.get();
                byte[] body = mapper.writeValueAsBytes(new ErrorResponse(why.status().status(), why.message(),
                        why.status().reason(), why.code(), requestPath, method, Instant.now()));
                writer.part("error", name, ERROR_CONTENT_TYPE, body);
            }
        }
        writer.finish();
    }

    static String contentType(String name) {
        String type = MimeTypes.DEFAULTS.getMimeByExtension(name);
        return type == null ? "application/octet-stream" : type;
    }

    private Optional<Refusal> sendFile(String name, MultipartFormWriter writer) throws IOException {
        Optional<Path> resolved = paths.resolve(name);
        if (resolved.isEmpty()) {
            return Optional.of(new Refusal(ErrorCode.BAD_REQUEST, "INVALID_FILE_PATH",
                    "not a valid path: " + SandboxPaths.whyInvalid(name)));
        }
        Path path = resolved.get();
        FileChannel channel;
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                return Optional.of(new Refusal(ErrorCode.BAD_REQUEST, "INVALID_FILE_PATH", (attributes.isDirectory()
                        ? "Is a directory: " : "Not a regular file: ") + path + "; only files can be downloaded"));
            }
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            return Optional.of(refusal(e, path));
        }
        try (channel) {
            long size = channel.size();
            writer.startPart("file", name, contentType(name), size);
            copy(Channels.newInputStream(channel), writer.body(), size, path);
        }
        return Optional.empty();
    }

    /**
     * Copies exactly {@code size} bytes. A file that shrinks while being sent cannot be framed any
     * more, so the response is broken off rather than ended with a part the client would take as whole.
     */
    private static void copy(InputStream in, OutputStream out, long size, Path path) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER];
        long remaining = size;
        while (remaining > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (read < 0) {
                throw new IOException(path + " shrank by " + remaining + " bytes while being downloaded");
            }
            out.write(buffer, 0, read);
            remaining -= read;
        }
    }

    private static Refusal refusal(IOException failure, Path path) {
        ErrorCode status = FileErrors.code(failure);
        String code = switch (status) {
            case NOT_FOUND -> "FILE_NOT_FOUND";
            case FORBIDDEN -> "FILE_ACCESS_DENIED";
            case BAD_REQUEST -> "INVALID_FILE_PATH";
            default -> "FILE_READ_FAILED";
        };
        ErrorCode reported = code.equals("FILE_READ_FAILED") ? ErrorCode.INTERNAL_SERVER_ERROR : status;
        return new Refusal(reported, code, FileErrors.message(failure, path.toString()));
    }
}
