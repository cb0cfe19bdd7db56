package io.daytona.daemon.computeruse;

import static java.util.Objects.requireNonNull;

import io.daytona.http.ErrorCode;
import io.daytona.http.ServiceException;
import io.daytona.model.toolbox.computeruse.Recording;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Screen recordings: one {@code ffmpeg -f x11grab} per recording, H.264 in MP4 files named
 * {@code <id>_<label>_<timestamp>.mp4} under the recordings directory (upstream's naming, so the
 * id is recovered from the file after a daemon restart). A stop sends {@code q} so ffmpeg writes
 * the MP4 index; a recording whose ffmpeg died is kept as {@code failed}.
 */
final class Recordings {
    private static final Logger LOG = LoggerFactory.getLogger(Recordings.class);
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9. _-]{1,100}");
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);
    /** ffmpeg fails within milliseconds when it cannot open the display; a start waits this long. */
    private static final Duration STARTUP = Duration.ofMillis(500);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int FRAME_RATE = 30;

    /** A recording under way (or whose ffmpeg died: {@code failed}). */
    private record Active(Recording recording, Process ffmpeg) {}

    private final Desktop desktop;
    private final Clock clock;
    private final Map<String, Active> active = new LinkedHashMap<>();

    Recordings(Desktop desktop, Clock clock) {
        this.desktop = requireNonNull(desktop, "desktop is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    Recording start(Optional<String> label) throws IOException, InterruptedException {
        Optional<String> name = label.filter(l -> !l.isEmpty());
        name.ifPresent(Recordings::checkLabel);
        desktop.requireDisplay();
        Path dir = desktop.config().recordingsDir();
        Files.createDirectories(dir);
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        String fileName = "%s_%s_%s.mp4".formatted(id, name.orElse("session"), STAMP.format(now));
        Path file = dir.resolve(fileName);
        Path log = desktop.config().stateDir().resolve("recording-" + id + ".log");
        DesktopConfig config = desktop.config();
        ProcessBuilder builder = new ProcessBuilder(List.of("ffmpeg", "-hide_banner", "-nostats", "-loglevel", "warning",
                "-f", "x11grab", "-framerate", Integer.toString(FRAME_RATE), "-video_size", config.width() + "x" + config.height(),
                "-i", config.display() + ".0", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-y",
                file.toString()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(config.environment());
        Process ffmpeg = builder.start();
        if (ffmpeg.waitFor(STARTUP.toMillis(), TimeUnit.MILLISECONDS)) {
            String reason = Files.readString(log).strip();
            Files.deleteIfExists(file);
            throw new ServiceException(ErrorCode.INTERNAL_SERVER_ERROR, "ffmpeg exited at once: " + reason);
        }
        Recording recording = new Recording(id, fileName, file.toString(), now, null, "recording", null, null);
        synchronized (this) {
            active.put(id, new Active(recording, ffmpeg));
        }
        LOG.info("recording {} to {}", id, file);
        return recording;
    }

    Recording stop(String id) throws IOException, InterruptedException {
        if (id == null || id.isBlank()) {
            throw new ServiceException(ErrorCode.BAD_REQUEST, "id is required");
        }
        Active stopping;
        synchronized (this) {
            stopping = active.remove(id);
        }
        if (stopping == null) {
            throw new ServiceException(ErrorCode.NOT_FOUND, "no recording " + id + " is under way");
        }
        Process ffmpeg = stopping.ffmpeg();
        boolean quit = false;
        if (ffmpeg.isAlive()) {
            try (OutputStream in = ffmpeg.getOutputStream()) {
                in.write("q".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                LOG.warn("could not ask ffmpeg of {} to quit: {}", id, e.getMessage());
            }
            quit = ffmpeg.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!quit) {
                ffmpeg.destroyForcibly().waitFor();
            }
        }
        Instant end = clock.instant();
        Path file = Path.of(stopping.recording().filePath());
        Long size = Files.exists(file) ? Files.size(file) : null;
        boolean completed = quit && ffmpeg.exitValue() == 0 && size != null;
        Recording base = stopping.recording();
        double seconds = Duration.between(base.startTime(), end).toMillis() / 1000.0;
        return new Recording(base.id(), base.fileName(), base.filePath(), base.startTime(), end,
                completed ? "completed" : "failed", seconds, size);
    }

    /** Stops every recording under way (the desktop is stopping). */
    void stopAll() throws IOException, InterruptedException {
        List<String> ids;
        synchronized (this) {
            ids = List.copyOf(active.keySet());
        }
        for (String id : ids) {
            stop(id);
        }
    }

    /** Those under way first, then the files, newest first. */
    List<Recording> list() throws IOException {
        List<Recording> recordings = new ArrayList<>();
        synchronized (this) {
            active.values().forEach(a -> recordings.add(current(a)));
        }
        List<Recording> files = new ArrayList<>();
        Path dir = desktop.config().recordingsDir();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.mp4")) {
                for (Path file : entries) {
                    fromFile(file).filter(r -> !isActive(r.id())).ifPresent(files::add);
                }
            }
        }
        files.sort(Comparator.comparing(Recording::endTime).reversed());
        recordings.addAll(files);
        return recordings;
    }

    Recording get(String id) throws IOException {
        synchronized (this) {
            Active recording = active.get(id);
            if (recording != null) {
                return current(recording);
            }
        }
        return fromFile(file(id)).orElseThrow();
    }

    /** The file of a finished recording; 404 if there is none. */
    Path file(String id) throws IOException {
        if (!ID.matcher(id).matches()) {
            throw new ServiceException(ErrorCode.NOT_FOUND, "no recording " + id);
        }
        if (isActive(id)) {
            throw new ServiceException(ErrorCode.BAD_REQUEST, "recording " + id + " is under way: stop it first");
        }
        Path dir = desktop.config().recordingsDir();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, id + "_*.mp4")) {
                for (Path file : entries) {
                    return file;
                }
            }
        }
        throw new ServiceException(ErrorCode.NOT_FOUND, "no recording " + id);
    }

    void delete(String id) throws IOException {
        Files.delete(file(id));
    }

    private synchronized boolean isActive(String id) {
        return active.containsKey(id);
    }

    /** An active recording, {@code failed} if its ffmpeg died. */
    private static Recording current(Active active) {
        Recording r = active.recording();
        if (active.ffmpeg().isAlive()) {
            return r;
        }
        return new Recording(r.id(), r.fileName(), r.filePath(), r.startTime(), null, "failed", null, null);
    }

    private static Optional<Recording> fromFile(Path file) throws IOException {
        String name = file.getFileName().toString();
        int underscore = name.indexOf('_');
        if (underscore < 0 || !ID.matcher(name.substring(0, underscore)).matches() || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        Instant end = attributes.lastModifiedTime().toInstant();
        Instant start = attributes.creationTime().toInstant();
        if (start.isAfter(end) || start.equals(Instant.EPOCH)) {
            start = end;
        }
        double seconds = Duration.between(start, end).toMillis() / 1000.0;
        return Optional.of(new Recording(name.substring(0, underscore), name, file.toString(), start, end, "completed",
                seconds, attributes.size()));
    }

    private static void checkLabel(String label) {
        if (!LABEL.matcher(label).matches() || label.isBlank() || label.strip().startsWith(".") || label.contains("..")) {
            throw new ServiceException(ErrorCode.BAD_REQUEST, "label may hold letters, digits, spaces, '.', '_' and '-' "
                    + "(at most 100, not starting with '.'), not '" + label + "'");
        }
    }
}
