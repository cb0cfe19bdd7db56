package io.daytona.runner.disk;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What the kernel says about mounts and loop devices, read from /proc and /sys (no process to start). */
final class Mounts {
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");
    private static final Path BLOCK_DEVICES = Path.of("/sys/block");

    private Mounts() {}

    /** Whether something is mounted on {@code path} in the runner's mount namespace. */
    static boolean isMountPoint(Path path) throws IOException {
        String wanted = path.toString();
        for (String line : Files.readAllLines(MOUNTINFO)) {
            // id parent major:minor root mount-point options ...
            String[] fields = line.split(" ", 6);
            if (fields.length > 4 && unescape(fields[4]).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    /** The loop device whose backing file is {@code file}, if one is attached to it. */
    static Optional<String> loopDeviceOf(Path file) throws IOException {
        String wanted = file.toString();
        try (DirectoryStream<Path> devices = Files.newDirectoryStream(BLOCK_DEVICES, "loop*")) {
            for (Path device : devices) {
                Path backing = device.resolve("loop/backing_file");
                String name;
                try {
                    name = Files.readString(backing).strip();
                } catch (java.nio.file.NoSuchFileException | java.nio.file.AccessDeniedException unattached) {
                    continue;
                }
                if (name.equals(wanted)) {
                    return Optional.of("/dev/" + device.getFileName());
                }
            }
        }
        return Optional.empty();
    }

    /** Every mount point under {@code directory}. */
    static List<Path> mountPointsUnder(Path directory) throws IOException {
        return Files.readAllLines(MOUNTINFO).stream()
                .map(line -> line.split(" ", 6))
                .filter(fields -> fields.length > 4)
                .map(fields -> Path.of(unescape(fields[4])))
                .filter(mount -> mount.startsWith(directory))
                .toList();
    }

    /** mountinfo writes space, tab, newline and backslash as octal escapes ({@code \040}). */
    private static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length()) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
