package io.daytona.runner.archive;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.daytona.model.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Moves a stopped sandbox's writable layer (the overlay upper directory: the files it wrote and
 * whiteouts for the ones it deleted) into an {@link ArchiveStore} and back into the writable
 * layer of a new container of the same image. Only what the sandbox changed travels; the
 * snapshot's image, shared by every sandbox of it, stays on the runners.
 *
 * <p>The layer is a GNU tar stream with extended attributes (overlay's opaque-directory marks
 * are {@code trusted.*} attributes), ACLs and numeric owners, compressed with zstd at level 1:
 * archiving is I/O-bound and a fast level keeps the CPU free for running sandboxes.
 */
public final class LayerArchiver {
    private static final ObjectMapper JSON = Json.newMapper();
    private static final List<String> TAR_OPTIONS = List.of(
            "--xattrs", "--xattrs-include=*", "--acls", "--numeric-owner", "--sparse");

    /**
     * What is known about an archive besides its content.
     *
     * @param sandboxId the sandbox it belongs to
     * @param imageId the image the layer sits on; a restore needs the very same image
     * @param createdAt when it was made
     * @param bytes its compressed size
     */
    /** An archive's facts; {@code createdAt} to the microsecond, as JSON keeps it, so a re-read equals it. */
    public record Metadata(String sandboxId, String imageId, Instant createdAt, long bytes) {}

    private final ArchiveStore store;
    private final Path workDirectory;

    /** {@code workDirectory} holds archives while they are being written, on the runner's disk. */
    public LayerArchiver(ArchiveStore store, Path workDirectory) throws IOException {
        this.store = requireNonNull(store, "store is null");
        this.workDirectory = Files.createDirectories(requireNonNull(workDirectory, "workDirectory is null"));
    }

    /**
     * Writes the layer to the store. The metadata is stored last, so its presence means the
     * archive is complete; an interrupted archive is simply made again.
     */
    public Metadata archive(String sandboxId, Path upperDir, String imageId) throws IOException, InterruptedException {
        Path file = Files.createTempFile(workDirectory, sandboxId + "-", ".tar.zst.partial");
        try {
            List<String> command = new ArrayList<>(List.of("tar", "-C", upperDir.toString()));
            command.addAll(TAR_OPTIONS);
            command.addAll(List.of("-I", "zstd -1 -T0 -q", "-cpf", file.toString(), "."));
            run(command, null);
            Metadata metadata = new Metadata(sandboxId, imageId, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS), Files.size(file));
            store.put(dataKey(sandboxId), file);
            Path meta = Files.createTempFile(workDirectory, sandboxId + "-", ".json.partial");
            Files.write(meta, JSON.writeValueAsBytes(metadata));
            store.put(metadataKey(sandboxId), meta);
            return metadata;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The metadata of the sandbox's complete archive, if it has one. */
    public Optional<Metadata> metadata(String sandboxId) throws IOException {
        Optional<InputStream> in = store.open(metadataKey(sandboxId));
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream stream = in.get()) {
            return Optional.of(JSON.readValue(stream, Metadata.class));
        }
    }

    /** Unpacks the archive into the (empty) writable layer of a container that has not started yet. */
    public void restore(String sandboxId, Path upperDir) throws IOException, InterruptedException {
        InputStream in = store.open(dataKey(sandboxId)).orElseThrow(() ->
                new IOException("the archive of sandbox " + sandboxId + " is missing from the archive store"));
        try (in) {
            List<String> command = new ArrayList<>(List.of("tar", "-C", upperDir.toString()));
            command.addAll(TAR_OPTIONS);
            command.addAll(List.of("-I", "zstd -q", "-xpf", "-"));
            run(command, in);
        }
    }

    /**
     * Copies a writable layer into another (the empty one of a container that never ran), with
     * whiteouts, opaque marks, owners and attributes, as one tar piped into another.
     */
    public static void copy(Path fromUpperDir, Path toUpperDir) throws IOException, InterruptedException {
        List<String> pack = new ArrayList<>(List.of("tar", "-C", fromUpperDir.toString()));
        pack.addAll(TAR_OPTIONS);
        pack.addAll(List.of("-cf", "-", "."));
        List<String> unpack = new ArrayList<>(List.of("tar", "-C", toUpperDir.toString()));
        unpack.addAll(TAR_OPTIONS);
        unpack.addAll(List.of("-xpf", "-"));
        List<Process> pipeline = ProcessBuilder.startPipeline(List.of(
                new ProcessBuilder(pack).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                        .redirectError(ProcessBuilder.Redirect.PIPE),
                new ProcessBuilder(unpack).redirectErrorStream(true)));
        try {
            String packErrors = new String(pipeline.get(0).getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            String unpackOutput = new String(pipeline.get(1).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int packed = pipeline.get(0).waitFor();
            int unpacked = pipeline.get(1).waitFor();
            if (packed != 0 || unpacked != 0) {
                throw new IOException("copying the writable layer failed (tar exited with " + packed + " and " + unpacked + "): "
                        + (packErrors + unpackOutput).strip());
            }
        } catch (InterruptedException | IOException e) {
            pipeline.forEach(Process::destroyForcibly);
            throw e;
        }
    }

    /** Removes the sandbox's archive, if any: metadata first, so a half-removed archive counts as none. */
    public void delete(String sandboxId) throws IOException {
        store.delete(metadataKey(sandboxId));
        store.delete(dataKey(sandboxId));
    }

    private static String dataKey(String sandboxId) {
        return sandboxId + ".tar.zst";
    }

    private static String metadataKey(String sandboxId) {
        return sandboxId + ".json";
    }

    /** Runs a command, feeding it {@code stdin}; fails with its output if it exits non-zero. Killed if interrupted. */
    private static void run(List<String> command, InputStream stdin) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (stdin == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        }
        Process process = builder.start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (InputStream out = process.getInputStream()) {
                out.transferTo(output);
            } catch (IOException ignored) {
                // the process died; its exit code tells
            }
        });
        try {
            if (stdin != null) {
                try (OutputStream in = process.getOutputStream()) {
                    stdin.transferTo(in);
                }
            }
            int status = process.waitFor();
            reader.join();
            if (status != 0) {
                throw new IOException(command.getFirst() + " exited with " + status + ": "
                        + output.toString(StandardCharsets.UTF_8).strip());
            }
        } catch (InterruptedException | IOException e) {
            process.destroyForcibly();
            throw e;
        }
    }
}
