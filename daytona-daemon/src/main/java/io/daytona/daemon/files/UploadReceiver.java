package io.daytona.daemon.files;

import static java.util.Objects.requireNonNull;

import io.daytona.http.ErrorCode;
import io.daytona.model.toolbox.files.UploadedFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.io.Content;

/**
 * Reads a {@code multipart/form-data} upload with Jetty's streaming parser and writes each file
 * part straight to its destination as its bytes arrive, so uploads of any size pass through a
 * fixed amount of memory. Destinations come from text parts named {@code <field>.path} that
 * precede the file part {@code <field>.file} (the SDKs' {@code files[i].path}/{@code files[i].file}),
 * or from a fixed mapping given up front (the legacy single upload's {@code file} field).
 * A part that fails is recorded and skipped; the others still land.
 */
final class UploadReceiver {
    private static final int READ_BUFFER = 64 * 1024;
    private static final int MAX_PATH_BYTES = 4096;
    private static final long MAX_PARTS = 1_000_000;

    private final SandboxPaths paths;

    UploadReceiver(SandboxPaths paths) {
        this.paths = requireNonNull(paths, "paths is null");
    }

    /**
     * What an upload produced.
     *
     * @param files the files written, in the order they arrived
     * @param failures one entry per part that could not be written, or for a malformed body
     */
    record Outcome(List<UploadedFile> files, List<Failure> failures) {
        Outcome {
            files = List.copyOf(files);
            failures = List.copyOf(failures);
        }
    }

    /**
     * A part that failed.
     *
     * @param message what went wrong, naming the destination
     * @param code the status this failure alone would have
     */
    record Failure(String message, ErrorCode code) {
        Failure {
            requireNonNull(message, "message is null");
            requireNonNull(code, "code is null");
        }
    }

    /**
     * Streams the parts of {@code body} to disk.
     *
     * @param boundary the boundary from the request's Content-Type
     * @param fixedDestinations file fields whose destinations are known before the body is read
     */
    Outcome receive(InputStream body, String boundary, Map<String, String> fixedDestinations) throws IOException {
        PartWriter writer = new PartWriter(fixedDestinations);
        MultiPart.Parser parser = new MultiPart.Parser(boundary, writer);
        parser.setMaxParts(MAX_PARTS);
        byte[] buffer = new byte[READ_BUFFER];
        try {
            int read;
            while (!writer.done && (read = body.read(buffer)) >= 0) {
                // The parser hands out slices of this chunk; the writer consumes them before parse returns.
                parser.parse(Content.Chunk.from(ByteBuffer.wrap(buffer, 0, read), false));
            }
            if (!writer.done) {
                parser.parse(Content.Chunk.EOF);
            }
        } finally {
            writer.abandon();
        }
        if (!writer.complete) {
            writer.fail("the multipart body ended before its closing boundary --" + boundary + "--", ErrorCode.BAD_REQUEST);
        }
        return new Outcome(writer.files, writer.failures);
    }

    /** Routes each part: destination paths are collected, file contents written, other parts ignored. */
    private final class PartWriter extends MultiPart.AbstractPartsListener {
        private final Map<String, String> destinations;
        private final List<UploadedFile> files = new ArrayList<>();
        private final List<Failure> failures = new ArrayList<>();
        private ByteArrayOutputStream pathText;
        private String pathField;
        private UploadTarget target;
        private String targetName;
        private boolean done;
        private boolean complete;

        PartWriter(Map<String, String> fixedDestinations) {
            this.destinations = new HashMap<>(fixedDestinations);
        }

        @Override
        public void onPartHeaders() {
            String name = getName() == null ? "" : getName();
            if (name.endsWith(".path")) {
                pathField = name.substring(0, name.length() - ".path".length()) + ".file";
                pathText = new ByteArrayOutputStream();
                return;
            }
            String destination = destinations.remove(name);
            if (destination != null) {
                openTarget(name, destination);
            } else if (name.endsWith(".file")) {
                fail("%s: no %s.path part before it says where to write it".formatted(name, name.substring(0, name.length() - 5)),
                        ErrorCode.BAD_REQUEST);
            }
        }

        @Override
        public void onPartContent(Content.Chunk chunk) {
            ByteBuffer bytes = chunk.getByteBuffer().slice();
            if (pathText != null) {
                collectPath(bytes);
            } else if (target != null) {
                writeTarget(bytes);
            }
        }

        @Override
        public void onPartEnd() {
            if (pathText != null) {
                finishPath();
            } else if (target != null) {
                commitTarget();
            }
            super.onPartEnd();
        }

        @Override
        public void onPart(String name, String fileName, HttpFields headers) {
            // Everything happened as the part streamed by.
        }

        @Override
        public void onComplete() {
            complete = true;
            done = true;
        }

        @Override
        public void onFailure(Throwable failure) {
            fail("malformed multipart body: " + failure.getMessage(), ErrorCode.BAD_REQUEST);
            done = true;
        }

        private void collectPath(ByteBuffer bytes) {
            if (pathText.size() + bytes.remaining() > MAX_PATH_BYTES) {
                fail("%s: the destination path is longer than %d bytes".formatted(pathField, MAX_PATH_BYTES), ErrorCode.BAD_REQUEST);
                pathText = null;
                return;
            }
            byte[] copy = new byte[bytes.remaining()];
            bytes.get(copy);
            pathText.writeBytes(copy);
        }

        private void finishPath() {
            String destination = pathText.toString(StandardCharsets.UTF_8).strip();
            pathText = null;
            if (destination.isEmpty()) {
                fail("%s: the destination path is empty".formatted(pathField), ErrorCode.BAD_REQUEST);
                return;
            }
            destinations.put(pathField, destination);
        }

        private void openTarget(String name, String destination) {
            Optional<Path> path = paths.resolve(destination);
            if (path.isEmpty()) {
                fail("not a valid path: " + SandboxPaths.whyInvalid(destination),
                        ErrorCode.BAD_REQUEST);
                return;
            }
            try {
                target = UploadTarget.open(path.get());
                targetName = destination;
            } catch (IOException e) {
                failWrite(destination, e);
            }
        }

        private void writeTarget(ByteBuffer bytes) {
            try {
                target.write(bytes);
            } catch (IOException e) {
                failWrite(targetName, e);
                discardTarget();
            }
        }

        private void commitTarget() {
            try {
                target.commit();
                files.add(new UploadedFile(targetName, target.written()));
            } catch (IOException e) {
                failWrite(targetName, e);
            } finally {
                discardTarget();
            }
        }

        private void discardTarget() {
            try {
                target.close();
            } catch (IOException ignored) {
                // the temporary file stays behind; the failure was already recorded
            }
            target = null;
            targetName = null;
        }

        /** Drops a file still being written when the body ends early or reading fails. */
        void abandon() {
            if (target != null) {
                discardTarget();
            }
        }

        private void failWrite(String destination, IOException e) {
            fail(FileErrors.message(e, destination), FileErrors.code(e));
        }

        private void fail(String message, ErrorCode code) {
            failures.add(new Failure(message, code));
        }
    }
}
